package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.Em;
import io.emkit.core.IncompleteDataset;
import io.emkit.gmm.IncompleteGaussianMixture;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import java.util.random.RandomGenerator;

/**
 * What {@link FactorAnalysis} and {@link PPCA} share: one factor analyser ({@link FactorEm}) run on the
 * driver, fitted by moments; they differ only in their family's noise (diagonal or isotropic).
 */
abstract class SingleFactorModel implements LatentModel<Dataset, FactorParameters, FactorStatistics> {

    final FactorEm em;

    SingleFactorModel(FactorAnalyserFamily family, boolean randomStart) {
        this.em = new FactorEm(family, randomStart);
    }

    /**
     * The family of the model's one component.
     *
     * @return the family (k = 1 here)
     */
    public FactorAnalyserFamily family() {
        return em.family;
    }

    /**
     * The number of factors q.
     *
     * @return {@code q >= 1}
     */
    public int factors() {
        return em.family.factors();
    }

    /**
     * Fits from {@link #initialize} starts ({@link EmOptions#restarts()} of them; the best wins), by
     * moments (see the class comment).
     *
     * @param data {@code n × d} rows, optional weights, {@code d > q}. Not modified.
     * @param options loop options
     * @return the fit; its log-likelihood is that of the data (to round-off)
     * @throws IllegalArgumentException if {@code q >= d}
     */
    public EmResult<FactorParameters> fit(Dataset data, EmOptions options) {
        return FactorEm.fit(em, this, data, null, options);
    }

    /**
     * Fits from given parameters (one run), by moments.
     *
     * @param data rows of the start's dimension. Not modified.
     * @param start starting parameters with this model's q
     * @param options loop options
     * @return the fit
     * @throws IllegalArgumentException if the start does not match the model or the data
     */
    public EmResult<FactorParameters> fit(Dataset data, FactorParameters start, EmOptions options) {
        em.checkStart(start, data);
        return FactorEm.fit(em, this, data, start, options);
    }

    /**
     * Fits rows with missing cells by EM on the complete data (Ghahramani and Jordan 1994): each
     * iteration completes every row under {@code N(μ, W Wᵀ + Ψ)} (conditional means of the missing cells,
     * conditional covariances added to the expected scatter) and runs the complete-data M-step on those
     * expected moments, so the observed-data log-likelihood {@code Σ_i v_i log N(x_i,o; μ_o, C_oo)} never
     * decreases. Starts are {@link #initialize} on the observed-mean-imputed rows; rows missing in every
     * column are skipped and listed in the result's warnings. Each iteration costs {@code O(n d²)} plus {@code O(d³)} per missingness pattern.
     * Data without a missing cell take {@link #fit(Dataset, EmOptions)} itself (the same result, bit for bit).
     *
     * @param data {@code n × d} rows with NaN-masked missing cells, optional weights, {@code d > q}, at
     *     least one row with an observed cell. Not modified.
     * @param options loop options
     * @return the fit; its log-likelihood is the observed-data one
     * @throws IllegalArgumentException if {@code q >= d} or every row is empty
     */
    public EmResult<FactorParameters> fit(IncompleteDataset data, EmOptions options) {
        java.util.Objects.requireNonNull(data, "data");
        java.util.Objects.requireNonNull(options, "options");
        if (data.isComplete()) {
            return fit(data.toDataset(), options);
        }
        return IncompleteGaussianMixture.reportEmptyRows(data, Em.fit(new IncompleteFactorEm(em), data, options));
    }

    /**
     * Fits rows with missing cells from given parameters (one run), as {@link #fit(IncompleteDataset, EmOptions)}.
     *
     * @param data rows of the start's dimension with NaN-masked missing cells. Not modified.
     * @param start starting parameters with this model's q
     * @param options loop options
     * @return the fit; its log-likelihood is the observed-data one
     * @throws IllegalArgumentException if the start does not match the model or the data, or every row is empty
     */
    public EmResult<FactorParameters> fit(IncompleteDataset data, FactorParameters start, EmOptions options) {
        java.util.Objects.requireNonNull(data, "data");
        java.util.Objects.requireNonNull(options, "options");
        if (data.isComplete()) {
            return fit(data.toDataset(), start, options);
        }
        IncompleteFactorEm model = new IncompleteFactorEm(em);
        model.checkStart(start, data);
        return IncompleteGaussianMixture.reportEmptyRows(data, Em.fit(model, data, start, options));
    }

    /**
     * Checks {@code d >= 2} and {@code q < d}.
     *
     * @param data the data
     * @throws IllegalArgumentException naming the problem
     */
    @Override
    public void validate(Dataset data) {
        em.validate(data);
    }

    @Override
    public FactorStatistics expect(FactorParameters params, Dataset chunk) {
        return em.expect(params, chunk);
    }

    @Override
    public FactorParameters maximize(FactorStatistics total, FactorParameters previous, IterationContext context) {
        return em.maximize(total, previous, context);
    }

    /**
     * The start: the closed-form PPCA of the data (with {@code Ψ = diag(S - W Wᵀ)} for factor analysis),
     * or with {@code randomStart} random loadings and noise that each explain half of every
     * feature's variance.
     *
     * @param data the data. Not modified.
     * @param random the run's random stream (used only by random starts)
     * @return starting parameters
     */
    @Override
    public FactorParameters initialize(Dataset data, RandomGenerator random) {
        return em.initialize(data, random);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return !em.family.isRegularised();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[q=" + factors() + (em.random ? ", random start" : "") + "]";
    }

    /**
     * The settings both builders take; {@link #factors} is required.
     *
     * @param <B> the concrete builder
     */
    abstract static class Settings<B extends Settings<B>> {
        int factors = -1;
        double noiseFloor;
        boolean randomStart;

        abstract B self();

        /**
         * @param q the number of factors, {@code >= 1} (and {@code < d} of the data)
         * @return this
         * @throws IllegalArgumentException if {@code q < 1}
         */
        public B factors(int q) {
            checkArgument(q >= 1, "factors q (%s) must be >= 1", q);
            this.factors = q;
            return self();
        }

        /**
         * @param floor an absolute floor on the noise variances, finite and {@code >= 0} (default 0:
         *     only the built-in relative floor of {@link FactorAnalyserFamily})
         * @return this
         * @throws IllegalArgumentException if negative or not finite
         */
        public B noiseFloor(double floor) {
            checkArgument(floor >= 0 && floor < Double.POSITIVE_INFINITY, "noiseFloor (%s) must be finite and >= 0",
                    floor);
            this.noiseFloor = floor;
            return self();
        }

        /**
         * @param value whether starts are random (so restarts differ) instead of the closed form (default)
         * @return this
         */
        public B randomStart(boolean value) {
            this.randomStart = value;
            return self();
        }

        void checkRequired() {
            if (factors < 1) {
                throw new IllegalStateException("factors q is required: call factors(q) before build()");
            }
        }
    }
}
