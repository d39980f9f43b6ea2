package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.numeric.Matrix;
import java.io.Serializable;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Immutable parameters of a Gaussian mixture {@code p(x) = Σ_j w_j N(x | μ_j, Σ_j)}, and the queries
 * they answer (log densities, responsibilities, labels, sampling, information criteria): the generic
 * {@link MixtureParameters} over the {@link GaussianFamily}, with Gaussian accessors.
 *
 * <p>A mixture holds its covariance type, the {@code k} weights, the {@code k × d} means and the
 * covariances stored in the type's native shape: full {@code [k][d][d]}, diagonal {@code [k][d]},
 * spherical {@code [k]}, tied {@code [d][d]} (see {@link GaussianComponents}). Construction validates
 * everything (weights {@code >= 0} summing to 1 within {@value #WEIGHT_SUM_TOLERANCE}, finite means,
 * symmetric positive definite covariances) and factors every covariance once. Every array going in or
 * out is copied; instances are thread-safe and serialisable.
 *
 * <h2>Free parameters</h2>
 * {@link #parameterCount()} is {@code (k - 1) + k·d + c}, where {@code c} is
 * {@link CovarianceType#parameterCount(int, int)}: full {@code k·d(d+1)/2}, diagonal {@code k·d},
 * spherical {@code k}, tied {@code d(d+1)/2}. It is the {@code p} of {@link #bic}, {@link #aic} and
 * {@link #icl}.
 */
public final class GaussianMixture implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Absolute tolerance on {@code Σ w_j = 1}. */
    public static final double WEIGHT_SUM_TOLERANCE = MixtureParameters.WEIGHT_SUM_TOLERANCE;

    private final MixtureParameters<GaussianComponents> parameters;

    GaussianMixture(MixtureParameters<GaussianComponents> parameters) {
        this.parameters = parameters;
    }

    /**
     * A Gaussian mixture from generic mixture parameters over a {@link GaussianFamily}.
     *
     * @param parameters the parameters. Not null.
     * @return the mixture view
     * @throws IllegalArgumentException if the family is not Gaussian
     */
    public static GaussianMixture of(MixtureParameters<GaussianComponents> parameters) {
        Objects.requireNonNull(parameters, "parameters");
        check(parameters.family() instanceof GaussianFamily, "the family %s is not Gaussian", parameters.family());
        return new GaussianMixture(parameters);
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
        return of(CovarianceType.FULL, weights, means, covariances);
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
        return of(CovarianceType.DIAGONAL, weights, means, variances);
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
        return of(CovarianceType.SPHERICAL, weights, means, variances);
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
        return of(CovarianceType.TIED, weights, means, covariance);
    }

    /**
     * A mixture from weights, means and covariances in the type's native shape.
     *
     * @param type the covariance type. Not null.
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means. Not modified.
     * @param covariances native shape: full {@code double[k][d][d]}, diagonal {@code double[k][d]},
     *     spherical {@code double[k]}, tied {@code double[d][d]}. Not modified.
     * @return the mixture (with a {@link GaussianFamily} of this type and the default regCovar)
     * @throws IllegalArgumentException as for {@link #full}
     */
    public static GaussianMixture of(CovarianceType type, double[] weights, double[][] means, Object covariances) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(means, "means");
        check(weights.length >= 1, "weights must not be empty (k >= 1)");
        check(means.length == weights.length, "means has %s rows but there are %s weights", means.length,
                weights.length);
        GaussianComponents components = GaussianComponents.of(type, means, covariances);
        GaussianFamily family = GaussianFamily.of(type, GaussianFamily.DEFAULT_REG_COVAR);
        return new GaussianMixture(MixtureParameters.of(family, weights, components));
    }

    /**
     * A mixture of one of mclust's 14 covariance models from full covariance matrices (see
     * {@link GaussianComponents#of(CovarianceModel, double[][], double[][][])}).
     *
     * @param model the covariance model. Not null.
     * @param weights k mixing weights, {@code >= 0}, summing to 1. Not modified.
     * @param means {@code k × d} component means. Not modified.
     * @param covariances {@code k × d × d} symmetric positive definite matrices. Not modified.
     * @return the mixture (with a {@link GaussianFamily} of this model and the default regCovar)
     * @throws IllegalArgumentException on a shape mismatch or invalid values (naming the index)
     */
    public static GaussianMixture of(CovarianceModel model, double[] weights, double[][] means,
            double[][][] covariances) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(means, "means");
        check(weights.length >= 1, "weights must not be empty (k >= 1)");
        check(means.length == weights.length, "means has %s rows but there are %s weights", means.length,
                weights.length);
        GaussianComponents components = GaussianComponents.of(model, means, covariances);
        GaussianFamily family = GaussianFamily.of(model, GaussianFamily.DEFAULT_REG_COVAR);
        return new GaussianMixture(MixtureParameters.of(family, weights, components));
    }

    /**
     * The mclust covariance model (VVV, VVI, VII, EEE for the four scikit-learn types).
     *
     * @return the model
     */
    public CovarianceModel covarianceModel() {
        return componentSet().model;
    }

    static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    /**
     * The generic mixture parameters behind this view.
     *
     * @return the parameters
     */
    public MixtureParameters<GaussianComponents> parameters() {
        return parameters;
    }

    /**
     * The components as the family's set.
     *
     * @return the immutable component set
     */
    public GaussianComponents componentSet() {
        return parameters.components();
    }

    /**
     * The covariance type.
     *
     * @return the type
     */
    public CovarianceType covarianceType() {
        return componentSet().type;
    }

    /**
     * The number of components k.
     *
     * @return at least 1
     */
    public int components() {
        return parameters.k();
    }

    /**
     * The dimension d.
     *
     * @return at least 1
     */
    public int dimension() {
        return componentSet().d;
    }

    /**
     * The mixing weights.
     *
     * @return a new array of length k
     */
    public double[] weights() {
        return parameters.weights().toArray();
    }

    /**
     * The component means.
     *
     * @return a new {@code k × d} array
     */
    public double[][] means() {
        return componentSet().means();
    }

    /**
     * Component j's covariance as a full matrix, whatever the type.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     * @throws IndexOutOfBoundsException if j is not in {@code [0, k)}
     */
    public Matrix covariance(int j) {
        return componentSet().covariance(j);
    }

    /**
     * Component j's precision matrix {@code Σ_j⁻¹}.
     *
     * @param j component index
     * @return the {@code d × d} matrix
     */
    public Matrix precision(int j) {
        return componentSet().precision(j);
    }

    /**
     * Component j's lower Cholesky factor {@code L_j} ({@code Σ_j = L_j L_jᵀ}).
     *
     * @param j component index
     * @return the lower-triangular {@code d × d} matrix
     */
    public Matrix choleskyFactor(int j) {
        return componentSet().choleskyFactor(j);
    }

    /**
     * Component j as a {@link Gaussian}.
     *
     * @param j component index
     * @return the component's distribution
     */
    public Gaussian component(int j) {
        return componentSet().component(j);
    }

    /**
     * All covariances as full matrices.
     *
     * @return a new {@code k × d × d} array
     */
    public double[][][] fullCovariances() {
        int k = components();
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
        return componentSet().nativeCovariances();
    }

    /**
     * The number of free parameters {@code p}; see the class documentation.
     *
     * @return {@code (k - 1) + k·d + type.parameterCount(k, d)}
     */
    public int parameterCount() {
        return Math.toIntExact(parameters.parameterCount());
    }

    /**
     * {@code log p(x_i)} for every row, natural log.
     *
     * @param data {@code n × d} rows (sample weights are ignored). Not modified.
     * @return a new array of length n
     * @throws IllegalArgumentException if the data's dimension is not d
     */
    public double[] logDensities(Dataset data) {
        return parameters.logDensities(data);
    }

    /**
     * Total (sample-weighted) log-likelihood {@code Σ_i w_i log p(x_i)}.
     *
     * @param data rows of dimension d, with optional sample weights. Not modified.
     * @return the natural-log total
     * @throws IllegalArgumentException if the data's dimension is not d
     */
    public double logLikelihood(Dataset data) {
        return parameters.logLikelihood(data);
    }

    /**
     * The mean (sample-weighted) log-likelihood per sample, scikit-learn's {@code score}.
     *
     * @param data rows of dimension d. Not modified.
     * @return {@code logLikelihood(data) / data.totalWeight()}
     */
    public double score(Dataset data) {
        return parameters.score(data);
    }

    /**
     * Posterior component probabilities {@code r_ij = w_j N(x_i|j) / p(x_i)}.
     *
     * @param data rows of dimension d. Not modified.
     * @return a new {@code n × k} array whose rows sum to 1
     */
    public double[][] responsibilities(Dataset data) {
        return parameters.responsibilities(data).toArray();
    }

    /**
     * Hard labels: the component of largest responsibility per row (lowest index on ties).
     *
     * @param data rows of dimension d. Not modified.
     * @return a new array of n labels in {@code [0, k)}
     */
    public int[] labels(Dataset data) {
        return parameters.labels(data);
    }

    /**
     * Bayesian information criterion {@code BIC = -2 lnL + p ln n}. <b>Lower is better</b> (mclust
     * reports the negative). For weighted data, n is the total sample weight.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double bic(Dataset data) {
        return parameters.bic(data);
    }

    /**
     * Akaike information criterion {@code AIC = -2 lnL + 2p}. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double aic(Dataset data) {
        return parameters.aic(data);
    }

    /**
     * Integrated completed likelihood {@code ICL = BIC + 2 E}, with the classification entropy
     * {@code E = -Σ_i w_i Σ_j r_ij ln r_ij}. Lower is better (mclust reports the negative).
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     */
    public double icl(Dataset data) {
        return parameters.icl(data);
    }

    /**
     * Draws n points: a component j with probability w_j, then {@code μ_j + L_j z}.
     *
     * @param n number of points, at least 1
     * @param random the random source (seed it for reproducibility). Not null.
     * @return the points and their labels
     * @throws IllegalArgumentException if {@code n < 1} or the sample would not fit in one array
     */
    public MixtureParameters.Sample sample(int n, RandomGenerator random) {
        return parameters.sample(n, random);
    }

    /**
     * Draws n points block by block, for samples too large to hold:
     * {@link MixtureParameters#sample(long, RandomGenerator, MixtureParameters.SampleConsumer)}; the
     * points equal {@link #sample(int, RandomGenerator)}'s with the same random source.
     *
     * @param n number of points, {@code >= 1}
     * @param random the random source. Not null.
     * @param blocks called with each block of at most {@link MixtureParameters#SAMPLE_BLOCK} points
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public void sample(long n, RandomGenerator random, MixtureParameters.SampleConsumer blocks) {
        parameters.sample(n, random, blocks);
    }

    void checkDimension(Dataset data) {
        parameters.checkDimension(data);
    }

    @Override
    public String toString() {
        return "GaussianMixture[" + covarianceType().jsonName() + ", k=" + components() + ", d=" + dimension() + ", weights="
                + java.util.Arrays.toString(weights()) + "]";
    }
}
