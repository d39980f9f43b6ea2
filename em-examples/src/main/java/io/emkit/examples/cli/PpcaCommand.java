package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.io.NumericTable;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.factor.PPCA;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code em ppca fit}: probabilistic PCA (CLI.md "Latent linear models"); model files as {@link FactorJson}. */
@Command(name = "ppca", mixinStandardHelpOptions = true, description = "Probabilistic PCA (isotropic noise), by EM from the closed form (or random starts).",
        subcommands = {PpcaCommand.Fit.class})
final class PpcaCommand {

    private PpcaCommand() {}

    /** {@code em ppca fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits probabilistic PCA with EM on the data's moments (one pass over the rows, then cheap"
                    + " iterations).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends FactorFitOptions {
        @Option(names = "--components", required = true, paramLabel = "q", order = 2,
                description = "Number of latent dimensions q (< d).")
        int factors;

        @Option(names = "--start", paramLabel = "closed-form|random", defaultValue = "closed-form", order = 18,
                description = "Start without --init: the closed-form PPCA of the data, or random loadings (so that"
                        + " --restarts differ). Default: ${DEFAULT-VALUE}.")
        String start;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "10000", order = 20,
                description = "Iteration cap per run. Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-10", order = 21,
                description = "Stop when the mean per-sample log-likelihood changes by less than T; 0 runs exactly"
                        + " --max-iter. Default: ${DEFAULT-VALUE}.")
        double tolerance;

        @Option(names = "--noise-floor", paramLabel = "F", defaultValue = "0", order = 22,
                description = "Absolute floor on the noise variances (0: only a built-in 1e-12 relative floor)."
                        + " Default: ${DEFAULT-VALUE}.")
        double noiseFloor;

        @Override
        int maxIterations() {
            return maxIterations;
        }

        @Override
        double tolerance() {
            return tolerance;
        }

        @Override
        double noiseFloor() {
            return noiseFloor;
        }

        @Override
        void run() {
            checkCommon();
            boolean random = switch (start) {
                case "closed-form" -> false;
                case "random" -> true;
                default -> throw new IllegalArgumentException("--start must be closed-form or random, not \"" + start
                        + "\"");
            };
            FactorParameters initial = init == null ? null : FactorJson.readSingle(init, true);
            NumericTable table = table();
            checkFactors("--components", factors, table, data);
            if (initial != null && (initial.dimension() != table.dimension() || initial.factors() != factors)) {
                throw new IllegalArgumentException(init + ": the model has d = " + initial.dimension() + ", q = "
                        + initial.factors() + " but the data have d = " + table.dimension() + " and --components is "
                        + factors);
            }
            Dataset dataset = dataset(table);
            PPCA model = PPCA.builder().factors(factors).noiseFloor(noiseFloor).randomStart(random).build();
            ProgressBar bar = progressBar(maxIterations, initial == null ? restarts : 1);
            EmOptions options = options(bar, restarts);
            EmResult<FactorParameters> result = initial == null ? model.fit(dataset, options)
                    : model.fit(dataset, initial, options);
            afterFit(bar, result);
            FactorParameters p = result.parameters();
            var json = FactorJson.toJson(p);
            json.put("components", factors);
            json.put("n", table.size());
            json.put("bic", p.bic(dataset));
            json.put("aic", p.aic(dataset));
            writeFit(json, result, out, String.format(Locale.ROOT, "ppca fit: q = %d, n = %d, d = %d", factors,
                    table.size(), table.dimension()));
        }
    }
}
