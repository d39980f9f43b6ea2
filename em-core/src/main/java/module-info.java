/**
 * emkit core: the latent-model contract ({@link io.emkit.core.LatentModel},
 * {@link io.emkit.core.SufficientStatistics}), the EM driver {@link io.emkit.core.Em}, its options and
 * results and executors, {@link io.emkit.core.Dataset}, the family layer ({@code io.emkit.core.family}: a
 * distribution as a weighted estimator), finite mixtures over any family ({@code io.emkit.core.mixture}),
 * and the numerics every model shares. Knows no concrete model.
 */
module io.emkit.core {
    requires transitive com.google.common;

    exports io.emkit.core;
    exports io.emkit.core.family;
    exports io.emkit.core.mixture;
    exports io.emkit.core.numeric;
}
