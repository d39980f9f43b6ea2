/**
 * Gaussian densities, weighted Gaussian estimators and the Gaussian mixture model.
 *
 * <p>{@link io.emkit.gmm.Gaussian} is an immutable multivariate normal density;
 * {@link io.emkit.gmm.GaussianFamily} is the Gaussian family of the family layer (used by the
 * mixture's M-step and by hidden Markov models' Gaussian emissions);
 * {@link io.emkit.gmm.GaussianMixtureModel} fits a {@link io.emkit.gmm.GaussianMixture} by EM and
 * returns a {@link io.emkit.gmm.FittedGaussianMixture}.
 *
 * @serial exclude
 */
package io.emkit.gmm;
