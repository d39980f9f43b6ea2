/**
 * Distributions as weighted estimators: a {@link io.emkit.core.family.Family} is written once and
 * serves as the components of a mixture and as the emissions of a hidden Markov model.
 *
 * <p>A family works on a whole set of {@code k} components at once and on blocks of rows, so that
 * tricks which share work between components (a common reference point, a tied covariance's single
 * factor) stay inside it. Its {@link io.emkit.core.family.Accumulator}s hold weighted statistics
 * with no reference to the parameters that produced them, so they merge across chunks, threads,
 * passes over a file or cluster partitions, and scale for online EM.
 *
 * @serial exclude
 */
package io.emkit.core.family;
