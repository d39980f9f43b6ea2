package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.Criteria;
import io.emkit.io.NumericTable;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.SavedModel;
import io.emkit.latent.factor.FactorParameters;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * What {@code em fa fit} and {@code em ppca fit} share: options, checks, the fit and its JSON; each
 * command says only how it names q, whether its noise is isotropic, and which model it fits.
 */
abstract class SingleFactorFit extends FactorFitOptions {
    /** The number of latent dimensions q, set by the subcommand's own option. */
    int factors;

    /** @return the command's name, {@code fa} or {@code ppca} */
    abstract String name();

    /** @return the option that sets q, {@code --factors} or {@code --components} */
    abstract String factorsOption();

    /** @return whether the noise is isotropic (PPCA) */
    abstract boolean isotropic();

    /** The fit, from {@code initial} when given. */
    abstract EmResult<FactorParameters> fit(Dataset data, FactorParameters initial, EmOptions options, boolean random);

    /** The fit of rows with missing cells ({@code --missing}), from {@code initial} when given. */
    abstract EmResult<FactorParameters> fit(IncompleteDataset data, FactorParameters initial, EmOptions options,
            boolean random);

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
    final void run() {
        checkCommon();
        boolean random = switch (start) {
        case "closed-form" -> false;
        case "random" -> true;
        default -> throw new IllegalArgumentException("--start must be closed-form or random, not \"" + start
                + "\"");
        };
        FactorParameters initial = init == null ? null : isotropic()
                ? ModelJson.read(init, SavedModel.Ppca.class).parameters()
                : ModelJson.read(init, SavedModel.FactorAnalysis.class).parameters();
        NumericTable table = dataFile.missing ? dataFile.readDataWithMissing(data, this, List.of("label")) : table();
        checkFactors(factorsOption(), factors, table, data);
        if (initial != null && (initial.dimension() != table.dimension() || initial.factors() != factors)) {
        throw new IllegalArgumentException(init + ": the model has d = " + initial.dimension() + ", q = "
                + initial.factors() + " but the data have d = " + table.dimension() + " and " + factorsOption() + " is "
                + factors);
        }
        ProgressBar bar = progressBar(maxIterations, initial == null ? restarts : 1);
        EmOptions options = options(bar, restarts);
        String summary = String.format(Locale.ROOT, "%s fit: q = %d, n = %d, d = %d", name(), factors, table.size(),
                table.dimension());
        EmResult<FactorParameters> result;
        double bic;
        double aic;
        if (table.missingCount() > 0) {
            // EM on the complete data; the criteria use the observed-data likelihood and the informative rows
            IncompleteDataset incomplete = table.toIncompleteDataset();
            result = fit(incomplete, initial, options, random);
            afterFit(bar, result);
            FactorParameters p = result.parameters();
            double ll = p.logLikelihood(incomplete);
            bic = Criteria.bic(ll, p.parameterCount(), incomplete.informativeRowCount());
            aic = Criteria.aic(ll, p.parameterCount());
            summary += String.format(Locale.ROOT, ", %d missing cells (%.1f%%)", incomplete.missingCells(),
                    100.0 * incomplete.missingFraction());
        } else {
            Dataset dataset = dataset(table);
            result = fit(dataset, initial, options, random);
            afterFit(bar, result);
            bic = result.parameters().bic(dataset);
            aic = result.parameters().aic(dataset);
        }
        FactorParameters p = result.parameters();
        FitSummary fit = FitSummary.of(result).withFigure(factorsOption().substring(2), factors)
                .withFigure("n", table.size()).withFigure("bic", bic).withFigure("aic", aic);
        writeFit(SavedModel.of(p).withFit(fit), result, out, summary);
    }
}
