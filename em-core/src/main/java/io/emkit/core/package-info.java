/**
 * The EM contract and its one driver.
 *
 * <p>EM is map-reduce over expected sufficient statistics: a {@link io.emkit.core.LatentModel}
 * runs the E-step on any chunk of the data and returns {@link io.emkit.core.SufficientStatistics}
 * that merge associatively; the M-step turns the merged total into new immutable parameters.
 * {@link io.emkit.core.Em} owns the loop: parallel E-step over chunks, merge in chunk order,
 * M-step, convergence, restarts, listeners and warnings. Nothing in this package names a concrete
 * model.
 *
 * <p>Conventions throughout emkit: logarithms are natural; log-likelihoods are totals over the
 * (weighted) samples unless a name says "mean"; matrices are row-major; every public value type is
 * immutable and every array crossing the API is copied.
 */
package io.emkit.core;
