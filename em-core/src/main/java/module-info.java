/**
 * emkit core: the latent-model contract ({@link io.emkit.core.LatentModel},
 * {@link io.emkit.core.SufficientStatistics}), the EM driver {@link io.emkit.core.Em}, its options and
 * results, {@link io.emkit.core.Dataset}, and the numerics every model shares. Knows no concrete model.
 */
module io.emkit.core {
    requires transitive com.google.common;

    exports io.emkit.core;
    exports io.emkit.core.numeric;
}
