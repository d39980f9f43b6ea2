package io.emkit.core.family;

import java.io.Serializable;

/**
 * Weighted sufficient statistics of a family's components over some observations, as a mutable
 * value: what an E-step produces per chunk and what the M-step ({@link Family#estimate}) consumes.
 *
 * <p>Contract: an accumulator holds no reference to the parameters that produced it (statistics are
 * stored in a parameter-free form such as counts, means and centred scatters), so accumulators from
 * different chunks, threads, passes or machines merge. {@link #merge} is associative and commutative
 * up to round-off and numerically stable (centred scatters combine Chan et al. style, never as raw
 * second moments). Implementations are {@link Serializable} so that a cluster engine can ship them.
 *
 * @param <A> the implementing type itself
 */
public interface Accumulator<A extends Accumulator<A>> extends Serializable {

    /**
     * Adds the statistics of disjoint observations into this one.
     *
     * @param other statistics of the same shape (same k and dimension). Not modified.
     * @return {@code this}, updated
     * @throws IllegalArgumentException if the shapes differ
     */
    A merge(A other);

    /**
     * Multiplies every observation weight summarised by {@code factor}, as online EM's
     * {@code s ← (1 - η) s + η s_batch} needs: counts and weighted sums scale, means do not.
     *
     * @param factor a finite factor {@code >= 0}
     * @return {@code this}, updated
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     */
    A scale(double factor);

    /**
     * An empty accumulator of the same shape: the identity of {@link #merge}.
     *
     * @return a new accumulator summarising no observation
     */
    A emptyCopy();
}
