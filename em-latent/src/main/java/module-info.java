/**
 * emkit latent models beyond mixtures and HMMs: latent Dirichlet allocation by batch variational EM
 * on sparse documents; factor analysis, probabilistic PCA and mixtures of factor analysers.
 */
module io.emkit.latent {
    requires transitive io.emkit.core;
    requires io.emkit.gmm;

    exports io.emkit.latent.lda;
    exports io.emkit.latent.factor;
}
