package io.emkit.examples.usermodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Multivariate Bernoulli family on em-core alone: {@code log f_j(x) = Σ_a x_a log p_ja + (1 - x_a) log(1 - p_ja)}
 * (0 log 0 = 0). M-step {@code p_ja = (Σ w x_a + α) / (N_j + 2α)}, a Beta(1+α, 1+α) prior; a component with
 * {@code N_j <= 1e-10 Σ N} is kept and reported empty. Reference: every p = 1/2; {@link #reseed}: p = 0.25 + 0.5 x.
 */
public final class BernoulliFamily implements Family<BernoulliFamily.Components, BernoulliFamily.Counts> {
    private final double alpha;

    /** The family with {@code α = 0.01} pseudo-observations per bit, which keeps every p off 0 and 1. */
    public BernoulliFamily() { this(0.01); }

    /** @param alpha pseudo-count per bit (0: maximum likelihood), finite, >= 0, else IllegalArgumentException */
    public BernoulliFamily(double alpha) {
        checkArgument(alpha >= 0 && Double.isFinite(alpha), "pseudo-count alpha (%s) must be finite and >= 0", alpha);
        this.alpha = alpha;
    }

    /** Immutable k × d bit probabilities, with {@code log p} and {@code log(1 - p)} precomputed. */
    public static final class Components implements java.io.Serializable {
        final int k, d;
        final double[] p, logP, logQ;

        /** From k, d >= 1 and row-major k × d probabilities p in [0, 1] (copied); else IllegalArgumentException. */
        public Components(int k, int d, double[] p) {
            checkArgument(k >= 1 && d >= 1 && p.length == (long) k * d, "k = %s, d = %s, %s values", k, d, p.length);
            for (int ja = 0; ja < p.length; ja++) {
                checkArgument(p[ja] >= 0 && p[ja] <= 1, "p[%s][%s] is %s; must be in [0, 1]", ja / d, ja % d, p[ja]);
            }
            this.k = k;
            this.d = d;
            this.p = p.clone();
            this.logP = Arrays.stream(p).map(Math::log).toArray();
            this.logQ = Arrays.stream(p).map(q -> Math.log1p(-q)).toArray();
        }

        /** @return {@code P(x_a = 1)} under component j, for j in [0, k) and a in [0, d) */
        public double get(int j, int a) { return p[j * d + a]; }
    }

    /** Per component {@code N_j = Σ w} and {@code Σ w x_a}: plain sums, so merge is addition. */
    public static final class Counts implements Accumulator<Counts> {
        final double[] n, sx;

        Counts(int k, int d) { n = new double[k]; sx = new double[k * d]; }

        @Override public Counts merge(Counts o) {
            checkArgument(o.n.length == n.length && o.sx.length == sx.length, "Counts of different k or d");
            for (int j = 0; j < n.length; j++) n[j] += o.n[j];
            for (int m = 0; m < sx.length; m++) sx[m] += o.sx[m];
            return this;
        }

        @Override public Counts scale(double f) {
            checkArgument(f >= 0 && Double.isFinite(f), "factor (%s) must be finite and >= 0", f);
            for (int j = 0; j < n.length; j++) n[j] *= f;
            for (int m = 0; m < sx.length; m++) sx[m] *= f;
            return this;
        }

        @Override public Counts emptyCopy() { return new Counts(n.length, sx.length / n.length); }
    }

    @Override public String name() { return "bernoulli"; }
    @Override public int components(Components set) { return set.k; }
    @Override public int dimension(Components set) { return set.d; }
    @Override public long parameterCount(Components set) { return (long) set.k * set.d; }
    @Override public boolean isRegularised() { return alpha > 0; }

    @Override public void validate(double[] x, int n, int d, String where, long firstIndex) {
        for (int ia = 0; ia < n * d; ia++) {
            checkArgument(x[ia] == 0 || x[ia] == 1, "%s[%s][%s] is %s; Bernoulli observations must be 0 or 1",
                    where, firstIndex + ia / d, ia % d, x[ia]);
        }
    }

    @Override public Kernel<Counts> kernel(Components c) {
        Counts counts = new Counts(c.k, c.d);
        return new Kernel<>() {
            @Override public void logDensities(double[] x, int xo, int nb, double[] out, int oo, int stride) {
                for (int j = 0; j < c.k; j++) {
                    for (int i = 0; i < nb; i++) {
                        double sum = 0; // the bit picks the log, so p = 0 or 1 gives 0 or -∞, never 0·∞ = NaN
                        for (int a = 0; a < c.d; a++) sum += (x[xo + i * c.d + a] != 0 ? c.logP : c.logQ)[j * c.d + a];
                        out[oo + j * stride + i] = sum;
                    }
                }
            }

            @Override public void accumulate(double[] x, int xo, int nb, double[] w, int wo, int stride) {
                for (int j = 0; j < c.k; j++) {
                    for (int i = 0; i < nb; i++) {
                        double wij = w[wo + j * stride + i];
                        for (int a = 0; a < c.d; a++) counts.sx[j * c.d + a] += wij * x[xo + i * c.d + a];
                        counts.n[j] += wij;
                    }
                }
            }

            @Override public Counts finish() { return counts; }
        };
    }

    @Override public Components estimate(Counts s, Components c, Repairs repairs) {
        double total = Arrays.stream(s.n).sum();
        double[] p = c.p.clone();
        for (int j = 0; j < c.k; j++) { // Σ w x_a <= N_j holds in floating point too (same additions): p <= 1
            boolean empty = !(s.n[j] > 1e-10 * total && s.n[j] < Double.POSITIVE_INFINITY);
            if (empty) repairs.empty(j, s.n[j]); // and row j keeps its previous values
            for (int a = 0; a < c.d && !empty; a++) p[j * c.d + a] = (s.sx[j * c.d + a] + alpha) / (s.n[j] + 2 * alpha);
        }
        return new Components(c.k, c.d, p);
    }

    @Override public Components reference(Dataset data, int k) {
        double[] p = new double[k * data.dimension()];
        Arrays.fill(p, 0.5);
        return new Components(k, data.dimension(), p);
    }

    @Override public Components reseed(Components set, int j, double[] observation, Counts total) {
        double[] p = set.p.clone();
        for (int a = 0; a < set.d; a++) p[j * set.d + a] = 0.25 + 0.5 * observation[a];
        return new Components(set.k, set.d, p);
    }

    @Override public void sample(Components set, int j, RandomGenerator random, double[] out, int offset) {
        for (int a = 0; a < set.d; a++) out[offset + a] = random.nextDouble() < set.p[j * set.d + a] ? 1 : 0;
    }
}
