/**
 * Finite mixtures over any {@link io.emkit.core.family.Family}: {@code p(x) = Σ_j w_j f_j(x)}, fitted
 * by the EM driver with the mixing-weight M-step, sample weights, frozen weights, restarts and the
 * re-seeding of components that lose their weight written once for every family.
 *
 * <p>{@link io.emkit.core.mixture.MixtureFamily} makes a family of such mixtures, so that a structure
 * over a family (an HMM, or a mixture again) can have mixture components.
 *
 * @serial exclude
 */
package io.emkit.core.mixture;
