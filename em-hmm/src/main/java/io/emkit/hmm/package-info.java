/**
 * Hidden Markov models trained by Baum-Welch on the emkit EM driver.
 *
 * <p>{@link io.emkit.hmm.BaumWelch} is a {@link io.emkit.core.LatentModel} over
 * {@link io.emkit.hmm.Sequences}, producing {@link io.emkit.hmm.HmmParameters} (start
 * probabilities, a {@link io.emkit.hmm.TransitionMatrix} and an {@link io.emkit.hmm.Emission});
 * {@link io.emkit.hmm.FittedHmm} answers queries; {@link io.emkit.hmm.HmmSelection} compares state
 * counts by BIC/AIC. Emission families are weighted estimators ({@link io.emkit.hmm.EmissionFamily}):
 * categorical, Gaussian (reusing em-gmm), or your own.
 *
 * @serial exclude
 */
package io.emkit.hmm;
