package io.emkit.core.family;

/**
 * A family whose component sets map to and from flat vectors of unconstrained coordinates, so that
 * the structures over it (mixtures, hidden Markov models) can offer a
 * {@link io.emkit.core.ParameterVector} and be accelerated ({@link io.emkit.core.Acceleration#SQUAREM}).
 * Optional: a {@link Family} implements it in addition.
 *
 * <p>The layout set fixes the coordinate system (structural zeros, frozen parts), as in
 * {@link io.emkit.core.ParameterVector}. Implementations are stateless and do not modify arguments.
 *
 * @param <C> the family's component-set type
 */
public interface VectorFamily<C> {

    /**
     * The number of coordinates of a set written in {@code layout}'s coordinate system.
     *
     * @param layout the set that fixes the coordinates
     * @return the length, {@code >= 0}
     */
    int vectorLength(C layout);

    /**
     * Writes {@code set}'s coordinates ({@link #vectorLength} values) to {@code out} from {@code offset}.
     *
     * @param set the components to write
     * @param layout the set that fixes the coordinates (often {@code set} itself)
     * @param out receives the coordinates. Modified.
     * @param offset where in {@code out}
     * @return false when {@code set} cannot be written in {@code layout}'s coordinates
     */
    boolean toVector(C set, C layout, double[] out, int offset);

    /**
     * The set that coordinates describe.
     *
     * @param in coordinates, possibly extrapolated far from any fitted set. Not modified.
     * @param offset where they start in {@code in}
     * @param layout the set that fixed the coordinates
     * @return the components, or {@code null} when the coordinates describe no valid set (overflow,
     *     a covariance that is not positive definite)
     */
    C fromVector(double[] in, int offset, C layout);
}
