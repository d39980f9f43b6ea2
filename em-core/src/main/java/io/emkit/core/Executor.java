package io.emkit.core;

/**
 * Runs E-steps over one data set's chunks and merges their statistics in a fixed order: the seam
 * between the EM loop ({@link Em}) and where the data live (in memory with local threads, a file
 * read chunk by chunk, a cluster). An executor is bound to its data when it is made.
 *
 * <p>Contract: {@link #expect} returns the merge, in chunk order, of {@code model.expect(params,
 * chunk)} over every chunk, so that its result does not depend on how the work was scheduled.
 * Executors are used by one fit at a time and closed by whoever made them.
 *
 * @param <D> the data (and chunk) type
 */
public interface Executor<D> extends AutoCloseable {

    /**
     * One E-step over all the data.
     *
     * @param model the model. Not modified.
     * @param params the parameters to compute expected statistics under
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the merged statistics of every chunk, owned by the caller
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted; the
     *     interrupt flag is set again
     * @throws IllegalStateException if an E-step failed with a checked exception
     */
    <P, S extends SufficientStatistics<S>> S expect(LatentModel<D, P, S> model, P params);

    /**
     * The data that initialisation and validation see: the whole data set in memory, or a documented
     * sample of it for an executor that cannot hold everything.
     *
     * @return the data; not to be modified
     */
    D data();

    /** Releases threads or other resources; the executor cannot be used afterwards. */
    @Override
    void close();
}
