package io.emkit.hmm;

/**
 * The weighted sufficient statistics of an emission family, accumulated per state from the state
 * posteriors of an E-step; a mutable accumulator, merged across chunks and turned into new
 * distributions by {@link EmissionFamily#estimate}.
 *
 * <p>Not thread-safe: each chunk's E-step owns its instance.
 */
public interface EmissionStatistics extends java.io.Serializable {

    /**
     * Adds one sequence: every step {@code t} counts towards state {@code s} with weight
     * {@code weight * posteriors[t * S + s]}.
     *
     * @param data the sequences. Not modified.
     * @param sequence index of the sequence within {@code data}
     * @param posteriors time-major {@code T x S} state posteriors of that sequence (rows sum to 1),
     *     possibly longer than {@code T * S}. Not modified.
     * @param weight the sequence's weight, {@code > 0}
     */
    void add(Sequences data, int sequence, double[] posteriors, double weight);

    /**
     * Merges the statistics of another chunk (associative, commutative up to round-off).
     *
     * @param other statistics of the same family and shape. Not modified.
     * @return this, updated
     * @throws IllegalArgumentException if {@code other} is of another family or shape
     */
    EmissionStatistics merge(EmissionStatistics other);

    /**
     * Multiplies every weight summarised by {@code factor} (online EM). The default refuses, for
     * emission statistics written before online EM.
     *
     * @param factor finite, {@code >= 0}
     * @return this, updated
     * @throws UnsupportedOperationException if these statistics cannot scale
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     */
    default EmissionStatistics scale(double factor) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot scale, so online EM cannot use it");
    }

    /**
     * A deep copy (online EM). The default refuses, as {@link #scale}.
     *
     * @return statistics equal to these, sharing no mutable state
     * @throws UnsupportedOperationException if these statistics cannot be copied
     */
    default EmissionStatistics copy() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot be copied, so online EM cannot use it");
    }
}
