/**
 * Linear-Gaussian latent models by EM: factor analysis ({@link io.emkit.latent.factor.FactorAnalysis}),
 * probabilistic PCA ({@link io.emkit.latent.factor.PPCA}, with its closed form) and, through
 * {@link io.emkit.latent.factor.FactorAnalyserFamily} under the generic
 * {@link io.emkit.core.mixture.Mixture}, mixtures of factor analysers and of PPCA.
 *
 * <p>Model: {@code x = μ + W z + ε}, {@code z ~ N(0, I_q)}, {@code ε ~ N(0, Ψ)}, so
 * {@code x ~ N(μ, W Wᵀ + Ψ)}. Every density is computed through the q × q matrix
 * {@code I + Wᵀ Ψ⁻¹ W} (Woodbury, the matrix determinant lemma) in {@code O(d q)} per observation;
 * the E-step sums parameter-free moments ({@link io.emkit.latent.factor.FactorMoments}) and the
 * M-step turns each component's centred covariance into new loadings and noise in closed form
 * (Rubin &amp; Thayer 1982; Ghahramani &amp; Hinton 1996; Tipping &amp; Bishop 1999). Parameters:
 * {@link io.emkit.latent.factor.FactorParameters} (one model) and
 * {@link io.emkit.latent.factor.FactorAnalysers} (a component set); mixture queries such as the
 * posterior factor means are in {@link io.emkit.latent.factor.FactorMixtures}.
 *
 * @serial exclude
 */
package io.emkit.latent.factor;
