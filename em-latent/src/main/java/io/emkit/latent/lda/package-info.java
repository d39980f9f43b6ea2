/**
 * Latent Dirichlet allocation (Blei, Ng &amp; Jordan 2003) fitted by batch variational EM on the
 * emkit driver.
 *
 * <p>{@link io.emkit.latent.lda.Documents} holds sparse document-term counts (compressed rows over
 * a vocabulary of string terms); {@link io.emkit.latent.lda.LatentDirichletAllocation} is the
 * {@link io.emkit.core.LatentModel}: its E-step iterates each document's variational Dirichlet
 * {@code γ_d} and multinomials {@code φ_dw} to a documented inner tolerance and returns
 * {@link io.emkit.latent.lda.LdaStatistics} (expected topic-term counts and the per-document terms of
 * the variational bound), which add across chunks; its M-step is {@code λ = η + expected counts}.
 * {@link io.emkit.latent.lda.LdaParameters} holds {@code λ} (K×V), {@code α} and {@code η};
 * {@link io.emkit.latent.lda.FittedLda} answers top terms, document-topic proportions and held-out
 * perplexity. Notation follows Hoffman, Blei &amp; Bach (2010) and scikit-learn's
 * {@code LatentDirichletAllocation}, whose {@code components_} is {@code λ}.
 *
 * @serial exclude
 */
package io.emkit.latent.lda;
