package io.emkit.core;

/**
 * Expected sufficient statistics of one chunk of data, as produced by an E-step.
 *
 * <p>Statistics of disjoint chunks combine with {@link #merge}, which must be associative and
 * commutative up to round-off, and numerically stable (for scatter matrices, combine centred sums
 * rather than raw second moments). The driver owns every instance it receives, so {@code merge} may
 * update {@code this} in place and return it.
 *
 * @param <S> the implementing type itself
 */
public interface SufficientStatistics<S extends SufficientStatistics<S>> {

    /**
     * Combines these statistics with those of a disjoint chunk.
     *
     * @param other statistics of another chunk. Not modified.
     * @return the statistics of both chunks together; may be {@code this}, updated
     */
    S merge(S other);

    /**
     * The log-likelihood (natural log, total, weighted) of the summarised data under the parameters
     * used in the E-step that produced these statistics.
     *
     * @return a finite value, or {@code -Infinity} when some sample has zero density
     */
    double logLikelihood();

    /**
     * The (weighted) number of samples summarised; the driver divides by it to form the mean
     * per-sample log-likelihood used by the convergence test.
     *
     * @return a value {@code > 0} for a non-empty chunk
     */
    double weight();
}
