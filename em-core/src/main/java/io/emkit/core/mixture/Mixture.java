package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.ParameterVector;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.family.VectorFamily;
import io.emkit.core.numeric.KMeans;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A finite mixture over any {@link Family} as a {@link LatentModel}: EM for
 * {@code p(x) = Σ_j w_j f_j(x)}.
 *
 * <p>E-step, per block of rows: the family's log densities, {@code r_ij ∝ w_j f_j(x_i)} by
 * log-sum-exp, the family's accumulation with weights {@code v_i r_ij} (v the row weights). M-step:
 * {@code w_j = N_j / W} with {@code N_j = Σ_i v_i r_ij} and W the total row weight (unless the
 * weights are frozen), then the family's {@link Family#estimate}.
 *
 * <h2>Re-seeding rule</h2>
 * A component whose {@code N_j} is not above {@value #RESEED_FRACTION} times the largest component's
 * {@code N_l} (relative to the largest, not to the total {@code W}, so the rule does not depend on k),
 * or that the family could not estimate, is re-seeded at one of the worst-explained rows (lowest
 * {@code log p(x)} under the previous parameters, a different row for each such component) by the
 * family's {@link Family#reseed} rule; its weight becomes {@code 1/k} and all weights are renormalised; a
 * {@link FitWarning.ComponentReseeded} is reported. A component that empties again after
 * {@value #RESEED_LIMIT} re-seeds in the run is dropped instead: its weight becomes 0 (a
 * {@link FitWarning.ModelWarning} says so), and a component of weight 0 (dropped, given or frozen at 0)
 * is left alone, so a fit never cycles through re-seeds up to its iteration cap.
 *
 * <h2>Row weights</h2>
 * Row weights are relative: they may be as large as the total stays finite. With {@code k >= 2}, a fit
 * refuses data in which one row carries all but a {@value #RESEED_FRACTION} fraction of the weight
 * (every other component would be empty in every iteration: the weighted maximum is a point mass
 * at that row); rescale or cap the weights, or fit one component.
 *
 * <p>Instances are immutable and thread-safe. Build with {@link #builder(Family)}.
 *
 * @param <C> the family's component-set type
 * @param <A> the family's accumulator type
 */
public final class Mixture<C, A extends Accumulator<A>>
        implements LatentModel<Dataset, MixtureParameters<C>, MixtureStatistics<A>>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A component is re-seeded when {@code N_j <= RESEED_FRACTION · max_l N_l}. */
    public static final double RESEED_FRACTION = 1e-10;

    /** A component that empties again after this many re-seeds in one run is dropped (weight 0) instead. */
    public static final int RESEED_LIMIT = 5;

    /** How many earlier iterations of this run re-seeded component {@code j}. */
    private static int reseeds(IterationContext context, int j) {
        int count = 0;
        for (FitWarning w : context.earlierWarnings()) {
            if (w instanceof FitWarning.ComponentReseeded r && r.component() == j) {
                count++;
            }
        }
        return count;
    }

    /** How {@link #initialize} chooses starting parameters. */
    public enum Initialisation {
        /** k-means++ seeding and Lloyd's k-means ({@link KMeans}), then one M-step from the labels (default). */
        KMEANS,
        /** Uniform random responsibilities normalised per row, then one M-step. */
        RANDOM_RESPONSIBILITIES,
        /** k distinct random rows as seeds, each row labelled by its nearest seed, then one M-step. */
        RANDOM_POINTS
    }

    private final Family<C, A> family;
    private final int components;
    private final Initialisation initialisation;
    private final boolean freezeWeights;
    private final int kmeansIterations;

    private Mixture(Builder<C, A> b) {
        this.family = b.family;
        this.components = b.components;
        this.initialisation = b.initialisation;
        this.freezeWeights = b.freezeWeights;
        this.kmeansIterations = b.kmeansIterations;
    }

    /**
     * A builder for a mixture of {@code family}: 1 component, k-means initialisation, free weights.
     *
     * @param family the components' family. Not null.
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return a new builder
     */
    public static <C, A extends Accumulator<A>> Builder<C, A> builder(Family<C, A> family) {
        return new Builder<>(Objects.requireNonNull(family, "family"));
    }

    /**
     * The family.
     *
     * @return the family
     */
    public Family<C, A> family() {
        return family;
    }

    /**
     * The number of components k.
     *
     * @return {@code k >= 1}
     */
    public int components() {
        return components;
    }

    /**
     * Whether the mixing weights stay at their starting values.
     *
     * @return true if frozen
     */
    public boolean weightsFrozen() {
        return freezeWeights;
    }

    /**
     * Fits with {@link Em}: {@code options.restarts()} initialised runs, keeping the best.
     *
     * @param data {@code n × d} rows with optional weights, {@code n >= k}. Not modified.
     * @param options loop options
     * @return the fit
     * @throws IllegalArgumentException if the data do not suit the model
     */
    public EmResult<MixtureParameters<C>> fit(Dataset data, EmOptions options) {
        return Em.fit(this, data, options);
    }

    /**
     * Fits from given starting parameters (a warm start, one run).
     *
     * @param data rows of the start's dimension. Not modified.
     * @param start starting parameters with this model's k and family
     * @param options loop options
     * @return the fit
     * @throws IllegalArgumentException if the start does not match the model or the data
     */
    public EmResult<MixtureParameters<C>> fit(Dataset data, MixtureParameters<C> start, EmOptions options) {
        checkStart(start);
        start.checkDimension(data);
        return Em.fit(this, data, start, options);
    }

    private void checkStart(MixtureParameters<C> start) {
        Objects.requireNonNull(start, "start");
        checkArgument(start.k() == components, "start has k = %s components but the model has %s", start.k(),
                components);
    }

    /**
     * Checks {@code k <= n} and the family's support.
     *
     * @param data the data
     * @throws IllegalArgumentException naming the problem
     */
    @Override
    public void validate(Dataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(components <= data.size(), "k (%s) must be <= n (%s)", components, data.size());
        if (components >= 2 && data.isWeighted()) {
            checkNotDominated(data, components);
        }
        int d = data.dimension();
        int rows = Math.max(1, (1 << 16) / d);
        double[] block = new double[Math.min(data.size(), rows) * d];
        for (int from = 0; from < data.size(); from += rows) {
            int to = Math.min(data.size(), from + rows);
            data.copyRows(from, to, block, 0);
            family.validate(block, to - from, d, "x", from);
        }
    }

    /** Refuses weights where one row carries all but a {@link #RESEED_FRACTION} fraction of the total. */
    private static void checkNotDominated(Dataset data, int k) {
        int heaviest = 0;
        for (int i = 1; i < data.size(); i++) {
            if (data.weight(i) > data.weight(heaviest)) {
                heaviest = i;
            }
        }
        double others = 0;
        for (int i = 0; i < data.size(); i++) {
            others += i == heaviest ? 0 : data.weight(i);
        }
        double largest = data.weight(heaviest);
        checkArgument(others > RESEED_FRACTION * largest,
                "weights[%s] (%s) carries all but %s of the total weight: the other rows together weigh less than"
                        + " %s of it, so %s components cannot all hold weight; rescale or cap the weights, or fit 1"
                        + " component", heaviest, largest, others, RESEED_FRACTION, k);
    }

    @Override
    public MixtureStatistics<A> expect(MixtureParameters<C> params, Dataset chunk) {
        params.checkDimension(chunk);
        final int k = params.k();
        final int d = chunk.dimension();
        final int bs = Family.BLOCK_ROWS;
        MixtureStatistics<A> stats = new MixtureStatistics<>(k, d);
        Kernel<A> kernel = family.kernel(params.components());
        double[] rows = new double[bs * d];
        double[] v = new double[bs];
        double[] logp = new double[k * bs];
        double[] max = new double[bs];
        double[] sum = new double[bs];
        double[] logWeights = params.rawLogWeights();
        int n = chunk.size();
        for (int from = 0; from < n; from += bs) {
            int nb = Math.min(bs, n - from);
            chunk.copyRows(from, from + nb, rows, 0);
            chunk.copyWeights(from, from + nb, v, 0);
            kernel.logDensities(rows, 0, nb, logp, 0, bs);
            MixtureKernels.responsibilities(logp, logWeights, k, bs, nb, v, rows, d, max, sum, stats);
            kernel.accumulate(rows, 0, nb, logp, 0, bs);
        }
        stats.family = kernel.finish();
        return stats;
    }

    @Override
    public MixtureParameters<C> maximize(MixtureStatistics<A> s, MixtureParameters<C> previous,
            IterationContext context) {
        final int k = previous.k();
        final double total = s.weight;
        double[] oldWeights = previous.rawWeights();
        double largest = 0;
        for (int j = 0; j < k; j++) {
            if (s.nk[j] < Double.POSITIVE_INFINITY) {
                largest = Math.max(largest, s.nk[j]);
            }
        }
        boolean[] dead = new boolean[k];
        boolean[] dropped = new boolean[k]; // weight 0: can never gain responsibility, so never re-seeded
        double[] weights = new double[k];
        for (int j = 0; j < k; j++) {
            double nj = s.nk[j];
            dropped[j] = oldWeights[j] == 0;
            dead[j] = !dropped[j] && !(nj > RESEED_FRACTION * largest && nj < Double.POSITIVE_INFINITY);
            weights[j] = freezeWeights ? oldWeights[j] : nj / total;
        }
        // components the family reports empty are re-seeded too
        Repairs repairs = Repairs.of(context, (component, weight) -> dead[component] |= !dropped[component]);
        C next = family.estimate(s.family, previous.components(), repairs);

        int[] worst = null; // sorted when a component needs re-seeding
        int reseeded = 0;
        boolean renormalise = false;
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                continue;
            }
            if (reseeds(context, j) >= RESEED_LIMIT) {
                // the data keep emptying it: stop re-seeding, so that the fit ends instead of cycling
                if (!freezeWeights) {
                    weights[j] = 0;
                    renormalise = true;
                }
                context.warn(new FitWarning.ModelWarning(context.iteration(), "component " + j + " dropped"
                        + (freezeWeights ? "" : " (weight 0)") + ": it emptied again after " + RESEED_LIMIT
                        + " re-seeds, so the data support fewer than " + k + " components"));
                continue;
            }
            if (worst == null) {
                worst = s.worstOrder();
            }
            if (worst.length > 0) {
                int m = worst[Math.min(reseeded, worst.length - 1)];
                double[] row = Arrays.copyOfRange(s.worstRows, m * s.d, (m + 1) * s.d);
                next = family.reseed(next, j, row, s.family);
            }
            reseeded++;
            if (!freezeWeights) {
                weights[j] = 1.0 / k;
                renormalise = true;
            }
            context.warn(new FitWarning.ComponentReseeded(context.iteration(), j,
                    "its weight " + s.nk[j] + " fell to (near) zero; moved to a worst-explained sample"));
        }
        if (renormalise) {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            for (int j = 0; j < k; j++) {
                weights[j] /= sum;
            }
        }
        return MixtureParameters.wrap(family, weights, next);
    }

    @Override
    public MixtureParameters<C> initialize(Dataset data, RandomGenerator random) {
        int k = components;
        double[] weights = new double[k];
        Arrays.fill(weights, 1.0 / k);
        C set;
        switch (initialisation) {
            case RANDOM_RESPONSIBILITIES: {
                double[] r = new double[Math.multiplyExact(data.size(), k)];
                for (int i = 0; i < data.size(); i++) {
                    double sum = 0;
                    for (int j = 0; j < k; j++) {
                        r[i * k + j] = random.nextDouble();
                        sum += r[i * k + j];
                    }
                    for (int j = 0; j < k; j++) {
                        r[i * k + j] /= sum;
                    }
                }
                return fromResponsibilitiesTrusted(data, r);
            }
            case RANDOM_POINTS: {
                int[] labels = KMeans.nearestOfRandomRows(data, k, random);
                return fromLabelsTrusted(data, labels);
            }
            case KMEANS:
            default:
                return fromLabelsTrusted(data, KMeans.labels(data, k, kmeansIterations, random));
        }
    }

    /**
     * Parameters from hard labels: per-label weights and one M-step of the family.
     *
     * @param data rows. Not modified.
     * @param labels n labels in {@code [0, k)}. Not modified.
     * @return starting parameters for a warm start
     * @throws IllegalArgumentException on a length mismatch or a label out of range
     */
    public MixtureParameters<C> fromLabels(Dataset data, int[] labels) {
        validate(data);
        return fromLabelsTrusted(data, Objects.requireNonNull(labels, "labels").clone());
    }

    private MixtureParameters<C> fromLabelsTrusted(Dataset data, int[] labels) {
        C set = Families.fromLabels(family, data, labels, components);
        double[] weights = new double[components];
        for (int i = 0; i < labels.length; i++) {
            weights[labels[i]] += data.weight(i);
        }
        return withNormalisedWeights(weights, set, data.totalWeight());
    }

    /**
     * Parameters from responsibilities: weights {@code Σ_i v_i r_ij / W} and one M-step of the family.
     *
     * @param data rows. Not modified.
     * @param responsibilities {@code n × k}, entries in [0, 1], rows summing to 1 within 1e-8. Not modified.
     * @return starting parameters for a warm start
     * @throws IllegalArgumentException on a shape mismatch or an invalid entry (the message names its index)
     */
    public MixtureParameters<C> fromResponsibilities(Dataset data, double[][] responsibilities) {
        validate(data);
        Objects.requireNonNull(responsibilities, "responsibilities");
        int n = data.size();
        int k = components;
        checkArgument(responsibilities.length == n, "responsibilities has %s rows but the data have %s",
                responsibilities.length, n);
        double[] r = new double[Math.multiplyExact(n, k)];
        for (int i = 0; i < n; i++) {
            checkArgument(responsibilities[i] != null && responsibilities[i].length == k,
                    "responsibilities[%s] must have length k = %s", i, k);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v = responsibilities[i][j];
                checkArgument(v >= 0 && v <= 1, "responsibilities[%s][%s] is %s; must be in [0, 1]", i, j, v);
                r[i * k + j] = v;
                sum += v;
            }
            checkArgument(Math.abs(sum - 1) <= 1e-8, "responsibilities[%s] sums to %s; must sum to 1", (Object) i, sum);
        }
        return fromResponsibilitiesTrusted(data, r);
    }

    private MixtureParameters<C> fromResponsibilitiesTrusted(Dataset data, double[] r) {
        int k = components;
        C set = Families.fromResponsibilities(family, data, r, k);
        double[] weights = new double[k];
        for (int i = 0; i < data.size(); i++) {
            double v = data.weight(i);
            for (int j = 0; j < k; j++) {
                weights[j] += v * r[i * k + j];
            }
        }
        return withNormalisedWeights(weights, set, data.totalWeight());
    }

    private MixtureParameters<C> withNormalisedWeights(double[] weights, C set, double total) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= total;
            sum += weights[j];
        }
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= sum;
        }
        return MixtureParameters.wrap(family, weights, set);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return !family.isRegularised();
    }

    /**
     * The weights as log-ratios (unless frozen) and the components by the family's
     * {@link VectorFamily} coordinates, when the family has them.
     *
     * @return the mapping, or empty when the family is not a {@link VectorFamily}
     */
    @Override
    @SuppressWarnings("unchecked")
    public Optional<ParameterVector<MixtureParameters<C>>> parameterVector() {
        if (!(family instanceof VectorFamily<?>)) {
            return Optional.empty();
        }
        return Optional.of(new MixtureVector<>(family, (VectorFamily<C>) family, freezeWeights));
    }

    @Override
    public String toString() {
        return "Mixture[" + family.name() + ", k=" + components + ", init=" + initialisation
                + (freezeWeights ? ", weights frozen" : "") + "]";
    }

    /**
     * Builder of {@link Mixture}; settings are validated as they are set.
     *
     * @param <C> component-set type
     * @param <A> accumulator type
     */
    public static final class Builder<C, A extends Accumulator<A>> {
        private final Family<C, A> family;
        private int components = 1;
        private Initialisation initialisation = Initialisation.KMEANS;
        private boolean freezeWeights;
        private int kmeansIterations = KMeans.DEFAULT_ITERATIONS;

        private Builder(Family<C, A> family) {
            this.family = family;
        }

        /**
         * @param k the number of components, {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Builder<C, A> components(int k) {
            checkArgument(k >= 1, "k (%s) must be >= 1", k);
            this.components = k;
            return this;
        }

        /**
         * @param value the initialisation strategy. Not null.
         * @return this
         */
        public Builder<C, A> initialisation(Initialisation value) {
            this.initialisation = Objects.requireNonNull(value, "initialisation");
            return this;
        }

        /**
         * @param value whether the mixing weights stay at their starting values
         * @return this
         */
        public Builder<C, A> freezeWeights(boolean value) {
            this.freezeWeights = value;
            return this;
        }

        /**
         * @param iterations maximum Lloyd iterations of the k-means start, {@code >= 0}
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder<C, A> kmeansIterations(int iterations) {
            checkArgument(iterations >= 0, "kmeansIterations (%s) must be >= 0", iterations);
            this.kmeansIterations = iterations;
            return this;
        }

        /**
         * @return the mixture model
         */
        public Mixture<C, A> build() {
            return new Mixture<>(this);
        }
    }
}
