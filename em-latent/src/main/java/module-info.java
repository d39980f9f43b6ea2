/**
 * emkit latent models beyond mixtures and HMMs: latent Dirichlet allocation by batch variational EM
 * on sparse documents.
 */
module io.emkit.latent {
    requires transitive io.emkit.core;

    exports io.emkit.latent.lda;
}
