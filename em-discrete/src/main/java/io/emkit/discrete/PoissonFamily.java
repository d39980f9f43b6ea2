package io.emkit.discrete;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.family.VectorFamily;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The Poisson family: each observation is d non-negative integer counts, independent given the
 * component, {@code log p(x | j) = Σ_a (x_a log λ_ja - λ_ja - log x_a!)}. M-step:
 * {@code λ_ja = Σ_i w_ij x_ia / Σ_i w_ij} (the weighted mean count); a component with no weight keeps
 * its rates and is reported {@linkplain Repairs#empty empty}; a rate of 0 stays legal (it gives zero
 * probability to any positive count). Reseed rule: the rates become the observation's counts plus
 * 0.5.
 */
public final class PoissonFamily implements Family<PoissonFamily.Rates, PoissonFamily.Sums>, VectorFamily<PoissonFamily.Rates> {
    private static final long serialVersionUID = 1L;

    /** The one Poisson family (it has no settings). */
    public static final PoissonFamily INSTANCE = new PoissonFamily();

    private PoissonFamily() {}

    /**
     * k components of d Poisson rates each: immutable, validated (finite, {@code >= 0}).
     */
    public static final class Rates implements Serializable {
        private static final long serialVersionUID = 1L;
        final int k;
        final int d;
        final double[] rates;    // k × d
        final double[] logRates; // k × d

        private Rates(int k, int d, double[] rates) {
            this.k = k;
            this.d = d;
            this.rates = rates;
            this.logRates = new double[rates.length];
            for (int i = 0; i < rates.length; i++) {
                logRates[i] = Math.log(rates[i]);
            }
        }

        /**
         * Validated rates.
         *
         * @param rates {@code k × d}, finite and {@code >= 0}. Not modified.
         * @return the components
         * @throws IllegalArgumentException naming the bad entry
         */
        public static Rates of(double[][] rates) {
            Objects.requireNonNull(rates, "rates");
            checkArgument(rates.length >= 1 && rates[0] != null && rates[0].length >= 1,
                    "rates must be a non-empty k x d array");
            int k = rates.length;
            int d = rates[0].length;
            double[] flat = new double[Math.multiplyExact(k, d)];
            for (int j = 0; j < k; j++) {
                checkArgument(rates[j] != null && rates[j].length == d, "rates[%s] must have length d = %s", j, d);
                for (int a = 0; a < d; a++) {
                    double v = rates[j][a];
                    checkArgument(v >= 0 && v < Double.POSITIVE_INFINITY, "rates[%s][%s] is %s; must be finite and >= 0",
                            j, a, v);
                    flat[j * d + a] = v;
                }
            }
            return new Rates(k, d, flat);
        }

        /**
         * A rate.
         *
         * @param component component index
         * @param coordinate coordinate index
         * @return {@code λ}
         */
        public double rate(int component, int coordinate) {
            return rates[component * d + coordinate];
        }

        /**
         * The rates.
         *
         * @return a new {@code k × d} array
         */
        public double[][] toArray() {
            double[][] out = new double[k][];
            for (int j = 0; j < k; j++) {
                out[j] = Arrays.copyOfRange(rates, j * d, (j + 1) * d);
            }
            return out;
        }

        @Override
        public String toString() {
            return "PoissonRates" + Arrays.deepToString(toArray());
        }
    }

    /**
     * The coordinates' length: the logarithm of every rate that is not 0 in {@code layout} (a zero
     * rate is structural and has no coordinate).
     *
     * @param layout the set that fixes the coordinates
     * @return the length
     */
    @Override
    public int vectorLength(Rates layout) {
        int length = 0;
        for (double r : layout.rates) {
            if (r != 0) {
                length++;
            }
        }
        return length;
    }

    /**
     * Writes the log rates (see {@link #vectorLength}).
     *
     * @param set the rates to write
     * @param layout the set that fixes the coordinates
     * @param out receives the coordinates. Modified.
     * @param offset where in {@code out}
     * @return false if the shapes or the zero patterns differ
     */
    @Override
    public boolean toVector(Rates set, Rates layout, double[] out, int offset) {
        if (set.k != layout.k || set.d != layout.d) {
            return false;
        }
        int o = offset;
        for (int i = 0; i < layout.rates.length; i++) {
            if (layout.rates[i] == 0) {
                if (set.rates[i] != 0) {
                    return false;
                }
                continue;
            }
            if (!(set.rates[i] > 0)) {
                return false;
            }
            out[o++] = set.logRates[i];
        }
        return true;
    }

    /**
     * The rates the coordinates describe (zero rates of {@code layout} stay zero).
     *
     * @param in the coordinates. Not modified.
     * @param offset where they start
     * @param layout the set that fixed the coordinates
     * @return the rates, or null on overflow or underflow to 0
     */
    @Override
    public Rates fromVector(double[] in, int offset, Rates layout) {
        double[] rates = new double[layout.rates.length];
        int o = offset;
        for (int i = 0; i < rates.length; i++) {
            if (layout.rates[i] != 0) {
                rates[i] = Math.exp(in[o++]);
                if (!(rates[i] > 0 && rates[i] < Double.POSITIVE_INFINITY)) {
                    return null;
                }
            }
        }
        return new Rates(layout.k, layout.d, rates);
    }

    /** Per component the summed weights {@code N_j} and weighted counts {@code Σ w x} ({@code k × d}). */
    public static final class Sums implements Accumulator<Sums> {
        private static final long serialVersionUID = 1L;
        final int k;
        final int d;
        final double[] weight;
        final double[] counts;

        Sums(int k, int d) {
            this.k = k;
            this.d = d;
            this.weight = new double[k];
            this.counts = new double[Math.multiplyExact(k, d)];
        }

        @Override
        public Sums merge(Sums other) {
            checkArgument(other.k == k && other.d == d, "shape mismatch: %s x %s vs %s x %s", other.k, other.d, k, d);
            for (int j = 0; j < k; j++) {
                weight[j] += other.weight[j];
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            return this;
        }

        @Override
        public Sums scale(double factor) {
            checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0",
                    factor);
            for (int j = 0; j < k; j++) {
                weight[j] *= factor;
            }
            for (int i = 0; i < counts.length; i++) {
                counts[i] *= factor;
            }
            return this;
        }

        @Override
        public Sums emptyCopy() {
            return new Sums(k, d);
        }
    }

    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public int components(Rates set) {
        return set.k;
    }

    @Override
    public int dimension(Rates set) {
        return set.d;
    }

    @Override
    public void validate(double[] x, int n, int d, String where, long firstIndex) {
        for (int i = 0; i < n * d; i++) {
            double v = x[i];
            if (!(v >= 0 && v == Math.rint(v))) {
                throw new IllegalArgumentException(where + "[" + (firstIndex + i / d) + "][" + (i % d) + "] is " + v
                        + "; Poisson observations must be non-negative integer counts");
            }
        }
    }

    @Override
    public Kernel<Sums> kernel(Rates set) {
        final int k = set.k;
        final int d = set.d;
        Sums sums = new Sums(k, d);
        return new Kernel<>() {
            @Override
            public void logDensities(double[] x, int xOffset, int n, double[] out, int outOffset, int stride) {
                for (int i = 0; i < n; i++) {
                    double logFactorials = 0;
                    for (int a = 0; a < d; a++) {
                        logFactorials += logFactorial(x[xOffset + i * d + a]);
                    }
                    for (int j = 0; j < k; j++) {
                        double s = -logFactorials;
                        for (int a = 0; a < d; a++) {
                            double xa = x[xOffset + i * d + a];
                            double lambda = set.rates[j * d + a];
                            // x log λ - λ, with 0 · log 0 = 0
                            s += (xa == 0 ? 0.0 : xa * set.logRates[j * d + a]) - lambda;
                        }
                        out[outOffset + j * stride + i] = s;
                    }
                }
            }

            @Override
            public void accumulate(double[] x, int xOffset, int n, double[] weights, int wOffset, int stride) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        double w = weights[wOffset + j * stride + i];
                        sums.weight[j] += w;
                        for (int a = 0; a < d; a++) {
                            sums.counts[j * d + a] += w * x[xOffset + i * d + a];
                        }
                    }
                }
            }

            @Override
            public Sums finish() {
                return sums;
            }
        };
    }

    /** log x! for a non-negative integral x: exact sums to 256, then Stirling's series. */
    static double logFactorial(double x) {
        if (x < 2) {
            return 0;
        }
        if (x <= 256) {
            double s = 0;
            for (int i = 2; i <= (int) x; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double inv = 1.0 / x;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + inv / 12 - inv * inv * inv / 360;
    }

    @Override
    public Rates estimate(Sums total, Rates previous, Repairs repairs) {
        double[] next = new double[total.k * total.d];
        for (int j = 0; j < total.k; j++) {
            double nj = total.weight[j];
            for (int a = 0; a < total.d; a++) {
                // λ_ja = Σ_i w_ij x_ia / Σ_i w_ij
                next[j * total.d + a] = nj > 0 ? total.counts[j * total.d + a] / nj : previous.rates[j * total.d + a];
            }
            if (!(nj > 0)) {
                repairs.empty(j, nj);
            }
        }
        return new Rates(total.k, total.d, next);
    }

    /** Every component at the data's mean counts. */
    @Override
    public Rates reference(Dataset data, int k) {
        int d = data.dimension();
        double[] mean = new double[d];
        double[] row = new double[d];
        for (int i = 0; i < data.size(); i++) {
            data.copyRows(i, i + 1, row, 0);
            for (int a = 0; a < d; a++) {
                mean[a] += data.weight(i) * row[a] / data.totalWeight();
            }
        }
        double[] rates = new double[Math.multiplyExact(k, d)];
        for (int j = 0; j < k; j++) {
            System.arraycopy(mean, 0, rates, j * d, d);
        }
        return new Rates(k, d, rates);
    }

    @Override
    public Rates reseed(Rates set, int component, double[] observation, Sums total) {
        double[] rates = set.rates.clone();
        for (int a = 0; a < set.d; a++) {
            rates[component * set.d + a] = observation[a] + 0.5;
        }
        return new Rates(set.k, set.d, rates);
    }

    @Override
    public long parameterCount(Rates set) {
        return (long) set.k * set.d;
    }

    /** Knuth's multiplication method for small rates, a rounded normal approximation above 500. */
    @Override
    public void sample(Rates set, int component, RandomGenerator random, double[] out, int offset) {
        for (int a = 0; a < set.d; a++) {
            double lambda = set.rates[component * set.d + a];
            double v;
            if (lambda > 500) {
                v = Math.max(0, Math.rint(lambda + Math.sqrt(lambda) * random.nextGaussian()));
            } else {
                double limit = Math.exp(-lambda);
                double p = random.nextDouble();
                int count = 0;
                while (p > limit) {
                    p *= random.nextDouble();
                    count++;
                }
                v = count;
            }
            out[offset + a] = v;
        }
    }

    @Override
    public String toString() {
        return "PoissonFamily";
    }
}
