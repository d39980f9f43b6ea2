package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.IncompleteGaussianMixture;
import io.emkit.io.NumericTable;
import io.emkit.io.model.SavedModel;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code em gmm fit --missing} and {@code em gmm predict --missing}: the Gaussian mixture on data with
 * missing cells ({@link IncompleteGaussianMixture}), kept apart from {@link GmmCommand} so that the
 * complete-data commands stay as they are.
 */
final class GmmMissing {

    private GmmMissing() {}

    /** Labels, responsibilities and log densities of every data row. */
    record Predictions(int[] labels, double[][] responsibilities, double[] logDensities) {}

    /**
     * Predictions from the observed cells of each row (the complete-data queries when no cell is
     * missing).
     */
    static Predictions predictions(GaussianMixture mixture, NumericTable table) {
        if (table.missingCount() == 0) {
            Dataset data = table.toDataset();
            return new Predictions(mixture.labels(data), mixture.responsibilities(data), mixture.logDensities(data));
        }
        IncompleteDataset data = table.toIncompleteDataset();
        return new Predictions(IncompleteGaussianMixture.labels(mixture, data),
                IncompleteGaussianMixture.responsibilities(mixture, data),
                IncompleteGaussianMixture.logDensities(mixture, data));
    }

    /** The incomplete data of a table with the command's {@code --weights}. */
    static IncompleteDataset incomplete(GmmCommand.FitOptions command, NumericTable table) {
        IncompleteDataset data = table.toIncompleteDataset();
        double[] weights = command.rowWeights(table);
        return weights == null ? data : data.withWeights(weights);
    }

    /** {@code em gmm fit --missing}: EM on the observed-data likelihood, then the model JSON as without it. */
    static void fit(GmmCommand.Fit fit, CovarianceModel covarianceModel, GaussianMixtureModel.Initialisation init,
            GaussianMixture start) throws java.io.IOException {
        if (fit.stream.stream || fit.online.online) {
            throw new IllegalArgumentException("--missing cannot be combined with " + (fit.stream.stream ? "--stream"
                    : "--online") + " yet; fit in memory (drop " + (fit.stream.stream ? "--stream" : "--online") + ")");
        }
        NumericTable table = fit.dataFile.readDataWithMissing(fit.data, fit, DataFileOptions.GMM_DEFAULT_DROPS);
        GmmCommand.checkComponents(fit.components, table, fit.data);
        if (start != null && start.dimension() != table.dimension()) {
            throw new IllegalArgumentException(fit.data + ": the data have " + table.dimension()
                    + " columns but the --init model has d = " + start.dimension());
        }
        IncompleteDataset data = incomplete(fit, table);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(fit.components)
                .covarianceModel(covarianceModel).regCovar(fit.regCovar).initialisation(init).build();
        ProgressBar bar = fit.progressBar(fit.maxIterations, start == null ? fit.restarts : 1);
        EmOptions options = fit.options(bar);
        EmResult<GaussianMixture> result = IncompleteGaussianMixture.reportEmptyRows(data,
                Fitting.of(fit.spec).fit(IncompleteGaussianMixture.of(model), data, start, options));
        fit.afterFit(bar, result);
        String name = fit.modelName != null ? covarianceModel.name() : covarianceModel.storage().jsonName();
        fit.writeFit(new SavedModel.Gmm(result.parameters(), fit.modelName != null, Optional.empty()), result, fit.out,
                String.format(Locale.ROOT, "gmm fit: k = %d, %s, n = %d, d = %d, %d missing cells (%.1f%%)",
                        fit.components, name, table.size(), table.dimension(), data.missingCells(),
                        100.0 * data.missingFraction()));
        if (fit.plot != null) {
            Dataset imputed = Dataset.of(IncompleteGaussianMixture.impute(result.parameters(), data));
            GmmCommand.Plot.draw(result.parameters(), imputed, table.columnNames(), 0, table.dimension() > 1 ? 1 : 0,
                    result.trace().toArray(), "gmm fit: k = " + fit.components + " (missing cells at their"
                            + " conditional means)", fit.plot);
            fit.message("gmm fit: wrote " + fit.plot);
        }
    }
}
