package io.emkit.examples.cli;

import io.emkit.core.Chunkable;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.core.OnlineEm;
import io.emkit.core.ScalableStatistics;
import picocli.CommandLine.Option;

/**
 * {@code --online [--batch-size B] [--passes P] [--kappa K]}: stepwise (online) EM instead of batch
 * EM ({@link OnlineEm}), in memory or, with {@code --stream}, over the file (picocli mixin).
 */
final class OnlineOptions {

    @Option(names = "--online", order = 40,
            description = "Online (stepwise) EM: one plain batch iteration, then the parameters are updated after"
                    + " every mini-batch, s <- (1-eta) s + eta s_batch with eta_t = (t + 2)^-kappa.")
    boolean online;

    @Option(names = "--batch-size", paramLabel = "B", order = 41,
            description = "Mini-batch size for --online: rows (hmm: steps of whole sequences). Default: 10000.")
    Integer batchSize;

    @Option(names = "--passes", paramLabel = "P", order = 42,
            description = "Passes over the data for --online after the burn-in. Default: 2.")
    Integer passes;

    @Option(names = "--kappa", paramLabel = "K", order = 43,
            description = "Step-size exponent for --online, in (0.5, 1]. Default: 0.6.")
    Double kappa;

    /** Refuses the online settings without {@code --online}, and bad values. */
    void check() {
        if (!online && (batchSize != null || passes != null || kappa != null)) {
            throw new IllegalArgumentException("--batch-size, --passes and --kappa need --online");
        }
        if (online) {
            CliCommand.checkPositive("--batch-size", batchSize == null ? 1 : batchSize);
            CliCommand.checkPositive("--passes", passes == null ? 1 : passes);
            if (kappa != null && !(kappa > 0.5 && kappa <= 1)) {
                throw new IllegalArgumentException("--kappa (" + kappa + ") must be in (0.5, 1]");
            }
        }
    }

    /** The settings of the online run. */
    OnlineEm.Settings settings() {
        OnlineEm.Settings defaults = OnlineEm.Settings.defaults();
        return new OnlineEm.Settings(kappa == null ? defaults.kappa() : kappa, defaults.t0(),
                batchSize == null ? defaults.batchSize() : batchSize, passes == null ? defaults.passes() : passes,
                true);
    }

    /** Online EM on data in memory, from {@code start} or (when null) the model's initialisation. */
    <D extends Chunkable<D>, P, S extends ScalableStatistics<S>> EmResult<P> fit(LatentModel<D, P, S> model, D data,
            P start, EmOptions options) {
        return OnlineEm.fit(model, data, start, settings(), options);
    }
}
