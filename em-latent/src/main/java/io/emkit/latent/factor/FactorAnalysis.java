package io.emkit.latent.factor;

import io.emkit.core.Dataset;

/**
 * Factor analysis {@code x = μ + W z + ε}, {@code z ~ N(0, I_q)}, {@code ε ~ N(0, Ψ)} with a diagonal Ψ
 * (Rubin &amp; Thayer 1982), fitted by EM with the factors as missing data: the maximum-likelihood
 * {@code N(μ, W Wᵀ + Ψ)} that scikit-learn's {@code FactorAnalysis} finds (by another iteration).
 *
 * <p>E-step on a chunk of rows: log densities in {@code O(d q)} per row (Woodbury and the matrix
 * determinant lemma, never a d × d inverse) and the rows' weighted moments ({@link FactorStatistics});
 * M-step: {@code μ = x̄} and one closed-form EM step for W and the noise from the centred covariance S,
 * as {@link FactorAnalyserFamily} documents. The log-likelihood never decreases (unless a noise floor
 * binds).
 *
 * <p>{@link #fit(Dataset, io.emkit.core.EmOptions)} makes one parallel pass for the data's weight, mean and scatter, and
 * then runs the driver on 2d weighted rows with exactly those moments: the Gaussian likelihood, and so
 * every iterate, depends on the data only through them, so each iteration costs {@code O(d² q)} instead
 * of {@code O(n d²)}. {@code Em.fit(model, data, options)} runs the same EM on the rows themselves (the
 * same iterates up to round-off). Immutable and thread-safe.
 */
public final class FactorAnalysis extends SingleFactorModel {

    private FactorAnalysis(Builder b) {
        super(FactorAnalyserFamily.factorAnalysers(b.factors).withNoiseFloor(b.noiseFloor), b.randomStart);
    }

    /**
     * A builder; {@code factors(q)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link FactorAnalysis}; settings are validated as they are set. */
    public static final class Builder extends Settings<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * @return the model
         * @throws IllegalStateException if {@code factors(q)} was not set
         */
        public FactorAnalysis build() {
            checkRequired();
            return new FactorAnalysis(this);
        }
    }
}
