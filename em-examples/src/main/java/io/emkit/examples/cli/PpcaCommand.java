package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.latent.factor.PPCA;
import io.emkit.latent.factor.FactorParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code em ppca fit}: probabilistic PCA (CLI.md "Latent linear models"); model files as em-io's {@link io.emkit.io.model.ModelFiles}. */
@Command(name = "ppca", mixinStandardHelpOptions = true, description = "Probabilistic PCA (isotropic noise), by EM from the closed form (or random starts).",
        subcommands = {PpcaCommand.Fit.class})
final class PpcaCommand {

    private PpcaCommand() {}

    /** {@code em ppca fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits probabilistic PCA with EM on the data's moments (one pass over the rows, then cheap"
                    + " iterations).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends SingleFactorFit {
        @Option(names = "--components", required = true, paramLabel = "q", order = 2,
                description = "Number of latent dimensions q (< d).")
        void factors(int q) {
            this.factors = q;
        }

        @Override
        String name() {
            return "ppca";
        }

        @Override
        String factorsOption() {
            return "--components";
        }

        @Override
        boolean isotropic() {
            return true;
        }

        @Override
        EmResult<FactorParameters> fit(Dataset data, FactorParameters initial, EmOptions options, boolean random) {
            PPCA model = PPCA.builder().factors(factors).noiseFloor(noiseFloor).randomStart(random).build();
            return initial == null ? model.fit(data, options) : model.fit(data, initial, options);
        }

        @Override
        EmResult<FactorParameters> fit(IncompleteDataset data, FactorParameters initial, EmOptions options,
                boolean random) {
            PPCA model = PPCA.builder().factors(factors).noiseFloor(noiseFloor).randomStart(random).build();
            return initial == null ? model.fit(data, options) : model.fit(data, initial, options);
        }
    }
}
