package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The Gaussian mixture as a {@link LatentModel}: EM for {@code p(x) = Σ_j w_j N(x | μ_j, Σ_j)} with
 * scikit-learn's update rules (see {@code fixtures/README.md} in the repository).
 *
 * <p>One iteration: E-step {@code r_ij ∝ w_j N(x_i | μ_j, Σ_j)}; M-step, with {@code N_j = Σ_i r_ij}
 * (row weights included) and W the total row weight: {@code w_j = N_j / W},
 * {@code μ_j = Σ_i r_ij x_i / N_j}, {@code S_j = Σ_i r_ij (x_i - μ_j)(x_i - μ_j)ᵀ / N_j}, then by
 * type with {@code ε = regCovar}: full {@code S_j + εI}; diagonal {@code diag(S_j) + ε}; spherical
 * {@code tr(S_j)/d + ε}; tied {@code Σ_j N_j S_j / W + εI}. Finally every variance (diagonal entry) is
 * raised to at least {@code varianceFloor}. No {@code 10·eps} is added to {@code N_j}.
 *
 * <h2>Collapse rule</h2>
 * A component whose {@code N_j} is not above {@value #RESEED_FRACTION}{@code ·W} (or whose new
 * parameters are not finite) is re-seeded: its mean moves to one of the worst-explained rows (lowest
 * {@code log p(x)} under the current parameters, a different row for each re-seeded component), its
 * covariance becomes the data's per-feature variances (diagonal, plus {@code regCovar}, floored), its
 * weight becomes {@code 1/k} and all weights are renormalised; a
 * {@link FitWarning.ComponentReseeded} is reported. A covariance that is still not positive definite
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
        implements LatentModel<Dataset, GaussianMixture, GaussianMixtureStatistics> {

    /** A component is re-seeded when {@code N_j <= RESEED_FRACTION · W}. */
    public static final double RESEED_FRACTION = 1e-10;
    /** Default {@code regCovar}, as in scikit-learn. */
    public static final double DEFAULT_REG_COVAR = 1e-6;
    /** Default rows per chunk of the parallel E-step. */
    public static final int DEFAULT_CHUNK_SIZE = 4096;
    /** Default number of Lloyd iterations after k-means++ seeding. */
    public static final int DEFAULT_KMEANS_ITERATIONS = 20;

    /** How {@link #initialize} chooses starting parameters. */
    public enum Initialisation {
        /** k-means++ seeding followed by Lloyd's k-means, then one M-step from the hard labels (default). */
        KMEANS,
        /** Uniform random responsibilities normalised per row, then one M-step. */
        RANDOM_RESPONSIBILITIES,
        /** k distinct random rows as means, the data's covariance (in the type's shape), equal weights. */
        RANDOM_POINTS
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
    private final double regCovar;
    private final double varianceFloor;
    private final Initialisation initialisation;
    private final Set<Parameter> frozen;
    private final int chunkSize;
    private final int kmeansIterations;

    private GaussianMixtureModel(Builder b) {
        this.components = b.components;
        this.covarianceType = b.covarianceType;
        this.regCovar = b.regCovar;
        this.varianceFloor = b.varianceFloor;
        this.initialisation = b.initialisation;
        this.frozen = b.frozen.isEmpty() ? EnumSet.noneOf(Parameter.class) : EnumSet.copyOf(b.frozen);
        this.chunkSize = b.chunkSize;
        this.kmeansIterations = b.kmeansIterations;
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
        b.covarianceType = covarianceType;
        b.regCovar = regCovar;
        b.varianceFloor = varianceFloor;
        b.initialisation = initialisation;
        b.frozen = EnumSet.noneOf(Parameter.class);
        b.frozen.addAll(frozen);
        b.chunkSize = chunkSize;
        b.kmeansIterations = kmeansIterations;
        return b;
    }

    /** @return the number of components k */
    public int components() {
        return components;
    }

    /** @return the covariance type */
    public CovarianceType covarianceType() {
        return covarianceType;
    }

    /** @return the ridge added to covariance diagonals after each M-step */
    public double regCovar() {
        return regCovar;
    }

    /** @return the minimum variance per dimension (0: none) */
    public double varianceFloor() {
        return varianceFloor;
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
        check(start.k == components, "start has k = %s components but the model has %s", start.k, components);
        check(start.type == covarianceType, "start has covariance type %s but the model has %s", start.type,
                covarianceType);
    }

    private static void check(boolean condition, String template, Object... args) {
        GaussianMixture.check(condition, template, args);
    }

    private void checkData(Dataset data) {
        Objects.requireNonNull(data, "data");
        check(components <= data.size(), "k (%s) must be <= n (%s)", components, data.size());
    }

    // ------------------------------------------------------------------ LatentModel

    /** Budget for the statistics of all chunks of one E-step held at once (bytes). */
    static final long STATISTICS_BUDGET = 64L << 20;

    /**
     * Chunks of {@link Builder#chunkSize} rows (default {@value #DEFAULT_CHUNK_SIZE}), enlarged when
     * needed so that the per-chunk statistics ({@code k·(d² + d + 1)} doubles each) of all chunks
     * stay within about 64 MiB (high-dimensional data such as flattened images). The split depends
     * only on n, d and k, never on the thread count.
     *
     * @param data the data. Not modified.
     * @return the chunks, in row order
     * @throws IllegalArgumentException if {@code k > n}
     */
    @Override
    public List<Dataset> partition(Dataset data) {
        checkData(data);
        long d = data.dimension();
        long bytesPerChunk = 8L * components * (d * d + d + 1);
        long maxChunks = Math.max(4, STATISTICS_BUDGET / bytesPerChunk);
        long rows = Math.max(chunkSize, (data.size() + maxChunks - 1) / maxChunks);
        return data.split((int) Math.min(Integer.MAX_VALUE, rows));
    }

    @Override
    public GaussianMixtureStatistics expect(GaussianMixture params, Dataset chunk) {
        params.checkDimension(chunk);
        return MixtureKernels.expect(params, chunk);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return regCovar == 0 && varianceFloor == 0;
    }

    @Override
    public GaussianMixture maximize(GaussianMixtureStatistics s, GaussianMixture previous, IterationContext context) {
        final int k = previous.k;
        final int d = previous.d;
        final double total = s.weight;
        final boolean full = s.fullScatter;
        boolean freezeWeights = frozen.contains(Parameter.WEIGHTS);
        boolean freezeMeans = frozen.contains(Parameter.MEANS);
        boolean freezeCovariances = frozen.contains(Parameter.COVARIANCES);

        // Per component, with c the statistics' reference point: ē = s/N is the weighted mean minus c,
        // e the new mean minus c (ē, or the frozen mean's offset), ψ = ē - e (zero unless frozen).
        // The scatter about the new mean is S/N - ēēᵀ + ψψᵀ.
        double[] weights = new double[k];
        double[] means = new double[k * d];
        double[] weightedMeans = new double[k * d]; // c + ē
        double[] meanOffset = new double[k * d]; // ē
        double[] frozenOffset = new double[k * d]; // ψ
        boolean[] dead = new boolean[k];
        for (int j = 0; j < k; j++) {
            double nj = s.nk[j];
            dead[j] = !(nj > RESEED_FRACTION * total) || !(nj < Double.POSITIVE_INFINITY);
            if (freezeWeights && previous.weights[j] == 0) {
                dead[j] = false; // a frozen zero weight can never gain responsibility; leave it be
            }
            weights[j] = freezeWeights ? previous.weights[j] : nj / total;
            for (int a = 0; a < d; a++) {
                int ja = j * d + a;
                double ebar = dead[j] ? 0.0 : s.firstMoments[ja] / nj;
                double reference = s.reference[ja];
                meanOffset[ja] = ebar;
                weightedMeans[ja] = reference + ebar;
                if (freezeMeans || dead[j]) {
                    means[ja] = previous.means[ja];
                    frozenOffset[ja] = dead[j] ? 0.0 : ebar - (previous.means[ja] - reference);
                } else {
                    means[ja] = weightedMeans[ja];
                }
                if (!Double.isFinite(means[ja]) || !Double.isFinite(frozenOffset[ja])) {
                    dead[j] = true;
                }
            }
        }
        double[] dataVariance = dataVariances(s, weightedMeans, meanOffset, dead);

        // covariances in full form
        double[] cov = new double[k * d * d];
        if (freezeCovariances) {
            System.arraycopy(previous.covariances, 0, cov, 0, cov.length);
        } else if (covarianceType == CovarianceType.TIED) {
            double[] pooled = new double[d * d];
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                double nj = s.nk[j];
                for (int a = 0; a < d; a++) {
                    int ja = j * d + a;
                    for (int b = 0; b <= a; b++) {
                        int jb = j * d + b;
                        // Σ_j N_j (S_j/N_j - ēēᵀ + ψψᵀ)
                        pooled[a * d + b] += s.scatter[(j * d + a) * d + b]
                                - nj * (meanOffset[ja] * meanOffset[jb] - frozenOffset[ja] * frozenOffset[jb]);
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = pooled[a * d + b] / total;
                    pooled[a * d + b] = v;
                    pooled[b * d + a] = v;
                }
                pooled[a * d + a] = floor(pooled[a * d + a] + regCovar);
            }
            for (int j = 0; j < k; j++) {
                System.arraycopy(pooled, 0, cov, j * d * d, d * d);
            }
        } else {
            for (int j = 0; j < k; j++) {
                if (dead[j]) {
                    continue;
                }
                double nj = s.nk[j];
                int base = j * d * d;
                if (full) {
                    for (int a = 0; a < d; a++) {
                        int ja = j * d + a;
                        for (int b = 0; b <= a; b++) {
                            int jb = j * d + b;
                            double v = s.scatter[base + a * d + b] / nj - meanOffset[ja] * meanOffset[jb]
                                    + frozenOffset[ja] * frozenOffset[jb];
                            cov[base + a * d + b] = v;
                            cov[base + b * d + a] = v;
                        }
                    }
                } else {
                    double mean = 0;
                    for (int a = 0; a < d; a++) {
                        int ja = j * d + a;
                        double v = s.scatter[j * d + a] / nj - meanOffset[ja] * meanOffset[ja]
                                + frozenOffset[ja] * frozenOffset[ja];
                        v = Math.max(v, 0.0);
                        cov[base + a * d + a] = v;
                        mean += v;
                    }
                    if (covarianceType == CovarianceType.SPHERICAL) {
                        mean /= d;
                        for (int a = 0; a < d; a++) {
                            cov[base + a * d + a] = mean;
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    cov[base + a * d + a] = floor(cov[base + a * d + a] + regCovar);
                }
                for (int i = base; i < base + d * d; i++) {
                    if (!Double.isFinite(cov[i])) {
                        dead[j] = true;
                        break;
                    }
                }
            }
        }

        // re-seed collapsed components
        int reseeded = 0;
        for (int j = 0; j < k; j++) {
            if (!dead[j]) {
                continue;
            }
            int pick = Math.min(reseeded, s.worstCount - 1);
            int order = worstOrder(s, pick);
            reseeded++;
            for (int a = 0; a < d; a++) {
                means[j * d + a] = order >= 0 ? s.worstRows[order * d + a] : previous.means[j * d + a];
            }
            if (!freezeCovariances && covarianceType != CovarianceType.TIED) {
                int base = j * d * d;
                Arrays.fill(cov, base, base + d * d, 0.0);
                double meanVariance = 0;
                for (int a = 0; a < d; a++) {
                    meanVariance += dataVariance[a] / d;
                }
                for (int a = 0; a < d; a++) {
                    double v = covarianceType == CovarianceType.SPHERICAL ? meanVariance : dataVariance[a];
                    cov[base + a * d + a] = floor(v + regCovar);
                }
            }
            if (!freezeWeights) {
                weights[j] = 1.0 / k;
            }
            context.warn(new FitWarning.ComponentReseeded(context.iteration(), j,
                    "its weight " + s.nk[j] + " fell to (near) zero; moved to a worst-explained sample"));
        }
        if (reseeded > 0 && !freezeWeights) {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            for (int j = 0; j < k; j++) {
                weights[j] /= sum;
            }
        }
        if (freezeWeights) {
            System.arraycopy(previous.weights, 0, weights, 0, k);
        }

        // factor once; regularise what is not positive definite
        double[] chol = cov.clone();
        double[] work = new double[d * d];
        int distinct = covarianceType == CovarianceType.TIED ? 1 : k;
        for (int j = 0; j < distinct; j++) {
            int base = j * d * d;
            System.arraycopy(cov, base, work, 0, d * d);
            if (!GaussianKernels.choleskyInPlace(work, d)) {
                double tau = ridge(cov, base, d, dataVariance, work, context, j);
                for (int jj = j; jj < (covarianceType == CovarianceType.TIED ? k : j + 1); jj++) {
                    for (int a = 0; a < d; a++) {
                        cov[jj * d * d + a * d + a] += tau;
                    }
                }
            }
            for (int jj = j; jj < (covarianceType == CovarianceType.TIED ? k : j + 1); jj++) {
                System.arraycopy(work, 0, chol, jj * d * d, d * d);
            }
        }
        return new GaussianMixture(covarianceType, k, d, weights, means, cov, chol);
    }

    /** Index (into the worst list) of the {@code rank}-th worst row, or -1 if none is kept. */
    private static int worstOrder(GaussianMixtureStatistics s, int rank) {
        if (rank < 0 || s.worstCount == 0) {
            return -1;
        }
        Integer[] idx = new Integer[s.worstCount];
        for (int m = 0; m < idx.length; m++) {
            idx[m] = m;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(s.worstLogDensity[x], s.worstLogDensity[y]));
        return idx[Math.min(rank, idx.length - 1)];
    }

    /** Smallest τ = 1e-10·scale·10^m making cov + τI positive definite; work receives its factor. */
    private static double ridge(double[] cov, int base, int d, double[] dataVariance, double[] work,
            IterationContext context, int j) {
        double scale = 0;
        for (int a = 0; a < d; a++) {
            scale += Math.abs(cov[base + a * d + a]) / d;
        }
        if (!(scale > 0)) {
            for (double v : dataVariance) {
                scale += v / d;
            }
        }
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            scale = 1.0;
        }
        double tau = 1e-10 * scale;
        for (int attempt = 0; attempt < 40; attempt++, tau *= 10) {
            System.arraycopy(cov, base, work, 0, d * d);
            for (int a = 0; a < d; a++) {
                work[a * d + a] += tau;
            }
            if (GaussianKernels.choleskyInPlace(work, d)) {
                context.warn(new FitWarning.CovarianceRegularised(context.iteration(), j,
                        "not positive definite after regCovar; added " + tau + " to the diagonal"));
                return tau;
            }
        }
        throw new IllegalStateException("covariance " + j + " could not be regularised");
    }

    private double floor(double variance) {
        return Math.max(variance, varianceFloor);
    }

    /**
     * The data's per-feature variance from the statistics: within-component scatter plus the
     * between-component part, {@code Σ_j [S_j,aa - N_j ē_a² + N_j (c_j,a + ē_a - m_a)²] / W}, with
     * {@code c_j + ē} component j's weighted mean and m the data's.
     */
    private static double[] dataVariances(GaussianMixtureStatistics s, double[] weightedMeans, double[] meanOffset,
            boolean[] dead) {
        int k = s.k;
        int d = s.d;
        double total = 0;
        for (int j = 0; j < k; j++) {
            if (s.nk[j] > 0 && !dead[j]) {
                total += s.nk[j];
            }
        }
        double[] out = new double[d];
        if (!(total > 0)) {
            return out;
        }
        double[] m = new double[d];
        for (int a = 0; a < d; a++) {
            double c = 0;
            for (int j = 0; j < k; j++) {
                if (s.nk[j] > 0 && !dead[j]) {
                    c += s.nk[j] * weightedMeans[j * d + a];
                }
            }
            m[a] = c / total;
        }
        for (int j = 0; j < k; j++) {
            double nj = s.nk[j];
            if (!(nj > 0) || dead[j]) {
                continue;
            }
            for (int a = 0; a < d; a++) {
                double ea = meanOffset[j * d + a];
                double within = s.fullScatter ? s.scatter[(j * d + a) * d + a] : s.scatter[j * d + a];
                double between = weightedMeans[j * d + a] - m[a];
                out[a] += within - nj * ea * ea + nj * between * between;
            }
        }
        for (int a = 0; a < d; a++) {
            out[a] = Math.max(out[a] / total, 0.0);
        }
        return out;
    }

    @Override
    public GaussianMixture initialize(Dataset data, RandomGenerator random) {
        checkData(data);
        switch (initialisation) {
            case RANDOM_RESPONSIBILITIES:
                return Initialisers.fromRandomResponsibilities(this, data, random);
            case RANDOM_POINTS:
                return Initialisers.randomPoints(this, data, random);
            case KMEANS:
            default:
                int[] labels = Initialisers.kmeans(data, components, kmeansIterations, random);
                return Initialisers.fromLabels(this, data, labels);
        }
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
        checkData(data);
        Objects.requireNonNull(responsibilities, "responsibilities");
        int n = data.size();
        check(responsibilities.length == n, "responsibilities has %s rows but the data have %s", responsibilities.length, n);
        double[] r = new double[n * components];
        for (int i = 0; i < n; i++) {
            check(responsibilities[i] != null && responsibilities[i].length == components,
                    "responsibilities[%s] must have length k = %s", i, components);
            double sum = 0;
            for (int j = 0; j < components; j++) {
                double v = responsibilities[i][j];
                check(v >= 0 && v <= 1, "responsibilities[%s][%s] is %s; must be in [0, 1]", i, j, v);
                r[i * components + j] = v;
                sum += v;
            }
            check(Math.abs(sum - 1) <= 1e-8, "responsibilities[%s] sums to %s; must sum to 1", i, sum);
        }
        return Initialisers.fromResponsibilities(this, data, r);
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
        checkData(data);
        Objects.requireNonNull(labels, "labels");
        check(labels.length == data.size(), "labels has length %s but the data have %s rows", labels.length,
                data.size());
        for (int i = 0; i < labels.length; i++) {
            check(labels[i] >= 0 && labels[i] < components, "labels[%s] is %s; must be in [0, %s)", i, labels[i],
                    components);
        }
        return Initialisers.fromLabels(this, data, labels.clone());
    }

    /** The M-step of this model applied to ready-made statistics; used by the initialisers. */
    GaussianMixture maximizeQuietly(GaussianMixtureStatistics s, GaussianMixture reference) {
        GaussianMixtureModel free = frozen.isEmpty() ? this : toBuilder().freeze().build();
        return free.maximize(s, reference, new IterationContext() {
            @Override
            public int iteration() {
                return 1;
            }

            @Override
            public void warn(FitWarning warning) {}
        });
    }

    @Override
    public String toString() {
        return "GaussianMixtureModel[k=" + components + ", " + covarianceType.jsonName() + ", regCovar=" + regCovar
                + ", varianceFloor=" + varianceFloor + ", init=" + initialisation + ", frozen=" + frozen + "]";
    }

    /** Builder of {@link GaussianMixtureModel}; settings are validated as they are set. */
    public static final class Builder {
        private int components = 1;
        private CovarianceType covarianceType = CovarianceType.FULL;
        private double regCovar = DEFAULT_REG_COVAR;
        private double varianceFloor = 0;
        private Initialisation initialisation = Initialisation.KMEANS;
        private Set<Parameter> frozen = EnumSet.noneOf(Parameter.class);
        private int chunkSize = DEFAULT_CHUNK_SIZE;
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
            this.covarianceType = Objects.requireNonNull(type, "type");
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
         * @param rows rows per E-step chunk (default {@value #DEFAULT_CHUNK_SIZE}), at least 1
         * @return this
         * @throws IllegalArgumentException if {@code rows < 1}
         */
        public Builder chunkSize(int rows) {
            check(rows >= 1, "chunkSize (%s) must be >= 1", rows);
            this.chunkSize = rows;
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
