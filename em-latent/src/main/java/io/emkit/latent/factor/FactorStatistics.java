package io.emkit.latent.factor;

import io.emkit.core.SufficientStatistics;
import io.emkit.core.numeric.Matrix;

/**
 * The E-step statistics of {@link FactorAnalysis} and {@link PPCA} on one chunk: the rows' weighted
 * moments (weight, mean, centred scatter, parameter-free) and their log-likelihood under the E-step's
 * parameters. Merges are Chan-style ({@link FactorMoments}); the driver owns instances.
 */
public final class FactorStatistics implements SufficientStatistics<FactorStatistics> {
    final FactorMoments moments;
    private double logLikelihood;

    FactorStatistics(FactorMoments moments, double logLikelihood) {
        this.moments = moments;
        this.logLikelihood = logLikelihood;
    }

    @Override
    public FactorStatistics merge(FactorStatistics other) {
        moments.merge(other.moments);
        logLikelihood += other.logLikelihood;
        return this;
    }

    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    @Override
    public double weight() {
        return moments.weight[0];
    }

    /**
     * The weighted mean of the rows summarised.
     *
     * @return a new array of length d
     */
    public double[] mean() {
        return moments.mean(0);
    }

    /**
     * The weighted covariance (centred scatter over the weight) of the rows summarised.
     *
     * @return a new {@code d × d} matrix
     * @throws IllegalStateException if the weight is not positive
     */
    public Matrix covariance() {
        return moments.covariance(0);
    }
}
