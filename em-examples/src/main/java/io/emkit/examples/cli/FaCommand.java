package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.latent.factor.FactorAnalysis;
import io.emkit.latent.factor.FactorParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code em fa fit}: factor analysis (CLI.md "Latent linear models"); model files as em-io's {@link io.emkit.io.model.ModelFiles}. */
@Command(name = "fa", mixinStandardHelpOptions = true, description = "Factor analysis x = mu + W z + e with diagonal noise, by EM.",
        subcommands = {FaCommand.Fit.class})
final class FaCommand {

    private FaCommand() {}

    /** {@code em fa fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits factor analysis with EM on the data's moments (one pass over the rows, then cheap"
                    + " iterations).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends SingleFactorFit {
        @Option(names = "--factors", required = true, paramLabel = "q", order = 2,
                description = "Number of latent dimensions q (< d).")
        void factors(int q) {
            this.factors = q;
        }

        @Override
        String name() {
            return "fa";
        }

        @Override
        String factorsOption() {
            return "--factors";
        }

        @Override
        boolean isotropic() {
            return false;
        }

        @Override
        EmResult<FactorParameters> fit(Dataset data, FactorParameters initial, EmOptions options, boolean random) {
            FactorAnalysis model = FactorAnalysis.builder().factors(factors).noiseFloor(noiseFloor).randomStart(random).build();
            return initial == null ? model.fit(data, options) : model.fit(data, initial, options);
        }

        @Override
        EmResult<FactorParameters> fit(IncompleteDataset data, FactorParameters initial, EmOptions options,
                boolean random) {
            FactorAnalysis model = FactorAnalysis.builder().factors(factors).noiseFloor(noiseFloor).randomStart(random).build();
            return initial == null ? model.fit(data, options) : model.fit(data, initial, options);
        }
    }
}
