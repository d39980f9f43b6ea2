package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.numeric.KMeans;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A mixture of a family is itself a family: each of S outer components ("states") is a finite
 * mixture of M components of an inner family,
 * {@code g_s(x) = Σ_{m<M} w_sm f_sm(x)}, {@code Σ_m w_sm = 1}. An HMM over this family whose inner
 * family is Gaussian is the HMM with Gaussian-mixture emissions (Rabiner &amp; Juang 1986;
 * hmmlearn's {@code GMMHMM}); a {@link Mixture} over it is a mixture of {@code S·M} inner components
 * grouped in S clusters (McLachlan &amp; Peel 2000, §2.19 on mixtures of mixtures).
 *
 * <p>E-step, given the structure's weights {@code γ_s(i)} of observation i under state s (a
 * responsibility or state posterior, times the row weight): the within-state responsibilities
 * {@code ρ_sm(i) = w_sm f_sm(x_i) / g_s(x_i)} (by log-sum-exp), the inner weights
 * {@code γ_s(i) ρ_sm(i)} handed to the inner family's accumulation, and
 * {@code N_sm = Σ_i γ_s(i) ρ_sm(i)}. An observation with {@code g_s(x_i) = 0} gives its
 * {@code γ_s(i)} equally to the M inner components. M-step: {@code w_sm = N_sm / Σ_m' N_sm'}, and
 * the inner components from the inner family's {@link Family#estimate} of the merged inner
 * statistics. All {@code S·M} inner components live in one inner set, component {@code (s, m)} at
 * index {@code s·M + m} ({@link MixtureSet}), so the inner family's block kernels run on all of them
 * at once; parts the inner family shares between its components are therefore shared across all
 * states (a tied Gaussian covariance is one matrix for all {@code S·M} components, not one per state
 * as in hmmlearn's {@code GMMHMM} with {@code covariance_type="tied"}).
 *
 * <h2>Repair rules</h2>
 * <ul>
 *   <li>A state whose {@code Σ_m N_sm} is not above {@value #EMPTY_FRACTION} times the total
 *       weight, or none of whose inner components the inner family could estimate, keeps its
 *       previous weights and is reported {@linkplain Repairs#empty empty}. Its inner components are
 *       what the inner family's estimate makes of their (tiny) statistics: a family that reports them
 *       empty keeps their previous values, as the Gaussian family does below the same fraction.</li>
 *   <li>An inner component that the inner family reports empty inside a live state keeps the
 *       inner family's (previous) values and gets weight 0; the state's other weights are
 *       {@code N_sm} over their sum. A {@link FitWarning.ModelWarning} names it when its previous
 *       weight was positive, so once: with weight 0 it takes no more weight and the state goes on as
 *       a mixture of the others. (Its weight {@code N_sm} was at most the inner family's empty
 *       fraction of the total, so dropping it changes the likelihood negligibly.)</li>
 *   <li>Warnings of the inner family (a regularised covariance) pass through; their component index
 *       is the inner index {@code s·M + m}.</li>
 *   <li>{@link #reseed} of state s re-seeds each of its M inner components by the inner family's
 *       rule at the given observation and makes its weights uniform. The M components then coincide
 *       and EM keeps them so: the state continues as one inner component.</li>
 * </ul>
 *
 * <p>Instances are immutable, thread-safe and serialisable. Create with {@link #of}.
 *
 * @param <C> the inner family's component-set type
 * @param <A> the inner family's accumulator type
 */
public final class MixtureFamily<C, A extends Accumulator<A>> implements Family<MixtureSet<C>, MixtureAccumulator<A>> {
    private static final long serialVersionUID = 1L;

    /** A state is empty when {@code Σ_m N_sm <= EMPTY_FRACTION · Σ_s Σ_m N_sm}. */
    public static final double EMPTY_FRACTION = 1e-10;

    /**
     * The weight, relative to its state's other clusters, that {@link #initialize} gives an inner
     * cluster no observation fell into, before the state's weights are normalised.
     */
    public static final double EMPTY_CLUSTER_WEIGHT = 1e-3;

    /** The inner family. */
    private final Family<C, A> inner;
    /** M, the inner components per state. */
    private final int perState;

    private MixtureFamily(Family<C, A> inner, int perState) {
        this.inner = inner;
        this.perState = perState;
    }

    /**
     * The family of M-component mixtures of {@code inner}.
     *
     * @param inner the inner family. Not null.
     * @param perState the number of inner components per state M, {@code >= 1}
     * @param <C> the inner component-set type
     * @param <A> the inner accumulator type
     * @return the family
     * @throws IllegalArgumentException if {@code perState < 1}
     * @throws NullPointerException if {@code inner} is null
     */
    public static <C, A extends Accumulator<A>> MixtureFamily<C, A> of(Family<C, A> inner, int perState) {
        Objects.requireNonNull(inner, "inner");
        checkArgument(perState >= 1, "perState (%s) must be >= 1: each state is a mixture of at least one component",
                perState);
        return new MixtureFamily<>(inner, perState);
    }

    /**
     * The inner family.
     *
     * @return the family of the inner components
     */
    public Family<C, A> inner() {
        return inner;
    }

    /**
     * The number of inner components per state M.
     *
     * @return {@code M >= 1}
     */
    public int perState() {
        return perState;
    }

    /**
     * {@code "mixture-of-"} followed by the inner family's name.
     *
     * @return the name
     */
    @Override
    public String name() {
        return "mixture-of-" + inner.name();
    }

    /**
     * The number of states S.
     *
     * @param set a set of this family
     * @return {@code S >= 1}
     */
    @Override
    public int components(MixtureSet<C> set) {
        return set.states();
    }

    /**
     * The inner components' dimension.
     *
     * @param set a set of this family
     * @return {@code d >= 1}
     */
    @Override
    public int dimension(MixtureSet<C> set) {
        return inner.dimension(set.inner());
    }

    /**
     * The inner family's support check.
     *
     * @param x observations, row-major {@code n × d}. Not modified.
     * @param n the number of observations
     * @param d the dimension
     * @param where how the caller names the observations in messages
     * @param firstIndex the index of observation 0 in the caller's numbering
     * @throws IllegalArgumentException as the inner family does
     */
    @Override
    public void validate(double[] x, int n, int d, String where, long firstIndex) {
        inner.validate(x, n, d, where, firstIndex);
    }

    /**
     * A kernel: log densities {@code log g_s(x_i)} and accumulation as in the class notes.
     *
     * @param set the current components. Not modified.
     * @return a new kernel, for one thread
     * @throws IllegalArgumentException if the set has another number of inner components per state
     */
    @Override
    public Kernel<MixtureAccumulator<A>> kernel(MixtureSet<C> set) {
        checkSet(set);
        return new MixtureKernel<>(inner.kernel(set.inner()), set);
    }

    private void checkSet(MixtureSet<C> set) {
        Objects.requireNonNull(set, "set");
        checkArgument(set.perState() == perState, "set has M = %s inner components per state but the family has %s",
                set.perState(), perState);
    }

    /**
     * The M-step: {@code w_sm = N_sm / Σ_m' N_sm'} and the inner family's estimate, with the repair
     * rules of the class notes.
     *
     * @param total the merged statistics. May be modified (the inner family may modify its part).
     * @param previous the components the statistics were computed under
     * @param repairs the iteration number and the sinks for repairs; states are reported empty by
     *     their index s
     * @return the new components
     * @throws IllegalArgumentException if the statistics' S or M differ from the set's
     */
    @Override
    public MixtureSet<C> estimate(MixtureAccumulator<A> total, MixtureSet<C> previous, Repairs repairs) {
        checkSet(previous);
        final int states = previous.states();
        final int m = perState;
        checkArgument(total.states == states && total.perState == m,
                "statistics have S = %s, M = %s but the components have S = %s, M = %s", total.states, total.perState,
                states, m);
        final boolean[] innerEmpty = new boolean[states * m];
        Repairs innerRepairs = Repairs.of(repairs, (component, weight) -> innerEmpty[component] = true);
        C next = inner.estimate(total.inner, previous.inner(), innerRepairs);

        double grand = 0;
        for (double v : total.n) {
            grand += v;
        }
        double[] old = previous.rawWeights();
        double[] weights = new double[states * m];
        for (int s = 0; s < states; s++) {
            int base = s * m;
            double stateWeight = 0;
            double liveWeight = 0;
            for (int c = 0; c < m; c++) {
                double n = Math.max(total.n[base + c], 0.0);
                stateWeight += n;
                if (!innerEmpty[base + c]) {
                    liveWeight += n;
                }
            }
            boolean live = stateWeight > EMPTY_FRACTION * grand && stateWeight < Double.POSITIVE_INFINITY
                    && liveWeight > 0;
            if (!live) {
                System.arraycopy(old, base, weights, base, m);
                repairs.empty(s, stateWeight);
                continue;
            }
            for (int c = 0; c < m; c++) {
                int j = base + c;
                if (innerEmpty[j]) {
                    weights[j] = 0.0;
                    if (old[j] > 0) {
                        repairs.warn(new FitWarning.ModelWarning(repairs.iteration(), "state " + s
                                + ": inner component " + c + " (inner index " + j + ") had weight " + total.n[j]
                                + ", too little to estimate; kept its previous values with mixing weight 0"));
                    }
                } else {
                    weights[j] = Math.max(total.n[j], 0.0) / liveWeight;
                }
            }
        }
        return MixtureSet.wrap(states, m, weights, next);
    }

    /**
     * S states of M inner components each, all at the inner family's {@linkplain Family#reference
     * reference}, with uniform weights {@code 1/M}.
     *
     * @param data the data (or a sample). Not modified.
     * @param k the number of states S
     * @return a valid set
     */
    @Override
    public MixtureSet<C> reference(Dataset data, int k) {
        C set = inner.reference(data, Math.multiplyExact(k, perState));
        double[] weights = new double[k * perState];
        Arrays.fill(weights, 1.0 / perState);
        return MixtureSet.wrap(k, perState, weights, set);
    }

    /**
     * Re-seeds state {@code component}: each of its M inner components by the inner family's
     * {@link Family#reseed} at {@code observation}, weights {@code 1/M}.
     *
     * @param set the components after the M-step
     * @param component the state to replace
     * @param observation a worst-explained observation. Not modified.
     * @param total the statistics of all observations. Not modified.
     * @return the components with the state replaced
     */
    @Override
    public MixtureSet<C> reseed(MixtureSet<C> set, int component, double[] observation, MixtureAccumulator<A> total) {
        Objects.checkIndex(component, set.states());
        C next = set.inner();
        int base = component * perState;
        for (int c = 0; c < perState; c++) {
            next = inner.reseed(next, base + c, observation, total.inner);
        }
        double[] weights = set.rawWeights().clone();
        Arrays.fill(weights, base, base + perState, 1.0 / perState);
        return MixtureSet.wrap(set.states(), perState, weights, next);
    }

    /**
     * {@code S·(M - 1)} free weights plus the inner family's count for the {@code S·M} inner components.
     *
     * @param set the components
     * @return the count
     */
    @Override
    public long parameterCount(MixtureSet<C> set) {
        return (long) set.states() * (set.perState() - 1) + inner.parameterCount(set.inner());
    }

    /**
     * Draws an inner component m with probability {@code w_sm}, then an observation from it.
     *
     * @param set the components
     * @param component the state s
     * @param random the random source
     * @param out receives the {@code d} values. Modified.
     * @param offset where in {@code out}
     */
    @Override
    public void sample(MixtureSet<C> set, int component, RandomGenerator random, double[] out, int offset) {
        Objects.checkIndex(component, set.states());
        int m = set.perState();
        double[] w = set.rawWeights();
        int base = component * m;
        double u = random.nextDouble();
        double cumulative = 0;
        int chosen = -1;
        for (int c = 0; c < m; c++) {
            if (w[base + c] > 0) {
                cumulative += w[base + c];
                chosen = c;
                if (u < cumulative) {
                    break;
                }
            }
        }
        inner.sample(set.inner(), base + Math.max(chosen, 0), random, out, offset);
    }

    /**
     * Whether the inner family is regularised.
     *
     * @return the inner family's answer
     */
    @Override
    public boolean isRegularised() {
        return inner.isRegularised();
    }

    /**
     * Starting components: k-means into S clusters, then k-means into M clusters within each state's
     * observations (as hmmlearn's {@code GMMHMM} starts), one inner M-step from those {@code S·M} hard
     * labels, and weights proportional to the clusters' row weights within each state. A cluster no
     * observation fell into starts at the inner family's reference with relative weight
     * {@value #EMPTY_CLUSTER_WEIGHT} before the state's weights are normalised; a state whose
     * clusters are all empty gets uniform weights. A state with no more positively weighted rows than M
     * puts each such row in its own cluster.
     *
     * @param data the observations (or a sample), {@code n >= 1}. Not modified.
     * @param k the number of states S
     * @param random the only source of randomness
     * @return the components
     */
    @Override
    public MixtureSet<C> initialize(Dataset data, int k, RandomGenerator random) {
        final int m = perState;
        final int n = data.size();
        final int d = data.dimension();
        int[] stateLabels = KMeans.labels(data, k, KMeans.DEFAULT_ITERATIONS, random);
        int[] labels = new int[n];
        if (m == 1) {
            labels = stateLabels;
        } else {
            for (int s = 0; s < k; s++) {
                labelWithin(data, stateLabels, s, m, d, random, labels);
            }
        }
        int total = Math.multiplyExact(k, m);
        C set = Families.fromLabels(inner, data, labels, total);
        double[] size = new double[total];
        for (int i = 0; i < n; i++) {
            size[labels[i]] += data.weight(i);
        }
        double[] weights = new double[total];
        for (int s = 0; s < k; s++) {
            int base = s * m;
            double stateSize = 0;
            for (int c = 0; c < m; c++) {
                stateSize += size[base + c];
            }
            if (!(stateSize > 0)) {
                Arrays.fill(weights, base, base + m, 1.0 / m);
                continue;
            }
            double sum = 0;
            for (int c = 0; c < m; c++) {
                weights[base + c] = Math.max(size[base + c] / stateSize, EMPTY_CLUSTER_WEIGHT);
                sum += weights[base + c];
            }
            for (int c = 0; c < m; c++) {
                weights[base + c] /= sum;
            }
        }
        return MixtureSet.wrap(k, m, weights, set);
    }

    /** Labels {@code s·M + c} for the rows of state s, by k-means on those rows. */
    private static void labelWithin(Dataset data, int[] stateLabels, int s, int m, int d, RandomGenerator random,
            int[] labels) {
        int count = 0;
        int positive = 0;
        for (int i = 0; i < stateLabels.length; i++) {
            if (stateLabels[i] == s) {
                count++;
                if (data.weight(i) > 0) {
                    positive++;
                }
            }
        }
        if (count == 0) {
            return;
        }
        int[] rows = new int[count];
        for (int i = 0, t = 0; i < stateLabels.length; i++) {
            if (stateLabels[i] == s) {
                rows[t++] = i;
            }
        }
        if (positive <= m) {
            int c = 0;
            for (int row : rows) {
                labels[row] = s * m + (data.weight(row) > 0 ? c++ : 0);
            }
            return;
        }
        double[] values = new double[Math.multiplyExact(count, d)];
        double[] weights = new double[count];
        for (int t = 0; t < count; t++) {
            data.copyRows(rows[t], rows[t] + 1, values, t * d);
            weights[t] = data.weight(rows[t]);
        }
        Dataset subset = Dataset.ofRowMajor(values, count, d).withWeights(weights);
        int[] within = KMeans.labels(subset, m, KMeans.DEFAULT_ITERATIONS, random);
        for (int t = 0; t < count; t++) {
            labels[rows[t]] = s * m + within[t];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MixtureFamily<?, ?> f && f.perState == perState && f.inner.equals(inner);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + perState;
    }

    @Override
    public String toString() {
        return "MixtureFamily[" + inner + ", M=" + perState + "]";
    }

    /**
     * The E-step of one chunk: the inner kernel on all {@code S·M} inner components, the
     * within-state log-sum-exp, and the inner weights.
     */
    private static final class MixtureKernel<A extends Accumulator<A>> implements Kernel<MixtureAccumulator<A>> {
        private static final int BS = Family.BLOCK_ROWS;

        private final Kernel<A> inner;
        private final int states;
        private final int perState;
        private final double[] logWeights; // S × M
        private final double[] n;          // S × M
        private final double[] logp;       // (S·M) × BS, component-major
        private final double[] w;          // (S·M) × BS, component-major
        private final double[] max = new double[BS];
        private final double[] sum = new double[BS];

        MixtureKernel(Kernel<A> inner, MixtureSet<?> set) {
            this.inner = inner;
            this.states = set.states();
            this.perState = set.perState();
            this.logWeights = set.rawLogWeights();
            this.n = new double[states * perState];
            this.logp = new double[Math.multiplyExact(states * perState, BS)];
            this.w = new double[logp.length];
        }

        /**
         * For state s: {@code max[i] = max_m (log w_sm + logp_sm(i))} and, in {@code logp}, the shifted
         * terms {@code exp(log w_sm + logp_sm(i) - max[i])}, with {@code sum[i]} their sum. Rows with
         * {@code max[i] = ±∞} are left for the callers.
         */
        private void shifted(int s, int nb) {
            int base = s * perState;
            Arrays.fill(max, 0, nb, Double.NEGATIVE_INFINITY);
            for (int c = 0; c < perState; c++) {
                int off = (base + c) * BS;
                double lw = logWeights[base + c];
                for (int i = 0; i < nb; i++) {
                    double v = logp[off + i] + lw;
                    logp[off + i] = v;
                    max[i] = Math.max(max[i], v);
                }
            }
            Arrays.fill(sum, 0, nb, 0.0);
            for (int c = 0; c < perState; c++) {
                int off = (base + c) * BS;
                for (int i = 0; i < nb; i++) {
                    double e = Math.exp(logp[off + i] - max[i]);
                    logp[off + i] = e;
                    sum[i] += e;
                }
            }
        }

        @Override
        public void logDensities(double[] x, int xOffset, int nb, double[] out, int outOffset, int stride) {
            inner.logDensities(x, xOffset, nb, logp, 0, BS);
            for (int s = 0; s < states; s++) {
                shifted(s, nb);
                int o = outOffset + s * stride;
                for (int i = 0; i < nb; i++) {
                    double mx = max[i];
                    // log g_s(x_i) = max + log Σ_m exp(...); ±∞ when the largest term is
                    out[o + i] = Double.isInfinite(mx) ? mx : mx + Math.log(sum[i]);
                }
            }
        }

        @Override
        public void accumulate(double[] x, int xOffset, int nb, double[] weights, int wOffset, int stride) {
            inner.logDensities(x, xOffset, nb, logp, 0, BS);
            for (int s = 0; s < states; s++) {
                int base = s * perState;
                int g = wOffset + s * stride;
                boolean any = false;
                for (int i = 0; i < nb; i++) {
                    if (weights[g + i] != 0) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    Arrays.fill(w, base * BS, (base + perState) * BS, 0.0);
                    continue;
                }
                shifted(s, nb);
                for (int i = 0; i < nb; i++) {
                    // sum[i] becomes γ_s(i) / Σ_m exp(...), the factor turning terms into weights
                    sum[i] = weights[g + i] / sum[i];
                }
                for (int c = 0; c < perState; c++) {
                    int off = (base + c) * BS;
                    for (int i = 0; i < nb; i++) {
                        w[off + i] = logp[off + i] * sum[i]; // γ_s(i) ρ_sm(i)
                    }
                }
                for (int i = 0; i < nb; i++) {
                    if (Double.isInfinite(max[i])) {
                        shareRow(base, i, weights[g + i]);
                    }
                }
                for (int c = 0; c < perState; c++) {
                    int off = (base + c) * BS;
                    double total = 0;
                    for (int i = 0; i < nb; i++) {
                        total += w[off + i];
                    }
                    n[base + c] += total;
                }
            }
            inner.accumulate(x, xOffset, nb, w, 0, BS);
        }

        /**
         * Row i of a state whose largest term is infinite, where the shifted terms of {@link #shifted}
         * are NaN exactly at the largest terms: all M when {@code g_s(x_i) = 0} (every term
         * {@code -∞}), the {@code +∞} ones otherwise. γ is shared equally among those.
         */
        private void shareRow(int base, int i, double gamma) {
            int ties = 0;
            for (int c = 0; c < perState; c++) {
                if (Double.isNaN(logp[(base + c) * BS + i])) {
                    ties++;
                }
            }
            for (int c = 0; c < perState; c++) {
                int at = (base + c) * BS + i;
                w[at] = Double.isNaN(logp[at]) ? gamma / ties : 0.0;
            }
        }

        @Override
        public MixtureAccumulator<A> finish() {
            return new MixtureAccumulator<>(states, perState, n.clone(), inner.finish());
        }
    }
}
