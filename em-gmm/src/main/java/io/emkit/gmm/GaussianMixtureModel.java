package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.ParameterVector;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureStatistics;
import io.emkit.core.numeric.KMeans;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Gaussian mixture as a {@link LatentModel}: EM for {@code p(x) = Σ_j w_j N(x | μ_j, Σ_j)} with
 * scikit-learn's update rules (see {@code fixtures/README.md} in the repository): the generic
 * {@link Mixture} over the {@link GaussianFamily}, with Gaussian-specific settings and types.
 *
 * <p>One iteration: E-step {@code r_ij ∝ w_j N(x_i | μ_j, Σ_j)}; M-step, with {@code N_j = Σ_i r_ij}
 * (row weights included) and W the total row weight: {@code w_j = N_j / W},
 * {@code μ_j = Σ_i r_ij x_i / N_j}, {@code S_j = Σ_i r_ij (x_i - μ_j)(x_i - μ_j)ᵀ / N_j}, then by
 * type with {@code ε = regCovar}: full {@code S_j + εI}; diagonal {@code diag(S_j) + ε}; spherical
 * {@code tr(S_j)/d + ε}; tied {@code Σ_j N_j S_j / W + εI}. Finally every variance (diagonal entry) is
 * raised to at least {@code varianceFloor}. No {@code 10·eps} is added to {@code N_j}.
 *
 * <h2>Collapse rule</h2>
 * A component whose {@code N_j} is not above {@value #RESEED_FRACTION}{@code ·max_l N_l} (or whose new
 * parameters are not finite) is re-seeded: its mean moves to one of the worst-explained rows (lowest
 * {@code log p(x)} under the current parameters, a different row for each re-seeded component), its
 * covariance becomes the data's per-feature variances (diagonal, plus {@code regCovar}, floored), its
 * weight becomes {@code 1/k} and all weights are renormalised; a
 * {@link FitWarning.ComponentReseeded} is reported; one that empties again after
 * {@link Mixture#RESEED_LIMIT} re-seeds is dropped (weight 0), and one row carrying almost
 * all the weight is refused (see {@link Mixture}'s rules). A covariance that is still not positive definite
 * after {@code regCovar} and the floor (e.g. {@code regCovar = 0} with a constant column) gets the
 * smallest ridge {@code τ = 1e-10·s·10^m} (s its mean variance, or the data's if zero) that makes it
 * positive definite, reported as {@link FitWarning.CovarianceRegularised}. No NaN reaches the
 * parameters.
 *
 * <h2>Frozen parameters</h2>
 * Parameters named in {@link Builder#freeze} keep the values of the starting parameters (given or
 * initialised). With frozen means, the covariance is the scatter about the frozen means.
 *
 * <p>Instances are immutable and thread-safe. Build with {@link #builder()}.
 */
public final class GaussianMixtureModel
        implements LatentModel<Dataset, GaussianMixture, MixtureStatistics<GaussianAccumulator>>, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A component is re-seeded when {@code N_j <= RESEED_FRACTION · max_l N_l}. */
    public static final double RESEED_FRACTION = Mixture.RESEED_FRACTION;
    /** Default {@code regCovar}, as in scikit-learn. */
    public static final double DEFAULT_REG_COVAR = 1e-6;
    /** Default number of Lloyd iterations after k-means++ seeding. */
    public static final int DEFAULT_KMEANS_ITERATIONS = KMeans.DEFAULT_ITERATIONS;

    /** How {@link #initialize} chooses starting parameters. */
    public enum Initialisation {
        /** k-means++ seeding followed by Lloyd's k-means, then one M-step from the hard labels (default). */
        KMEANS,
        /** Uniform random responsibilities normalised per row, then one M-step. */
        RANDOM_RESPONSIBILITIES,
        /** k distinct random rows as seeds, every row labelled by its nearest seed, then one M-step. */
        RANDOM_POINTS,
        /**
         * R mclust's default: the partition into k classes of model-based hierarchical agglomeration
         * ({@link HierarchicalAgglomeration#mclust}, VVV on SVD-scaled data), then one M-step. It is
         * deterministic for up to {@value HierarchicalAgglomeration#SUBSET} rows (every restart is the
         * same); beyond, each restart clusters its own random subset, and the start is the M-step on it.
         */
        HC
    }

    /** A parameter group that can be held fixed. */
    public enum Parameter {
        /** The mixing weights. */
        WEIGHTS,
        /** The component means. */
        MEANS,
        /** The covariances. */
        COVARIANCES
    }

    private final int components;
    private final CovarianceType covarianceType;
    private final CovarianceModel covarianceModel;
    private final double regCovar;
    private final double varianceFloor;
    private final Initialisation initialisation;
    private final Set<Parameter> frozen;
    private final int kmeansIterations;
    private final GaussianFamily family;
    private final Mixture<GaussianComponents, GaussianAccumulator> mixture;

    private GaussianMixtureModel(Builder b) {
        this.components = b.components;
        this.covarianceModel = b.covarianceModel;
        this.covarianceType = b.covarianceModel.storage();
        this.regCovar = b.regCovar;
        this.varianceFloor = b.varianceFloor;
        this.initialisation = b.initialisation;
        this.frozen = b.frozen.isEmpty() ? EnumSet.noneOf(Parameter.class) : EnumSet.copyOf(b.frozen);
        this.kmeansIterations = b.kmeansIterations;
        this.family = GaussianFamily.of(covarianceModel, regCovar).withVarianceFloor(varianceFloor)
                .withFrozen(frozen.contains(Parameter.MEANS), frozen.contains(Parameter.COVARIANCES));
        this.mixture = Mixture.builder(family).components(components)
                .initialisation(initialisation == Initialisation.HC ? Mixture.Initialisation.KMEANS
                        : Mixture.Initialisation.valueOf(initialisation.name()))
                .freezeWeights(frozen.contains(Parameter.WEIGHTS)).kmeansIterations(kmeansIterations).build();
    }

    /**
     * A builder with the defaults: 1 component, full covariances, {@code regCovar} 1e-6, no variance
     * floor, k-means initialisation, nothing frozen.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this model's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.components = components;
        b.covarianceModel = covarianceModel;
        b.regCovar = regCovar;
        b.varianceFloor = varianceFloor;
        b.initialisation = initialisation;
        b.frozen = EnumSet.noneOf(Parameter.class);
        b.frozen.addAll(frozen);
        b.kmeansIterations = kmeansIterations;
        return b;
    }

    /** @return the number of components k */
    public int components() {
        return components;
    }

    /** @return the covariance storage type ({@code covarianceModel().storage()}) */
    public CovarianceType covarianceType() {
        return covarianceType;
    }

    /** @return the mclust covariance model (VVV, VVI, VII, EEE for the four scikit-learn types) */
    public CovarianceModel covarianceModel() {
        return covarianceModel;
    }

    /** @return how {@link #initialize} starts */
    public Initialisation initialisation() {
        return initialisation;
    }

    /** @return the ridge added to covariance diagonals after each M-step */
    public double regCovar() {
        return regCovar;
    }

    /** @return the minimum variance per dimension (0: none) */
    public double varianceFloor() {
        return varianceFloor;
    }

    /** @return the Gaussian family (covariance type, regCovar, floor, frozen means or covariances) */
    public GaussianFamily family() {
        return family;
    }

    /** @return the generic mixture model this one delegates to */
    public Mixture<GaussianComponents, GaussianAccumulator> mixture() {
        return mixture;
    }

    /** @return the frozen parameter groups (a copy) */
    public Set<Parameter> frozen() {
        return frozen.isEmpty() ? EnumSet.noneOf(Parameter.class) : EnumSet.copyOf(frozen);
    }

    /**
     * Fits from this model's initialisation (with {@code options.restarts()} restarts, keeping the best
     * final log-likelihood).
     *
     * @param data {@code n × d} rows with optional weights; {@code n >= k}. Not modified.
     * @param options loop options. Not null.
     * @return the fitted model
     * @throws IllegalArgumentException if {@code k > n}
     */
    public FittedGaussianMixture fit(Dataset data, EmOptions options) {
        EmResult<GaussianMixture> result = Em.fit(this, data, options);
        return new FittedGaussianMixture(result);
    }

    /**
     * Fits from given starting parameters (a warm start; one run).
     *
     * @param data rows of the start's dimension; {@code n >= k}. Not modified.
     * @param start starting parameters with this model's k and covariance type
     * @param options loop options. Not null.
     * @return the fitted model
     * @throws IllegalArgumentException if the start's dimension, k or covariance type do not match
     */
    public FittedGaussianMixture fit(Dataset data, GaussianMixture start, EmOptions options) {
        checkStart(data, start);
        return new FittedGaussianMixture(Em.fit(this, data, start, options));
    }

    private void checkStart(Dataset data, GaussianMixture start) {
        Objects.requireNonNull(start, "start");
        start.checkDimension(data);
        check(start.components() == components, "start has k = %s components but the model has %s",
                start.components(), components);
        check(start.covarianceModel() == covarianceModel
                || (covarianceModel.alias() != null && start.covarianceType() == covarianceType),
                "start has covariance model %s but the model has %s", start.covarianceModel(), covarianceModel);
    }

    private static void check(boolean condition, String template, Object... args) {
        GaussianMixture.check(condition, template, args);
    }

    private void checkData(Dataset data) {
        Objects.requireNonNull(data, "data");
        check(components <= data.size(), "k (%s) must be <= n (%s)", components, data.size());
    }

    /** Largest weighted sum the M-step may form: room for d cross terms and rounding. */
    private static final double SUM_LIMIT = Double.MAX_VALUE / 64;

    private static void checkRange(Dataset data) {
        double bound = data.magnitudeBound();
        double total = data.totalWeight();
        if (total * (2 * bound) * (2 * bound) < SUM_LIMIT && total * bound < SUM_LIMIT) {
            return; // no column can span more than 2·bound: nothing to scan (an overflow here fails the test)
        }
        final int d = data.dimension();
        double[] min = new double[d];
        double[] max = new double[d];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        // one row-major pass in blocks (a fit's first seconds run interpreted: no accessor call per value)
        int rows = Math.max(1, (1 << 16) / d);
        double[] block = new double[Math.min(data.size(), rows) * d];
        double[] weights = data.isWeighted() ? new double[Math.min(data.size(), rows)] : null;
        for (int from = 0; from < data.size(); from += rows) {
            int to = Math.min(data.size(), from + rows);
            data.copyRows(from, to, block, 0);
            if (weights != null) {
                data.copyWeights(from, to, weights, 0);
            }
            extendRanges(block, to - from, d, weights, min, max);
        }
        for (int a = 0; a < d; a++) {
            if (min[a] > max[a]) {
                return; // no row of positive weight: the driver refuses the data
            }
            double range = max[a] - min[a];
            double largest = Math.max(Math.abs(min[a]), Math.abs(max[a]));
            check(total * range * range < SUM_LIMIT && total * largest < SUM_LIMIT,
                    "column %s spans [%s, %s] with total row weight %s: the weighted squared spread (%s) overflows a"
                            + " double; rescale the column or the weights", a, min[a], max[a], total,
                    total * range * range);
        }
    }

    /** Widens each column's [min, max] by the block's rows of positive weight (all rows if unweighted). */
    private static void extendRanges(double[] block, int rows, int d, double[] weights, double[] min, double[] max) {
        for (int i = 0; i < rows; i++) {
            if (weights != null && !(weights[i] > 0)) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                double x = block[i * d + a];
                if (x < min[a]) {
                    min[a] = x;
                }
                if (x > max[a]) {
                    max[a] = x;
                }
            }
        }
    }

    // ------------------------------------------------------------------ LatentModel

    /**
     * Checks {@code k <= n}, the row weights as {@link Mixture#validate} does, and that the weighted
     * sums of the M-step fit in a double: for every column, {@code W · range²} and {@code W · max|x|}
     * must stay below {@code Double.MAX_VALUE / 64} (W the total weight, range = max - min over rows
     * of positive weight), or the scatter would overflow to infinity.
     *
     * @param data the data
     * @throws IllegalArgumentException if {@code k > n}, one row carries almost all the weight, or the
     *     weighted spread of a column overflows (the message names the column and the fix)
     */
    @Override
    public void validate(Dataset data) {
        checkData(data);
        mixture.validate(data);
        checkRange(data);
    }

    @Override
    public MixtureStatistics<GaussianAccumulator> expect(GaussianMixture params, Dataset chunk) {
        return mixture.expect(own(params), chunk);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return regCovar == 0 && varianceFloor == 0;
    }

    @Override
    public GaussianMixture maximize(MixtureStatistics<GaussianAccumulator> s, GaussianMixture previous,
            IterationContext context) {
        return new GaussianMixture(mixture.maximize(s, own(previous), context));
    }

    /**
     * The weights as log-ratios (unless frozen), the means raw and the covariances through their
     * Cholesky factors with log-diagonals (log variances for diagonal and spherical types), for
     * {@link io.emkit.core.Acceleration#SQUAREM}.
     *
     * @return the mapping
     */
    @Override
    public Optional<ParameterVector<GaussianMixture>> parameterVector() {
        ParameterVector<MixtureParameters<GaussianComponents>> inner = mixture.parameterVector().orElseThrow();
        return Optional.of(new ParameterVector<>() {
            @Override
            public double[] toVector(GaussianMixture params, GaussianMixture layout) {
                return inner.toVector(own(params), own(layout));
            }

            @Override
            public GaussianMixture fromVector(double[] vector, GaussianMixture layout) {
                MixtureParameters<GaussianComponents> p = inner.fromVector(vector, own(layout));
                return p == null ? null : new GaussianMixture(p);
            }
        });
    }

    /** The parameters with this model's family (a start built with other settings is re-labelled). */
    private MixtureParameters<GaussianComponents> own(GaussianMixture params) {
        MixtureParameters<GaussianComponents> p = params.parameters();
        if (p.family().equals(family)) {
            return p;
        }
        return MixtureParameters.of(family, p.weights().toArray(), p.components());
    }

    @Override
    public GaussianMixture initialize(Dataset data, RandomGenerator random) {
        checkData(data);
        if (initialisation == Initialisation.HC) {
            return hcStart(data, random.nextLong());
        }
        return new GaussianMixture(unfrozen().initialize(data, random));
    }

    /**
     * Parameters from given responsibilities: one M-step (with this model's regCovar and floor).
     * Use it to start from a previous soft clustering.
     *
     * @param data rows, {@code n × d}. Not modified.
     * @param responsibilities {@code n × k}, entries {@code >= 0}, each row summing to 1 (within 1e-8).
     *     Not modified.
     * @return starting parameters for {@link #fit(Dataset, GaussianMixture, EmOptions)}
     * @throws IllegalArgumentException on a shape mismatch or invalid entries (the message names the index)
     */
    public GaussianMixture parametersFromResponsibilities(Dataset data, double[][] responsibilities) {
        return new GaussianMixture(unfrozen().fromResponsibilities(data, responsibilities));
    }

    /**
     * Parameters from hard labels: the per-label weights, means and covariances (plus regCovar).
     *
     * @param data rows, {@code n × d}. Not modified.
     * @param labels n labels in {@code [0, k)}. Not modified.
     * @return starting parameters for {@link #fit(Dataset, GaussianMixture, EmOptions)}
     * @throws IllegalArgumentException on a length mismatch or a label out of range
     */
    public GaussianMixture parametersFromLabels(Dataset data, int[] labels) {
        return new GaussianMixture(unfrozen().fromLabels(data, labels));
    }

    /**
     * mclust's start: the M-step on the hierarchical partition into k classes (of a random subset of
     * rows for large data, as mclust).
     */
    private GaussianMixture hcStart(Dataset data, long seed) {
        return hcStart(data, HierarchicalAgglomeration.mclust(data, seed));
    }

    /**
     * The M-step on a hierarchy's partition into k classes (on its rows of the data).
     *
     * @param data the data the hierarchy was computed on. Not modified.
     * @param hc the hierarchy, e.g. {@link HierarchicalAgglomeration#mclust}. Not null.
     * @return starting parameters for {@link #fit(Dataset, GaussianMixture, EmOptions)}
     * @throws IllegalArgumentException if the hierarchy has fewer rows than k
     */
    public GaussianMixture hcStart(Dataset data, HierarchicalAgglomeration hc) {
        Objects.requireNonNull(hc, "hc");
        check(hc.size() >= components, "the hierarchy has %s rows, fewer than k = %s", hc.size(), components);
        int[] labels = hc.partition(Math.min(components, hc.size()));
        if (hc.size() == data.size()) {
            return parametersFromLabels(data, labels);
        }
        int[] rows = hc.rows();
        int d = data.dimension();
        double[][] subset = new double[rows.length][d];
        for (int i = 0; i < rows.length; i++) {
            data.copyRows(rows[i], rows[i] + 1, subset[i], 0);
        }
        return parametersFromLabels(Dataset.of(subset), labels);
    }

    /** The mixture without frozen parts: starts estimate everything. */
    private Mixture<GaussianComponents, GaussianAccumulator> unfrozen() {
        return frozen.isEmpty() ? mixture : toBuilder().freeze().build().mixture;
    }

    @Override
    public String toString() {
        return "GaussianMixtureModel[k=" + components + ", "
                + (covarianceModel.alias() != null ? covarianceType.jsonName() : covarianceModel.name()) + ", regCovar=" + regCovar
                + ", varianceFloor=" + varianceFloor + ", init=" + initialisation + ", frozen=" + frozen + "]";
    }

    /** Builder of {@link GaussianMixtureModel}; settings are validated as they are set. */
    public static final class Builder {
        private int components = 1;
        private CovarianceModel covarianceModel = CovarianceModel.VVV;
        private double regCovar = DEFAULT_REG_COVAR;
        private double varianceFloor = 0;
        private Initialisation initialisation = Initialisation.KMEANS;
        private Set<Parameter> frozen = EnumSet.noneOf(Parameter.class);
        private int kmeansIterations = DEFAULT_KMEANS_ITERATIONS;

        private Builder() {}

        /**
         * @param k number of components, at least 1
         * @return this
         * @throws IllegalArgumentException if {@code k < 1}
         */
        public Builder components(int k) {
            check(k >= 1, "k (%s) must be >= 1", k);
            this.components = k;
            return this;
        }

        /**
         * @param type the covariance type. Not null.
         * @return this
         */
        public Builder covarianceType(CovarianceType type) {
            this.covarianceModel = CovarianceModel.of(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * One of mclust's 14 covariance models (replaces {@link #covarianceType}; full, diag, spherical
         * and tied are VVV, VVI, VII and EEE).
         *
         * @param model the covariance model. Not null.
         * @return this
         */
        public Builder covarianceModel(CovarianceModel model) {
            this.covarianceModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * @param value ridge added to covariance diagonals after each M-step, finite and {@code >= 0}
         * @return this
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder regCovar(double value) {
            check(value >= 0 && value < Double.POSITIVE_INFINITY, "regCovar (%s) must be finite and >= 0", value);
            this.regCovar = value;
            return this;
        }

        /**
         * @param value minimum variance per dimension after each M-step (0: none), finite and {@code >= 0}
         * @return this
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder varianceFloor(double value) {
            check(value >= 0 && value < Double.POSITIVE_INFINITY, "varianceFloor (%s) must be finite and >= 0",
                    value);
            this.varianceFloor = value;
            return this;
        }

        /**
         * @param value the initialisation strategy. Not null.
         * @return this
         */
        public Builder initialisation(Initialisation value) {
            this.initialisation = Objects.requireNonNull(value, "initialisation");
            return this;
        }

        /**
         * Holds the named parameter groups fixed at their starting values; replaces earlier calls.
         *
         * @param parameters the groups (none: fit everything)
         * @return this
         */
        public Builder freeze(Parameter... parameters) {
            Set<Parameter> set = EnumSet.noneOf(Parameter.class);
            for (Parameter p : parameters) {
                set.add(Objects.requireNonNull(p, "parameter"));
            }
            this.frozen = set;
            return this;
        }

        /**
         * @param iterations maximum Lloyd iterations of the k-means initialisation, at least 0
         * @return this
         */
        public Builder kmeansIterations(int iterations) {
            check(iterations >= 0, "kmeansIterations (%s) must be >= 0", iterations);
            this.kmeansIterations = iterations;
            return this;
        }

        /**
         * @return the model
         */
        public GaussianMixtureModel build() {
            return new GaussianMixtureModel(this);
        }
    }
}
