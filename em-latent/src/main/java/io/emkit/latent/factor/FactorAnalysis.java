package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import java.util.random.RandomGenerator;

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
 * <p>{@link #fit(Dataset, EmOptions)} makes one parallel pass for the data's weight, mean and scatter, and
 * then runs the driver on 2d weighted rows with exactly those moments: the Gaussian likelihood, and so
 * every iterate, depends on the data only through them, so each iteration costs {@code O(d² q)} instead
 * of {@code O(n d²)}. {@code Em.fit(model, data, options)} runs the same EM on the rows themselves (the
 * same iterates up to round-off). Immutable and thread-safe.
 */
public final class FactorAnalysis implements LatentModel<Dataset, FactorParameters, FactorStatistics> {

    private final FactorEm em;

    private FactorAnalysis(Builder b) {
        this.em = new FactorEm(FactorAnalyserFamily.factorAnalysers(b.factors).withNoiseFloor(b.noiseFloor), b.randomStart);
    }

    /**
     * A builder; {@link Builder#factors} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
     * or with {@link Builder#randomStart} random loadings and noise that each explain half of every
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
        return "FactorAnalysis[q=" + factors() + (em.random ? ", random start" : "") + "]";
    }

    /** Builder of {@link FactorAnalysis}; settings are validated as they are set. */
    public static final class Builder {
        private int factors = -1;
        private double noiseFloor;
        private boolean randomStart;

        private Builder() {}

        /**
         * @param q the number of factors, {@code >= 1} (and {@code < d} of the data)
         * @return this
         * @throws IllegalArgumentException if {@code q < 1}
         */
        public Builder factors(int q) {
            checkArgument(q >= 1, "factors q (%s) must be >= 1", q);
            this.factors = q;
            return this;
        }

        /**
         * @param floor an absolute floor on the noise variances, finite and {@code >= 0} (default 0:
         *     only the built-in relative floor of {@link FactorAnalyserFamily})
         * @return this
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder noiseFloor(double floor) {
            checkArgument(floor >= 0 && floor < Double.POSITIVE_INFINITY, "noiseFloor (%s) must be finite and >= 0",
                    floor);
            this.noiseFloor = floor;
            return this;
        }

        /**
         * @param value whether starts are random (so restarts differ) instead of the closed form (default)
         * @return this
         */
        public Builder randomStart(boolean value) {
            this.randomStart = value;
            return this;
        }

        /**
         * @return the model
         * @throws IllegalStateException if {@link #factors} was not set
         */
        public FactorAnalysis build() {
            if (factors < 1) {
                throw new IllegalStateException("factors q is required: call factors(q) before build()");
            }
            return new FactorAnalysis(this);
        }
    }
}
