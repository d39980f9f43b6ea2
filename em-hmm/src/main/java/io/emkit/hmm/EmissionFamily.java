package io.emkit.hmm;

import io.emkit.core.IterationContext;
import io.emkit.gmm.CovarianceType;
import java.util.random.RandomGenerator;

/**
 * A family of emission distributions as a weighted estimator: how {@link BaumWelch} initialises,
 * accumulates and re-estimates the {@link Emission} of every state. Implementations hold only
 * configuration (such as a covariance regulariser), are immutable and thread-safe.
 */
public interface EmissionFamily {

    /** Default ridge added to Gaussian covariance diagonals in every M-step (as for the mixture). */
    double DEFAULT_REG_COVAR = 1e-6;

    /**
     * Categorical emissions over symbols {@code 0 .. symbols - 1}.
     *
     * @param symbols the alphabet size {@code m >= 1}
     * @return the family
     * @throws IllegalArgumentException if {@code symbols < 1}
     */
    static EmissionFamily categorical(int symbols) {
        return new CategoricalFamily(symbols);
    }

    /**
     * Multivariate Gaussian emissions with {@link #DEFAULT_REG_COVAR}.
     *
     * @param type {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL}
     * @return the family
     * @throws IllegalArgumentException for another covariance type
     */
    static EmissionFamily gaussian(CovarianceType type) {
        return gaussian(type, DEFAULT_REG_COVAR);
    }

    /**
     * Multivariate Gaussian emissions.
     *
     * @param type {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL}
     * @param regCovar added to every covariance diagonal in each M-step, finite and {@code >= 0}
     *     ({@code 0} gives the textbook update)
     * @return the family
     * @throws IllegalArgumentException for another covariance type or a bad {@code regCovar}
     */
    static EmissionFamily gaussian(CovarianceType type, double regCovar) {
        return new GaussianFamily(type, regCovar, GaussianStart.KMEANS);
    }

    /**
     * Multivariate Gaussian emissions with a chosen way of starting the states' means.
     *
     * @param type {@link CovarianceType#FULL} or {@link CovarianceType#DIAGONAL}
     * @param regCovar added to every covariance diagonal in each M-step, finite and {@code >= 0}
     * @param start how {@link #initialize} picks the means. Not null.
     * @return the family
     * @throws IllegalArgumentException for another covariance type or a bad {@code regCovar}
     */
    static EmissionFamily gaussian(CovarianceType type, double regCovar, GaussianStart start) {
        return new GaussianFamily(type, regCovar, java.util.Objects.requireNonNull(start, "start"));
    }

    /**
     * How a Gaussian family's {@link #initialize} picks the states' means; every state starts with
     * the covariance of all observations (in the family's shape, plus regCovar).
     */
    enum GaussianStart {
        /**
         * k-means++ seeding and 10 Lloyd iterations on at most 10,000 random observations (the
         * default): well-spread means, so restarts differ mostly in the tie-breaking.
         */
        KMEANS,
        /**
         * {@code S} distinct observations drawn uniformly: the classic random start, more diverse
         * across restarts.
         */
        RANDOM_OBSERVATIONS
    }

    /**
     * Checks that data suit this family (kind, symbol range, dimension).
     *
     * @param data the sequences. Not modified.
     * @throws IllegalArgumentException naming the mismatch
     */
    void checkCompatible(Sequences data);

    /**
     * Starting distributions for {@code states} states.
     *
     * @param data the training data, compatible. Not modified.
     * @param states {@code S >= 1}
     * @param random the only source of randomness
     * @return the emission
     */
    Emission initialize(Sequences data, int states, RandomGenerator random);

    /**
     * Empty statistics for an E-step under {@code current}.
     *
     * @param current the emission of the current parameters
     * @return a fresh accumulator
     */
    EmissionStatistics newStatistics(Emission current);

    /**
     * The M-step: distributions from merged statistics. A state without weight keeps its previous
     * distribution and the event is reported through {@code context}.
     *
     * @param total statistics merged over all chunks
     * @param previous the emission the statistics were gathered under
     * @param context iteration number and warning sink
     * @return the new emission
     */
    Emission estimate(EmissionStatistics total, Emission previous, IterationContext context);

    /**
     * Whether the M-step is regularised (so EM may lower the likelihood slightly).
     *
     * @return {@code false} by default
     */
    default boolean isRegularised() {
        return false;
    }
}
