package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.numeric.Matrix;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Immutable parameters of a Gaussian mixture {@code p(x) = Σ_j w_j N(x | μ_j, Σ_j)}, and the queries
 * they answer (log densities, responsibilities, labels, sampling, information criteria).
 *
 * <p>A mixture holds its covariance type, the {@code k} weights, the {@code k × d} means and the
 * covariances in the type's native shape: full {@code [k][d][d]}, diagonal {@code [k][d]},
 * spherical {@code [k]}, tied {@code [d][d]}. Construction validates everything (weights
 * {@code >= 0} summing to 1 within {@value #WEIGHT_SUM_TOLERANCE} relative, finite means, symmetric
 * positive definite covariances) and factors every covariance once ({@code Σ_j = L_j L_jᵀ}). Every
 * array going in or out is copied; instances are thread-safe.
 *
 * <h2>Free parameters</h2>
 * {@link #parameterCount()} is {@code (k - 1) + k·d + c}, where {@code c} is
 * {@link CovarianceType#parameterCount(int, int)}: full {@code k·d(d+1)/2}, diagonal {@code k·d},
 * spherical {@code k}, tied {@code d(d+1)/2}. It is the {@code p} of {@link #bic}, {@link #aic} and
 * {@link #icl}.
 */
public final class GaussianMixture {
    /** Relative tolerance on {@code Σ w_j = 1}. */
    public static final double WEIGHT_SUM_TOLERANCE = 1e-8;

    final CovarianceType type;
    final int k;
    final int d;
    final double[] weights; // k
    final double[] means; // k × d row-major
    final double[] covariances; // k × d × d, full form (tied: the same matrix k times)
    final double[] cholesky; // k × d × d, lower L_j
    final double[] inverseCholesky; // k × d × d, lower L_j⁻¹
    final double[] logConstants; // log w_j - ½ d log 2π - log|L_j|
    private volatile MixtureKernels.Plan plan; // computed on first use; immutable

    /** Trusted constructor: arrays are owned, covariances already factored. */
    GaussianMixture(CovarianceType type, int k, int d, double[] weights, double[] means, double[] covariances,
            double[] cholesky) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.cholesky = cholesky;
        this.inverseCholesky = new double[k * d * d];
        this.logConstants = new double[k];
        double[] l = new double[d * d];
        double[] w = new double[d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(cholesky, j * d * d, l, 0, d * d);
            GaussianKernels.invertLower(l, w, d);
            System.arraycopy(w, 0, inverseCholesky, j * d * d, d * d);
            logConstants[j] = Math.log(weights[j]) - 0.5 * d * GaussianKernels.LOG_2PI
                    - GaussianKernels.halfLogDeterminant(l, d);
        }
    }

    /** The E-step's per-parameter-set precomputation, made once and shared by every chunk. */
    MixtureKernels.Plan plan() {
        MixtureKernels.Plan p = plan;
        if (p == null) {
            p = MixtureKernels.plan(this);
            plan = p;
        }
        return p;
    }

    /**
     * A mixture with one full covariance matrix per component.
     *
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means, finite. Not modified.
     * @param covariances {@code k × d × d} symmetric positive definite matrices. Not modified.
     * @return the mixture
     * @throws IllegalArgumentException on a shape mismatch, a non-finite value, weights that are
     *     negative or do not sum to 1, or a covariance that is not symmetric positive definite (the
     *     message names the argument and index)
     */
    public static GaussianMixture full(double[] weights, double[][] means, double[][][] covariances) {
        int k = checkWeights(weights);
        int d = checkMeans(means, k);
        Objects.requireNonNull(covariances, "covariances");
        check(covariances.length == k, "covariances has %s matrices but there are %s weights", covariances.length, k);
        double[] full = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            Objects.requireNonNull(covariances[j], "covariances[" + j + "]");
            check(covariances[j].length == d, "covariances[%s] has %s rows; expected d = %s", j, covariances[j].length, d);
            for (int a = 0; a < d; a++) {
                check(covariances[j][a] != null && covariances[j][a].length == d,
                        "covariances[%s][%s] must have length d = %s", j, a, d);
                System.arraycopy(covariances[j][a], 0, full, (j * d + a) * d, d);
            }
        }
        return validated(CovarianceType.FULL, k, d, weights, means, full, "covariances");
    }

    /**
     * A mixture with diagonal covariances.
     *
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means. Not modified.
     * @param variances {@code k × d} per-component, per-feature variances, finite and {@code > 0}.
     *     Not modified.
     * @return the mixture
     * @throws IllegalArgumentException as for {@link #full}, naming the offending variance
     */
    public static GaussianMixture diagonal(double[] weights, double[][] means, double[][] variances) {
        int k = checkWeights(weights);
        int d = checkMeans(means, k);
        Objects.requireNonNull(variances, "variances");
        check(variances.length == k, "variances has %s rows but there are %s weights", variances.length, k);
        double[] full = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            check(variances[j] != null && variances[j].length == d, "variances[%s] must have length d = %s", j, d);
            for (int a = 0; a < d; a++) {
                double v = variances[j][a];
                check(v > 0 && v < Double.POSITIVE_INFINITY, "variances[%s][%s] is %s; must be finite and > 0", j, a, v);
                full[(j * d + a) * d + a] = v;
            }
        }
        return validated(CovarianceType.DIAGONAL, k, d, weights, means, full, "variances");
    }

    /**
     * A mixture with spherical covariances {@code σ²_j I}.
     *
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means. Not modified.
     * @param variances k variances σ²_j, finite and {@code > 0}. Not modified.
     * @return the mixture
     * @throws IllegalArgumentException as for {@link #full}
     */
    public static GaussianMixture spherical(double[] weights, double[][] means, double[] variances) {
        int k = checkWeights(weights);
        int d = checkMeans(means, k);
        Objects.requireNonNull(variances, "variances");
        check(variances.length == k, "variances has length %s but there are %s weights", variances.length, k);
        double[] full = new double[k * d * d];
        for (int j = 0; j < k; j++) {
            double v = variances[j];
            check(v > 0 && v < Double.POSITIVE_INFINITY, "variances[%s] is %s; must be finite and > 0", j, v);
            for (int a = 0; a < d; a++) {
                full[(j * d + a) * d + a] = v;
            }
        }
        return validated(CovarianceType.SPHERICAL, k, d, weights, means, full, "variances");
    }

    /**
     * A mixture whose components share one covariance matrix.
     *
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means. Not modified.
     * @param covariance {@code d × d} symmetric positive definite. Not modified.
     * @return the mixture
     * @throws IllegalArgumentException as for {@link #full}
     */
    public static GaussianMixture tied(double[] weights, double[][] means, double[][] covariance) {
        int k = checkWeights(weights);
        int d = checkMeans(means, k);
        Objects.requireNonNull(covariance, "covariance");
        check(covariance.length == d, "covariance has %s rows; expected d = %s", covariance.length, d);
        double[] full = new double[k * d * d];
        for (int a = 0; a < d; a++) {
            check(covariance[a] != null && covariance[a].length == d, "covariance[%s] must have length d = %s", a, d);
            for (int j = 0; j < k; j++) {
                System.arraycopy(covariance[a], 0, full, (j * d + a) * d, d);
            }
        }
        return validated(CovarianceType.TIED, k, d, weights, means, full, "covariance");
    }

    private static GaussianMixture validated(CovarianceType type, int k, int d, double[] weights, double[][] means,
            double[] full, String name) {
        double[] flatMeans = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(means[j], 0, flatMeans, j * d, d);
        }
        double[] chol = full.clone();
        double[] one = new double[d * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(full, j * d * d, one, 0, d * d);
            String label = type == CovarianceType.TIED ? name : name + "[" + j + "]";
            for (int i = 0; i < d * d; i++) {
                check(Double.isFinite(one[i]), "%s[%s][%s] is %s; must be finite", label, i / d, i % d, one[i]);
            }
            check(Matrix.ofRowMajor(d, d, one).isSymmetric(Gaussian.SYMMETRY_TOLERANCE), "%s is not symmetric", label);
            check(GaussianKernels.choleskyInPlace(one, d), "%s is not positive definite", label);
            System.arraycopy(one, 0, chol, j * d * d, d * d);
        }
        return new GaussianMixture(type, k, d, weights.clone(), flatMeans, full, chol);
    }

    private static int checkWeights(double[] weights) {
        Objects.requireNonNull(weights, "weights");
        check(weights.length >= 1, "weights must not be empty (k >= 1)");
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            double w = weights[j];
            check(w >= 0 && w <= 1, "weights[%s] is %s; must be in [0, 1]", j, w);
            sum += w;
        }
        check(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE, "weights sum to %s; must sum to 1 (within %s)", sum,
                WEIGHT_SUM_TOLERANCE);
        return weights.length;
    }

    private static int checkMeans(double[][] means, int k) {
        Objects.requireNonNull(means, "means");
        check(means.length == k, "means has %s rows but there are %s weights", means.length, k);
        check(means[0] != null && means[0].length >= 1, "means[0] must have at least one coordinate");
        int d = means[0].length;
        for (int j = 0; j < k; j++) {
            check(means[j] != null && means[j].length == d, "means[%s] must have length d = %s", j, d);
            for (int a = 0; a < d; a++) {
                check(Double.isFinite(means[j][a]), "means[%s][%s] is %s; must be finite", j, a, means[j][a]);
            }
        }
        return d;
    }

    static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /**
     * The covariance type.
     *
     * @return the type
     */
    public CovarianceType covarianceType() {
        return type;
    }

    /**
     * The number of components k.
     *
     * @return at least 1
     */
    public int components() {
        return k;
    }

    /**
     * The dimension d.
     *
     * @return at least 1
     */
    public int dimension() {
        return d;
    }

    /**
     * The mixing weights.
     *
     * @return a new array of length k
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * The component means.
     *
     * @return a new {@code k × d} array
     */
    public double[][] means() {
        double[][] out = new double[k][];
        for (int j = 0; j < k; j++) {
            out[j] = Arrays.copyOfRange(means, j * d, (j + 1) * d);
        }
        return out;
    }

    /**
     * Component j's covariance as a full matrix, whatever the type.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     * @throws IndexOutOfBoundsException if j is not in {@code [0, k)}
     */
    public Matrix covariance(int j) {
        Objects.checkIndex(j, k);
        return Matrix.ofRowMajor(d, d, Arrays.copyOfRange(covariances, j * d * d, (j + 1) * d * d));
    }

    /**
     * Component j's precision matrix {@code Σ_j⁻¹ = L_j⁻ᵀ L_j⁻¹}.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     */
    public Matrix precision(int j) {
        Objects.checkIndex(j, k);
        int base = j * d * d;
        double[] p = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                double s = 0;
                for (int m = Math.max(a, b); m < d; m++) {
                    s += inverseCholesky[base + m * d + a] * inverseCholesky[base + m * d + b];
                }
                p[a * d + b] = s;
            }
        }
        return Matrix.ofRowMajor(d, d, p);
    }

    /**
     * Component j's lower Cholesky factor {@code L_j} ({@code Σ_j = L_j L_jᵀ}).
     *
     * @param j component index
     * @return the lower-triangular {@code d × d} matrix
     */
    public Matrix choleskyFactor(int j) {
        Objects.checkIndex(j, k);
        return Matrix.ofRowMajor(d, d, Arrays.copyOfRange(cholesky, j * d * d, (j + 1) * d * d));
    }

    /**
     * Component j as a {@link Gaussian}.
     *
     * @param j component index
     * @return the component's distribution
     */
    public Gaussian component(int j) {
        Objects.checkIndex(j, k);
        return Gaussian.of(Arrays.copyOfRange(means, j * d, (j + 1) * d), covariance(j));
    }

    /**
     * All covariances as full matrices.
     *
     * @return a new {@code k × d × d} array
     */
    public double[][][] fullCovariances() {
        double[][][] out = new double[k][][];
        for (int j = 0; j < k; j++) {
            out[j] = covariance(j).toArray();
        }
        return out;
    }

    /**
     * The covariances in the type's native (scikit-learn) shape: {@code double[k][d][d]} for full,
     * {@code double[k][d]} for diagonal, {@code double[k]} for spherical, {@code double[d][d]} for tied.
     *
     * @return a new array of the shape above
     */
    public Object nativeCovariances() {
        switch (type) {
            case FULL:
                return fullCovariances();
            case DIAGONAL: {
                double[][] out = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        out[j][a] = covariances[(j * d + a) * d + a];
                    }
                }
                return out;
            }
            case SPHERICAL: {
                double[] out = new double[k];
                for (int j = 0; j < k; j++) {
                    out[j] = covariances[j * d * d];
                }
                return out;
            }
            case TIED:
            default:
                return covariance(0).toArray();
        }
    }

    /**
     * The number of free parameters {@code p}; see the class documentation.
     *
     * @return {@code (k - 1) + k·d + type.parameterCount(k, d)}
     */
    public int parameterCount() {
        return (k - 1) + k * d + type.parameterCount(k, d);
    }

    /**
     * {@code log p(x_i)} for every row, natural log.
     *
     * @param data {@code n × d} rows (sample weights are ignored). Not modified.
     * @return a new array of length n
     * @throws IllegalArgumentException if the data's dimension is not d
     */
    public double[] logDensities(Dataset data) {
        checkDimension(data);
        int n = data.size();
        double[] out = new double[n];
        double[] logp = new double[k];
        double[] row = new double[d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            out[i] = componentLogProbabilities(row, logp, z);
        }
        return out;
    }

    /**
     * Fills {@code logp[j] = log w_j + log N(x | μ_j, Σ_j)} and returns their log-sum-exp.
     */
    double componentLogProbabilities(double[] row, double[] logp, double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double sq = mahalanobis(row, j, z);
            double v = logConstants[j] - 0.5 * sq;
            logp[j] = v;
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(logp[j] - max);
        }
        return max + Math.log(s);
    }

    private double mahalanobis(double[] row, int j, double[] z) {
        int base = j * d * d;
        int mu = j * d;
        double sum = 0;
        for (int a = 0; a < d; a++) {
            // z_a = Σ_{b<=a} W_ab (x_b - μ_b), W = L⁻¹
            double t = 0;
            int r = base + a * d;
            for (int b = 0; b <= a; b++) {
                t += inverseCholesky[r + b] * (row[b] - means[mu + b]);
            }
            sum += t * t;
        }
        return sum;
    }

    /**
     * Total (sample-weighted) log-likelihood {@code Σ_i w_i log p(x_i)}.
     *
     * @param data rows of dimension d, with optional sample weights. Not modified.
     * @return the natural-log total
     * @throws IllegalArgumentException if the data's dimension is not d
     */
    public double logLikelihood(Dataset data) {
        double[] ld = logDensities(data);
        double total = 0;
        for (int i = 0; i < ld.length; i++) {
            double w = data.weight(i);
            if (w != 0) {
                total += w * ld[i];
            }
        }
        return total;
    }

    /**
     * The mean (sample-weighted) log-likelihood per sample, scikit-learn's {@code score}.
     *
     * @param data rows of dimension d. Not modified.
     * @return {@code logLikelihood(data) / data.totalWeight()}
     */
    public double score(Dataset data) {
        return logLikelihood(data) / data.totalWeight();
    }

    /**
     * Posterior component probabilities {@code r_ij = w_j N(x_i|j) / p(x_i)}.
     *
     * @param data rows of dimension d. Not modified.
     * @return a new {@code n × k} array whose rows sum to 1
     */
    public double[][] responsibilities(Dataset data) {
        checkDimension(data);
        int n = data.size();
        double[][] out = new double[n][k];
        double[] logp = new double[k];
        double[] row = new double[d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            double lse = componentLogProbabilities(row, logp, z);
            for (int j = 0; j < k; j++) {
                out[i][j] = lse == Double.NEGATIVE_INFINITY ? 1.0 / k : Math.exp(logp[j] - lse);
            }
        }
        return out;
    }

    /**
     * Hard labels: the component of largest responsibility per row (lowest index on ties).
     *
     * @param data rows of dimension d. Not modified.
     * @return a new array of n labels in {@code [0, k)}
     */
    public int[] labels(Dataset data) {
        checkDimension(data);
        int n = data.size();
        int[] out = new int[n];
        double[] logp = new double[k];
        double[] row = new double[d];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            componentLogProbabilities(row, logp, z);
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (logp[j] > logp[best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * Bayesian information criterion {@code BIC = -2 lnL + p ln n}. <b>Lower is better</b> (mclust
     * reports the negative). For weighted data, n is the total sample weight.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double bic(Dataset data) {
        return -2 * logLikelihood(data) + parameterCount() * Math.log(data.totalWeight());
    }

    /**
     * Akaike information criterion {@code AIC = -2 lnL + 2p}. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double aic(Dataset data) {
        return -2 * logLikelihood(data) + 2.0 * parameterCount();
    }

    /**
     * Integrated completed likelihood {@code ICL = BIC + 2 E}, with the classification entropy
     * {@code E = -Σ_i w_i Σ_j r_ij ln r_ij}. Lower is better (mclust reports the negative).
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double icl(Dataset data) {
        double[][] r = responsibilities(data);
        double entropy = 0;
        for (int i = 0; i < r.length; i++) {
            double w = data.weight(i);
            for (double v : r[i]) {
                if (v > 0) {
                    entropy -= w * v * Math.log(v);
                }
            }
        }
        return bic(data) + 2 * entropy;
    }

    /**
     * Points drawn from the mixture with their component labels.
     *
     * @param points {@code n × d} sampled points
     * @param labels the component each point was drawn from
     */
    public record Sample(Matrix points, com.google.common.primitives.ImmutableIntArray labels) {}

    /**
     * Draws n points: a component j with probability w_j, then {@code μ_j + L_j z}.
     *
     * @param n number of points, at least 1
     * @param random the random source (seed it for reproducibility). Not null.
     * @return the points and their labels
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Sample sample(int n, RandomGenerator random) {
        check(n >= 1, "n (%s) must be >= 1", n);
        Objects.requireNonNull(random, "random");
        double[] values = new double[n * d];
        int[] labels = new int[n];
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int j = 0;
            double cumulative = weights[0];
            while (u >= cumulative && j < k - 1) {
                j++;
                cumulative += weights[j];
            }
            labels[i] = j;
            for (int a = 0; a < d; a++) {
                z[a] = random.nextGaussian();
            }
            int base = j * d * d;
            for (int a = 0; a < d; a++) {
                double s = means[j * d + a];
                for (int b = 0; b <= a; b++) {
                    s += cholesky[base + a * d + b] * z[b];
                }
                values[i * d + a] = s;
            }
        }
        return new Sample(Matrix.ofRowMajor(n, d, values), com.google.common.primitives.ImmutableIntArray.copyOf(labels));
    }

    void checkDimension(Dataset data) {
        Objects.requireNonNull(data, "data");
        check(data.dimension() == d, "dimension mismatch: data have d = %s but the mixture has d = %s",
                data.dimension(), d);
    }

    @Override
    public String toString() {
        return "GaussianMixture[" + type.jsonName() + ", k=" + k + ", d=" + d + ", weights=" + Arrays.toString(weights)
                + "]";
    }
}
