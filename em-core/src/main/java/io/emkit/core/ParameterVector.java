package io.emkit.core;

/**
 * A model's parameters as a flat vector of unconstrained coordinates, so that the driver can
 * extrapolate along EM's path ({@link Acceleration#SQUAREM}). A model offers one through
 * {@link LatentModel#parameterVector()}.
 *
 * <p>Coordinates should make every finite vector near the EM path describe valid parameters:
 * probabilities as log-ratios against a reference entry, positive values as logarithms, covariances
 * through their Cholesky factors with log-diagonals, free values (means) raw. A {@code layout}
 * fixes the coordinate system for one acceleration step: which entries are structural zeros (a
 * probability that is exactly 0 stays out of the vector and stays 0), which parts are frozen. The
 * driver always passes the parameters at the start of the step as the layout, and maps points to
 * and from the vector only within that step.
 *
 * <p>Implementations must be stateless and thread-safe, and must not modify their arguments.
 *
 * @param <P> the parameter type
 */
public interface ParameterVector<P> {

    /**
     * The coordinates of {@code params} in the coordinate system of {@code layout}.
     *
     * @param params the parameters to map. Not modified.
     * @param layout parameters that fix the coordinate system (often {@code params} itself). Not modified.
     * @return a new vector, the same length for every {@code params} written in the same layout; or
     *     {@code null} when {@code params} cannot be written in {@code layout}'s coordinates (for
     *     example a probability that is 0 in {@code params} but not in {@code layout}). The driver then
     *     takes plain EM steps.
     */
    double[] toVector(P params, P layout);

    /**
     * The parameters a vector describes, in the coordinate system of {@code layout} (parts outside
     * the vector, such as structural zeros, are taken from it).
     *
     * @param vector coordinates as {@link #toVector} writes them for {@code layout}; may hold any
     *     finite values, extrapolated far from the EM path. Not modified.
     * @param layout the parameters that fixed the coordinate system. Not modified.
     * @return the parameters, or {@code null} when the vector does not describe valid parameters
     *     (overflow, a non-finite value, a covariance that is not positive definite). Throwing an
     *     {@link IllegalArgumentException} is read the same way.
     */
    P fromVector(double[] vector, P layout);
}
