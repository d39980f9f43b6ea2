package io.emkit.core;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a latent-variable model implements to be fitted by {@link Em}.
 *
 * <p>A model is a stateless recipe (configuration such as a regulariser may live in it): the E-step
 * {@link #expect} maps parameters and one chunk to expected sufficient statistics, the M-step
 * {@link #maximize} maps merged statistics to new parameters, and {@link #initialize} makes
 * starting parameters. Implementations must be safe to call from several threads at once, since
 * the driver runs {@code expect} on chunks in parallel.
 *
 * @param <D> the data type; a chunk has the same type as the whole data set
 * @param <P> the immutable parameter type
 * @param <S> the sufficient-statistics type
 */
public interface LatentModel<D, P, S extends SufficientStatistics<S>> {

    /**
     * Checks that the data suit this model (for instance {@code k <= n}, or symbols within range),
     * once per fit, before initialisation. Chunking is not the model's concern: the driver's
     * {@link Executor} cuts the data.
     *
     * @param data the whole data set (or the executor's sample of it). Not modified.
     * @throws IllegalArgumentException naming the problem, if the data do not suit the model
     */
    default void validate(D data) {}

    /**
     * E-step on one chunk: expected sufficient statistics under {@code params}, carrying the
     * chunk's log-likelihood and weighted sample count. Must have no side effects.
     *
     * @param params current parameters. Not modified.
     * @param chunk one chunk of the data, as cut by the executor. Not modified.
     * @return fresh statistics owned by the caller
     */
    S expect(P params, D chunk);

    /**
     * M-step: new parameters from the statistics merged over all chunks.
     *
     * <p>Trouble such as a component losing all its weight is handled by a documented rule of the
     * model (re-seed, floor, regularise) and reported through {@code context}, never by returning
     * parameters that hold NaN.
     *
     * @param total merged statistics of the whole data set. The model may modify it.
     * @param previous the parameters the statistics were computed under
     * @param context the iteration number and a sink for warnings
     * @return new parameters
     */
    P maximize(S total, P previous, IterationContext context);

    /**
     * Starting parameters for one run.
     *
     * @param data the whole data set. Not modified.
     * @param random this run's own random stream; the only source of randomness allowed
     * @return parameters to start EM from
     */
    P initialize(D data, RandomGenerator random);

    /**
     * Whether each M-step is an exact maximiser, so the log-likelihood can never decrease beyond
     * round-off. The driver reports a {@link FitWarning.LikelihoodDecreased} only for models that
     * say so; a regularised M-step (a covariance ridge, a variance floor, pseudo-counts) may lower
     * the likelihood slightly and legitimately, and should return {@code false}.
     *
     * @return {@code true} (the default) when EM on this model is monotone
     */
    default boolean guaranteesMonotoneLikelihood() {
        return true;
    }

    /**
     * The model's parameters as a flat vector of unconstrained coordinates, which lets the driver
     * accelerate EM ({@link Acceleration#SQUAREM}). Models without one are fitted by plain EM whatever
     * the options say.
     *
     * @return the mapping, or empty (the default)
     */
    default Optional<ParameterVector<P>> parameterVector() {
        return Optional.empty();
    }
}
