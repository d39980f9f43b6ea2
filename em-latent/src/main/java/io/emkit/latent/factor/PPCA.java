package io.emkit.latent.factor;

import io.emkit.core.Dataset;

/**
 * Probabilistic principal component analysis (Tipping &amp; Bishop 1999): factor analysis with
 * isotropic noise {@code Ψ = σ² I}, fitted by EM; {@link #closedForm} is the exact maximum from the
 * eigen-decomposition of the sample covariance, which is also the default start.
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
public final class PPCA extends SingleFactorModel {

    private PPCA(Builder b) {
        super(FactorAnalyserFamily.probabilisticPca(b.factors).withNoiseFloor(b.noiseFloor), b.randomStart);
    }

    /**
     * A builder; {@code factors(q)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The maximum-likelihood PPCA in closed form (Tipping &amp; Bishop 1999, eq. 7-8): with the weighted
     * sample covariance's eigenvalues {@code λ_1 >= ... >= λ_d} and eigenvectors U (Jacobi),
     * {@code μ = x̄}, {@code σ² = Σ_{c>q} λ_c / (d - q)}, {@code W = U_q (Λ_q - σ² I)^{1/2}} (each column's
     * largest entry positive). σ² is raised to the built-in floor of {@link FactorAnalyserFamily} (and any
     * noise floor of this model) when the data span at most q dimensions.
     *
     * @param data {@code n × d} rows, optional weights, {@code d > q}. Not modified.
     * @return the parameters
     * @throws IllegalArgumentException if {@code q >= d}
     */
    public FactorParameters closedForm(Dataset data) {
        validate(data);
        return new FactorParameters(io.emkit.core.family.Families.fromLabels(em.family, data, new int[data.size()], 1),
                true);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return !em.family.isRegularised();
    }

    /** Builder of {@link PPCA}; settings are validated as they are set. */
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
        public PPCA build() {
            checkRequired();
            return new PPCA(this);
        }
    }
}
