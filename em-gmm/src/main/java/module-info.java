/**
 * emkit Gaussian mixtures: densities, weighted estimators, the Gaussian mixture model with full,
 * diagonal, spherical and tied covariances, and model selection by BIC, AIC or ICL.
 */
module io.emkit.gmm {
    requires transitive io.emkit.core;

    exports io.emkit.gmm;
}
