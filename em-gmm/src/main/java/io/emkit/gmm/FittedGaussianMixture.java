package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.StopReason;
import io.emkit.core.numeric.Matrix;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * An immutable fitted Gaussian mixture: the parameters plus the {@link EmResult} that produced them
 * (why the loop stopped, the log-likelihood trace, warnings such as re-seeded components). Queries
 * delegate to {@link GaussianMixture}; see there for shapes and criteria (lower BIC/AIC/ICL is better).
 */
public final class FittedGaussianMixture {
    private final EmResult<GaussianMixture> result;

    /**
     * Wraps a fit result.
     *
     * @param result the result of {@code Em.fit} on a {@link GaussianMixtureModel}. Not null.
     */
    public FittedGaussianMixture(EmResult<GaussianMixture> result) {
        this.result = Objects.requireNonNull(result, "result");
    }

    /** @return the fitted parameters */
    public GaussianMixture mixture() {
        return result.parameters();
    }

    /** @return the full fit result (trace, stop reason, warnings, options) */
    public EmResult<GaussianMixture> result() {
        return result;
    }

    /** @return why the loop stopped */
    public StopReason stopReason() {
        return result.stopReason();
    }

    /** @return the total log-likelihood of the training data under the fitted parameters */
    public double logLikelihood() {
        return result.logLikelihood();
    }

    /** @return the re-seeding events of the returned run, in order */
    public List<FitWarning.ComponentReseeded> reseedings() {
        return result.warnings().stream()
                .filter(FitWarning.ComponentReseeded.class::isInstance)
                .map(FitWarning.ComponentReseeded.class::cast)
                .toList();
    }

    /** @return a new array of k weights */
    public double[] weights() {
        return mixture().weights();
    }

    /** @return a new {@code k × d} array of means */
    public double[][] means() {
        return mixture().means();
    }

    /**
     * @param j component index
     * @return component j's {@code d × d} covariance
     */
    public Matrix covariance(int j) {
        return mixture().covariance(j);
    }

    /**
     * @param j component index
     * @return component j's {@code d × d} precision matrix
     */
    public Matrix precision(int j) {
        return mixture().precision(j);
    }

    /**
     * @param j component index
     * @return component j's lower Cholesky factor
     */
    public Matrix choleskyFactor(int j) {
        return mixture().choleskyFactor(j);
    }

    /**
     * @param data rows of dimension d
     * @return per-row {@code log p(x_i)}
     * @throws IllegalArgumentException on a dimension mismatch
     */
    public double[] logDensities(Dataset data) {
        return mixture().logDensities(data);
    }

    /**
     * @param data rows of dimension d
     * @return the weighted mean log-likelihood per sample
     * @throws IllegalArgumentException on a dimension mismatch
     */
    public double score(Dataset data) {
        return mixture().score(data);
    }

    /**
     * @param data rows of dimension d
     * @return {@code n × k} responsibilities
     * @throws IllegalArgumentException on a dimension mismatch
     */
    public double[][] responsibilities(Dataset data) {
        return mixture().responsibilities(data);
    }

    /**
     * @param data rows of dimension d
     * @return hard labels
     * @throws IllegalArgumentException on a dimension mismatch
     */
    public int[] labels(Dataset data) {
        return mixture().labels(data);
    }

    /**
     * @param n number of points
     * @param random seeded source
     * @return points with their component labels
     */
    public io.emkit.core.mixture.MixtureParameters.Sample sample(int n, RandomGenerator random) {
        return mixture().sample(n, random);
    }

    /** @return the number of free parameters */
    public int parameterCount() {
        return mixture().parameterCount();
    }

    /**
     * @param data rows of dimension d
     * @return {@code -2 lnL + p ln n}, lower is better
     */
    public double bic(Dataset data) {
        return mixture().bic(data);
    }

    /**
     * @param data rows of dimension d
     * @return {@code -2 lnL + 2p}, lower is better
     */
    public double aic(Dataset data) {
        return mixture().aic(data);
    }

    /**
     * @param data rows of dimension d
     * @return BIC plus twice the classification entropy, lower is better
     */
    public double icl(Dataset data) {
        return mixture().icl(data);
    }

    @Override
    public String toString() {
        return "FittedGaussianMixture[" + mixture() + ", logLikelihood=" + logLikelihood() + ", " + stopReason() + "]";
    }
}
