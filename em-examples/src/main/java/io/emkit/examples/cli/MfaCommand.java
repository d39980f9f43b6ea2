package io.emkit.examples.cli;

import io.emkit.core.Criteria;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.io.NumericTable;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.SavedModel;
import io.emkit.latent.factor.FactorAnalyserFamily;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorMoments;
import io.emkit.latent.factor.IncompleteFactorMixture;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code em mfa fit}: mixtures of factor analysers (CLI.md "Latent linear models"); files as em-io's {@link io.emkit.io.model.ModelFiles}. */
@Command(name = "mfa", mixinStandardHelpOptions = true,
        description = "Mixtures of factor analysers: Gaussian mixtures with low-rank-plus-diagonal covariances.",
        subcommands = {MfaCommand.Fit.class})
final class MfaCommand {

    private MfaCommand() {}

    /** {@code em mfa fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits a mixture of factor analysers with EM (k-means++ starts, then each cluster's"
                    + " closed-form PPCA).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends FactorFitOptions {
        @Option(names = "--components", required = true, paramLabel = "K", order = 2,
                description = "Number of mixture components.")
        int components;

        @Option(names = "--factors", required = true, paramLabel = "q", order = 3,
                description = "Number of factors per component (< d).")
        int factors;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100", order = 20,
                description = "Iteration cap per run. Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-3", order = 21,
                description = "Stop when the mean per-sample log-likelihood changes by less than T; 0 runs exactly"
                        + " --max-iter. Default: ${DEFAULT-VALUE}.")
        double tolerance;

        @Option(names = "--noise-floor", paramLabel = "F", defaultValue = "1e-6", order = 22,
                description = "Absolute floor on every noise variance, so no component collapses on a constant"
                        + " feature (as --reg-covar for gmm). Default: ${DEFAULT-VALUE}.")
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
            checkPositive("--components", components);
            checkPositive("--factors", factors);
            FactorAnalyserFamily family = FactorAnalyserFamily.factorAnalysers(factors).withNoiseFloor(noiseFloor);
            MixtureParameters<FactorAnalysers> initial = init == null ? null
                    : ModelJson.read(init, SavedModel.Mfa.class).parameters();
            NumericTable table = dataFile.missing ? dataFile.readDataWithMissing(data, this, List.of("label"))
                    : table();
            checkFactors("--factors", factors, table, data);
            if (components > table.size()) {
                throw new IllegalArgumentException("--components (" + components + ") must be <= the number of data"
                        + " rows (" + table.size() + " in " + data + ")");
            }
            if (initial != null && (initial.k() != components || initial.dimension() != table.dimension()
                    || initial.components().factors() != factors)) {
                throw new IllegalArgumentException(init + ": the model has k = " + initial.k() + ", d = "
                        + initial.dimension() + ", q = " + initial.components().factors() + " but --components is "
                        + components + ", the data have d = " + table.dimension() + " and --factors is " + factors);
            }
            Mixture<FactorAnalysers, FactorMoments> model = Mixture.builder(family).components(components).build();
            ProgressBar bar = progressBar(maxIterations, initial == null ? restarts : 1);
            EmOptions options = options(bar, restarts);
            MixtureParameters<FactorAnalysers> start = initial == null ? null
                    : MixtureParameters.of(family, initial.weights().toArray(), initial.components());
            // (a start from the file is its mixture over this fit's family, i.e. its noise floor)
            String summary = String.format(Locale.ROOT, "mfa fit: k = %d, q = %d, n = %d, d = %d",
                    components, factors, table.size(), table.dimension());
            EmResult<MixtureParameters<FactorAnalysers>> result;
            double bic;
            double aic;
            if (table.missingCount() > 0) {
                // EM on the complete data; the criteria use the observed-data likelihood and the informative rows
                IncompleteDataset incomplete = table.toIncompleteDataset();
                IncompleteFactorMixture missingModel = IncompleteFactorMixture.of(model);
                result = start == null ? missingModel.fit(incomplete, options)
                        : missingModel.fit(incomplete, start, options);
                afterFit(bar, result);
                MixtureParameters<FactorAnalysers> p = result.parameters();
                double ll = IncompleteFactorMixture.logLikelihood(p, incomplete);
                bic = Criteria.bic(ll, p.parameterCount(), incomplete.informativeRowCount());
                aic = Criteria.aic(ll, p.parameterCount());
                summary += String.format(Locale.ROOT, ", %d missing cells (%.1f%%)", incomplete.missingCells(),
                        100.0 * incomplete.missingFraction());
            } else {
                Dataset dataset = dataset(table);
                result = start == null ? model.fit(dataset, options) : model.fit(dataset, start, options);
                afterFit(bar, result);
                bic = result.parameters().bic(dataset);
                aic = result.parameters().aic(dataset);
            }
            MixtureParameters<FactorAnalysers> p = result.parameters();
            FitSummary fit = FitSummary.of(result).withFigure("components", components).withFigure("factors", factors)
                    .withFigure("n", table.size()).withFigure("bic", bic).withFigure("aic", aic);
            writeFit(new SavedModel.Mfa(p, Optional.of(fit)), result, out, summary);
        }
    }
}
