package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.ConvergenceRule;
import io.emkit.examples.plot.BicPlot;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.GaussianMixtureSelection;
import io.emkit.io.NumericTable;
import io.emkit.io.model.SavedModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code em gmm}: Gaussian mixtures (fit, predict, select, sample). */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        description = "Gaussian mixture models: fit, predict, select (BIC/AIC), sample.",
        subcommands = {GmmCommand.Fit.class, GmmCommand.Predict.class, GmmCommand.Select.class,
            GmmCommand.Score.class, GmmCommand.Plot.class, GmmCommand.Sample.class, GmmImpute.class})
final class GmmCommand {

    private GmmCommand() {}

    /**
     * The CLI's default tolerance on the change of the mean per-sample log-likelihood: tight enough
     * that {@code gmm select} on the bundled Old Faithful and Iris data picks mclust's model (k = 3
     * tied, k = 2 full), which scikit-learn's 1e-3 does not (the k = 3 tied fit stops early).
     */
    static final double DEFAULT_TOLERANCE = 1e-6;

    /** Options shared by fit and select. */
    abstract static class FitOptions extends CliCommand {
        @Mixin
        DataFileOptions dataFile;

        @Mixin
        ConvergenceOptions convergence;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100", order = 20,
                description = "Iteration cap per run (one E-step plus one M-step each). Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Option(names = "--tol", paramLabel = "T", order = 21,
                description = "Stop when the mean per-sample log-likelihood changes by less than T (or, with"
                        + " --tol-rule relative, when |L_t - L_t-1| <= T (1 + |L_t|)); 0 runs exactly --max-iter"
                        + " iterations. Default: 1e-6 (scikit-learn's 1e-3 stops slow fits early, e.g. k = 3 tied on"
                        + " Old Faithful, and then selection picks another model than mclust), or 1e-5 with"
                        + " --init hc (mclust's relative rule).")
        Double givenTolerance;

        @Option(names = "--reg-covar", paramLabel = "R", order = 22,
                description = "Added to every covariance diagonal after each M-step. Default: 1e-6, or 0 with"
                        + " --init hc (mclust has none).")
        Double givenRegCovar;

        double tolerance;
        double regCovar;
        ConvergenceRule rule = ConvergenceRule.ABSOLUTE;

        /** Applies the defaults that depend on --init hc (mclust's rule, tolerance and no ridge). */
        void resolveDefaults(boolean hc) {
            tolerance = givenTolerance != null ? givenTolerance : hc ? 1e-5 : DEFAULT_TOLERANCE;
            regCovar = givenRegCovar != null ? givenRegCovar : hc ? 0.0 : 1e-6;
            // --tol-rule (ConvergenceOptions) wins; without it, --init hc and no --tol mean mclust's rule
            rule = convergence.tolRule != null ? convergence.tolRule
                    : hc && givenTolerance == null ? ConvergenceRule.RELATIVE : ConvergenceRule.ABSOLUTE;
        }

        @Option(names = "--restarts", paramLabel = "N", defaultValue = "1", order = 23,
                description = "Independent starts; the best final log-likelihood wins. Default: ${DEFAULT-VALUE}.")
        int restarts;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 24,
                description = "Random seed; runs are reproducible. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--threads", paramLabel = "N", order = 25,
                description = "E-step threads; results do not depend on it. Default: available processors.")
        Integer threads;

        @Option(names = "--weights", paramLabel = "W.csv", order = 26,
                description = "Sample weights: one non-negative number per data row (optional header).")
        Path weights;

        void checkFitOptions(boolean hc) {
            resolveDefaults(hc);
            checkPositive("--max-iter", maxIterations);
            checkPositive("--restarts", restarts);
            checkNonNegative("--tol", tolerance);
            checkNonNegative("--reg-covar", regCovar);
            checkPositive("--threads", threadCount());
        }

        int threadCount() {
            return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        }

        Dataset dataset(NumericTable table) {
            Dataset dataset = table.toDataset();
            double[] values = rowWeights(table);
            return values == null ? dataset : dataset.withWeights(values);
        }

        /** The {@code --weights} of the table's rows, or null without {@code --weights}. */
        double[] rowWeights(NumericTable table) {
            if (weights == null) {
                return null;
            }
            NumericTable w = DataFileOptions.readPlain(weights);
            if (w.dimension() != 1) {
                throw new IllegalArgumentException(weights + ": expected one weight per line, found "
                        + w.dimension() + " columns");
            }
            if (w.size() != table.size()) {
                throw new IllegalArgumentException(weights + ": " + w.size() + " weights for " + table.size()
                        + " data rows");
            }
            double[][] rows = w.toArray();
            double[] values = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[i][0];
                if (values[i] < 0) {
                    throw new IllegalArgumentException(weights + ": weight " + values[i] + " of data row "
                            + (i + 1) + " is negative");
                }
            }
            return values;
        }

        EmOptions options(ProgressBar bar) {
            return convergence.apply(withProgress(EmOptions.builder(), bar)).maxIterations(maxIterations)
                    .tolerance(tolerance).convergenceRule(rule).restarts(restarts).seed(seed).threads(threadCount())
                    .build();
        }
    }

    /** {@code em gmm fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits a Gaussian mixture with EM.",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends FitOptions {
        @Option(names = "--data", required = true, paramLabel = "X.csv", order = 1,
                description = "Data CSV: numbers separated by commas, one sample per line, optional header.")
        Path data;

        @Option(names = "--components", required = true, paramLabel = "K", order = 2,
                description = "Number of components.")
        int components;

        @Option(names = "--covariance", paramLabel = "full|diag|spherical|tied", order = 3,
                description = "Covariance type. Default: full.")
        String covariance;

        boolean covarianceGiven() {
            return covariance != null;
        }

        @Option(names = "--model", paramLabel = "NAME", order = 3,
                description = "One of mclust's 14 covariance models: EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV VEV"
                        + " EVV VVV (instead of --covariance; full, diag, spherical, tied are VVV, VVI, VII, EEE)."
                        + " The model JSON then carries \"covarianceModel\" and full covariances.")
        String modelName;

        @Option(names = "--init", paramLabel = "kmeans++|random|hc|MODEL.json", defaultValue = "kmeans++", order = 4,
                description = "Start: kmeans++ (k-means++ seeding, Lloyd's k-means, one M-step), random"
                        + " (random responsibilities, one M-step, as scikit-learn) or a model JSON file to start"
                        + " from exactly those parameters (one run). Default: ${DEFAULT-VALUE}.")
        String init;

        @Option(names = "--plot", paramLabel = "fit.png",
                description = "Also draw the fit over the data (as em gmm plot, first two columns) to this PNG.")
        Path plot;

        @Option(names = "--out", paramLabel = "MODEL.json", order = 30, description = "Where to write the fitted model.")
        Path out;

        @Mixin
        OnlineOptions online;

        @Mixin
        StreamOptions stream;

        @Override
        void run() throws java.io.IOException {
            checkPositive("--components", components);
            checkFitOptions(init.equals("hc"));
            online.check();
            stream.check(weights);
            CovarianceModel covarianceModel = modelName != null ? covarianceModel(modelName)
                    : CovarianceModel.of(covarianceType(covariance == null ? "full" : covariance));
            if (modelName != null && covarianceGiven()) {
                throw new IllegalArgumentException("give either --model or --covariance, not both");
            }
            CovarianceType type = covarianceModel.storage();
            GaussianMixture start = null;
            GaussianMixtureModel.Initialisation initialisation = GaussianMixtureModel.Initialisation.KMEANS;
            if (init.equals("random")) {
                initialisation = GaussianMixtureModel.Initialisation.RANDOM_RESPONSIBILITIES;
            } else if (init.equals("hc")) {
                initialisation = GaussianMixtureModel.Initialisation.HC;
            } else if (!init.equals("kmeans++") && !init.equals("kmeans")) {
                Path file = Path.of(init);
                if (!Files.exists(file) && !init.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    throw new IllegalArgumentException("--init must be kmeans++, random or a model JSON file, not \""
                            + init + "\"");
                }
                start = ModelJson.readGmm(file);
                if (start.components() != components) {
                    throw new IllegalArgumentException(file + ": the model has " + start.components()
                            + " components but --components is " + components);
                }
                if (start.covarianceModel() != covarianceModel) {
                    throw new IllegalArgumentException(file + ": the model's covariance model is "
                            + start.covarianceModel() + " but " + (modelName != null ? "--model is " + covarianceModel
                            : "--covariance is " + type.jsonName()));
                }
            }
            if (dataFile.missing) {
                GmmMissing.fit(this, covarianceModel, initialisation, start);
                return;
            }
            if (stream.stream) {
                GaussianMixtureModel model = GaussianMixtureModel.builder().components(components)
                        .covarianceType(type).regCovar(regCovar).initialisation(initialisation).build();
                EmResult<GaussianMixture> result = stream.fit(this, model, data,
                        dataFile.options(DataFileOptions.GMM_DEFAULT_DROPS), start, options(null), online,
                        StreamOptions.gmmCheck(components, start, data));
                afterFit(null, result);
                writeFit(SavedModel.of(result.parameters()), result, out, String.format(Locale.ROOT,
                        "gmm fit: k = %d, %s, %s", components, type.jsonName(), stream.summary()));
                return;
            }
            NumericTable table = dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkComponents(components, table, data);
            if (start != null && start.dimension() != table.dimension()) {
                throw new IllegalArgumentException(data + ": the data have " + table.dimension()
                        + " columns but the --init model has d = " + start.dimension());
            }
            Dataset dataset = dataset(table);
            GaussianMixtureModel model = GaussianMixtureModel.builder().components(components)
                    .covarianceModel(covarianceModel).regCovar(regCovar).initialisation(initialisation).build();
            ProgressBar bar = progressBar(maxIterations, start == null ? restarts : 1);
            EmOptions options = options(bar);
            EmResult<GaussianMixture> result = online.online ? online.fit(model, dataset, start, options)
                    : Fitting.of(spec).fit(model, dataset, start, options);
            afterFit(bar, result);
            writeFit(new SavedModel.Gmm(result.parameters(), modelName != null, Optional.empty()), result, out,
                    String.format(Locale.ROOT,
                    "gmm fit: k = %d, %s, n = %d, d = %d", components,
                    modelName != null ? covarianceModel.name() : type.jsonName(), table.size(), table.dimension()));
            message(FitSummaries.gmm(result.parameters(), dataset,
                    modelName != null ? covarianceModel.name() : type.jsonName()));
            if (plot != null) {
                Plot.draw(result.parameters(), dataset, table.columnNames(), 0, table.dimension() > 1 ? 1 : 0,
                        result.trace().toArray(), "gmm fit: k = " + components, plot);
                message("gmm fit: wrote " + plot);
            }
        }
    }

    /** {@code em gmm plot}. */
    @Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws a fitted mixture over data: points by label, 1- and 2-sigma ellipses of two chosen"
                    + " columns, and the fit's log-likelihood per iteration when the model file records it.",
                "Writes a PNG to --out (atomically)."})
    static final class Plot extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A Gaussian mixture file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "X.csv", description = "Data CSV, as for fit.")
        Path data;

        @Option(names = "--axes", paramLabel = "I,J", defaultValue = "0,1",
                description = "The two columns to draw (0-based, after --columns/--drop). Default: ${DEFAULT-VALUE}.")
        String axes;

        @Option(names = "--out", required = true, paramLabel = "fit.png", description = "Where to write the picture.")
        Path out;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() throws java.io.IOException {
            SavedModel.Gmm saved = ModelJson.read(model, SavedModel.Gmm.class);
            GaussianMixture mixture = saved.mixture();
            NumericTable table = dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkDimension(mixture, table, data);
            Dataset dataset = table.toDataset();
            int d = table.dimension();
            String[] parts = axes.split(",");
            int i;
            int j;
            try {
                i = Integer.parseInt(parts[0].trim());
                j = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--axes must be two column indices like 0,1, not \"" + axes + "\"");
            }
            int second = d == 1 ? 0 : j;
            if (parts.length != 2 || i < 0 || i >= d || second < 0 || second >= d || (d > 1 && i == second)) {
                throw new IllegalArgumentException("--axes " + axes + " must name two different columns in 0.."
                        + (d - 1));
            }
            double[] lnL = saved.fit().map(f -> f.trace().toArray()).orElse(new double[0]);
            draw(mixture, dataset, table.columnNames(), i, second, lnL, model.getFileName().toString(), out);
            message("gmm plot: wrote " + out);
        }

        /** Points by label with 1- and 2-sigma ellipses in columns i and j, and the trace, to a PNG. */
        static void draw(GaussianMixture mixture, Dataset dataset, List<String> names, int i, int second,
                double[] lnL, String title, Path out) throws java.io.IOException {
            double[][] rows = dataset.toArray();
            double[][] points = new double[rows.length][];
            for (int r = 0; r < rows.length; r++) {
                points[r] = new double[] {rows[r][i], rows[r][second]};
            }
            int k = mixture.components();
            double[][] means = new double[k][];
            double[][][] covariances = new double[k][][];
            for (int c = 0; c < k; c++) {
                double[] mu = mixture.means()[c];
                double[][] sigma = mixture.covariance(c).toArray();
                means[c] = new double[] {mu[i], mu[second]};
                covariances[c] = new double[][] {{sigma[i][i], sigma[i][second]}, {sigma[second][i], sigma[second][second]}};
            }
            String xLabel = names.size() > i ? names.get(i) : "x" + i;
            String yLabel = names.size() > second ? names.get(second) : "x" + second;
            io.emkit.examples.plot.MixturePlot.writePng(new io.emkit.examples.plot.MixturePlot.Figure(
                    String.format(Locale.ROOT, "%s: k = %d, %s", title, k, mixture.covarianceType().jsonName()),
                    xLabel, yLabel, points, mixture.labels(dataset), means, covariances, lnL), out);
        }
    }

    /** {@code em gmm predict}. */
    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Labels (or probabilities) of the data under a model, as CSV on stdout.",
                "One line per data row: the most probable component (0-based), or with --proba the k"
                        + " component probabilities separated by commas."})
    static final class Predict extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A Gaussian mixture file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "X.csv", description = "Data CSV, as for fit.")
        Path data;

        @Option(names = "--proba", description = "Print the component probabilities instead of labels"
                + " (with --format csv: beside the label).")
        boolean proba;

        @Option(names = "--format", paramLabel = "plain|csv", defaultValue = "plain",
                description = "plain: one label (or probability row) per line, as before; csv: a header row,label"
                        + " (and p0,... with --proba, and logDensity), then one line per data row (row counts"
                        + " from 0). Default: ${DEFAULT-VALUE}.")
        String format;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            if (!format.equals("plain") && !format.equals("csv")) {
                throw new IllegalArgumentException("--format must be plain or csv, not \"" + format + "\"");
            }
            GaussianMixture mixture = ModelJson.readGmm(model);
            NumericTable table = dataFile.readDataWithMissing(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkDimension(mixture, table, data);
            GmmMissing.Predictions predictions = GmmMissing.predictions(mixture, table);
            StringBuilder text = new StringBuilder();
            if (format.equals("csv")) {
                int[] labels = predictions.labels();
                double[][] r = proba ? predictions.responsibilities() : null;
                double[] logDensities = predictions.logDensities();
                text.append("row,label");
                for (int j = 0; proba && j < mixture.components(); j++) {
                    text.append(",p").append(j);
                }
                text.append(",logDensity\n");
                for (int i = 0; i < labels.length; i++) {
                    text.append(i).append(',').append(labels[i]);
                    for (int j = 0; proba && j < r[i].length; j++) {
                        text.append(',').append(r[i][j]);
                    }
                    text.append(',').append(logDensities[i]).append('\n');
                }
            } else if (proba) {
                for (double[] row : predictions.responsibilities()) {
                    for (int j = 0; j < row.length; j++) {
                        if (j > 0) {
                            text.append(',');
                        }
                        text.append(row[j]);
                    }
                    text.append('\n');
                }
            } else {
                for (int label : predictions.labels()) {
                    text.append(label).append('\n');
                }
            }
            out().print(text);
        }
    }

    /** {@code em gmm select}. */
    @Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Model selection: fits every number of components and covariance type and"
                    + " prints a table (k, type, log-likelihood, free parameters p, BIC, AIC) on stdout.",
                "Lower BIC/AIC is better; the chosen candidate is marked with *. --out writes it as JSON."})
    static final class Select extends FitOptions {
        @Option(names = "--data", required = true, paramLabel = "X.csv", order = 1, description = "Data CSV, as for fit.")
        Path data;

        @Option(names = "--components", required = true, paramLabel = "RANGE", order = 2,
                description = "Numbers of components: a range such as 1-6, a list such as 1,2,4, or one number.")
        String components;

        @Option(names = "--covariance", paramLabel = "TYPES", defaultValue = "full,diag,spherical,tied", order = 3,
                description = "Comma-separated covariance types. Default: ${DEFAULT-VALUE}.")
        String covariance;

        @Option(names = "--models", paramLabel = "LIST|all", order = 3,
                description = "mclust covariance models, comma-separated (EII VII EEI VEI EVI VVI EEE VEE EVE VVE EEV"
                        + " VEV EVV VVV), or all; replaces --covariance.")
        String models;

        @Option(names = "--init", paramLabel = "kmeans++|hc", defaultValue = "kmeans++", order = 4,
                description = "Start of every fit: k-means++ (with --restarts), or mclust's hierarchical"
                        + " agglomeration (one hierarchy for the whole table; then mclust's stopping rule, tolerance"
                        + " 1e-5 and no --reg-covar unless given). Default: ${DEFAULT-VALUE}.")
        String init;

        @Option(names = "--criterion", paramLabel = "bic|aic", defaultValue = "bic", order = 5,
                description = "The criterion that chooses. Default: ${DEFAULT-VALUE}.")
        String criterion;

        @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table", order = 6,
                description = "Output on stdout: an aligned table, CSV (model,components,logLikelihood,parameters,"
                        + "bic,status) or JSON {\"criterion\", \"table\": [...], \"best\"}. Default: ${DEFAULT-VALUE}.")
        String format;

        @Option(names = "--plot", paramLabel = "BIC.png", order = 7,
                description = "Draws BIC against k, one line per model (as mclust's plot.mclustBIC).")
        Path plot;

        @Option(names = "--out", paramLabel = "MODEL.json", order = 30, description = "Where to write the chosen model.")
        Path out;

        /** In this JVM, the table's cells may run in parallel; elsewhere (Spark) one at a time. */
        private static GaussianMixtureSelection.Fitter fitter(Fitting fitting) {
            return fitting == Fitting.LOCAL ? GaussianMixtureSelection.LOCAL
                    : (candidate, rows, first, loop) -> new io.emkit.gmm.FittedGaussianMixture(
                            fitting.fit(candidate, rows, first, loop));
        }

        @Override
        void run() {
            boolean hc = init.equals("hc");
            if (!hc && !init.equals("kmeans++") && !init.equals("kmeans")) {
                throw new IllegalArgumentException("--init must be kmeans++ or hc, not \"" + init + "\"");
            }
            checkFitOptions(hc);
            List<Integer> ks = componentRange(components);
            List<CovarianceModel> candidates = models != null ? covarianceModels(models)
                    : covarianceTypes(covariance).stream().map(CovarianceModel::of).toList();
            GaussianMixtureSelection.Criterion chosen = switch (criterion.toLowerCase(Locale.ROOT)) {
                case "bic" -> GaussianMixtureSelection.Criterion.BIC;
                case "aic" -> GaussianMixtureSelection.Criterion.AIC;
                default -> throw new IllegalArgumentException("--criterion must be bic or aic, not \"" + criterion + "\"");
            };
            String style = format.toLowerCase(Locale.ROOT);
            if (!style.equals("table") && !style.equals("csv") && !style.equals("json")) {
                throw new IllegalArgumentException("--format must be table, csv or json, not \"" + format + "\"");
            }
            if (hc && dataFile.missing) {
                throw new IllegalArgumentException("--init hc cannot be combined with --missing: the hierarchy needs"
                        + " complete rows; use --init kmeans++");
            }
            NumericTable table = dataFile.missing ? dataFile.readDataWithMissing(data, this,
                    DataFileOptions.GMM_DEFAULT_DROPS) : dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkComponents(Collections.max(ks), table, data);
            GaussianMixtureModel template = GaussianMixtureModel.builder().regCovar(regCovar)
                    .initialisation(hc ? GaussianMixtureModel.Initialisation.HC : GaussianMixtureModel.Initialisation.KMEANS)
                    .build();
            PrintWriter progress = err();
            boolean mclustNames = models != null;
            java.util.function.Consumer<GaussianMixtureSelection.Row> listener = row -> {
                if (!quiet) {
                    String name = name(row, mclustNames);
                    progress.println(row.failed()
                            ? String.format(Locale.ROOT, "  k = %d %-9s failed: %s", row.k(), name,
                                    row.failure())
                            : String.format(Locale.ROOT, "  k = %d %-9s lnL %.6g  (%d iterations)", row.k(),
                                    name, row.logLikelihood(), row.iterations()));
                    progress.flush();
                }
            };
            GaussianMixtureSelection.Result selection = table.missingCount() > 0
                    ? GaussianMixtureSelection.selectModels(GmmMissing.incomplete(this, table), ks, candidates, template,
                            options(null), chosen, listener)
                    : GaussianMixtureSelection.selectModels(dataset(table), ks, candidates, template, options(null),
                            chosen, listener, fitter(Fitting.of(spec)));
            int d = table.dimension();
            switch (style) {
                case "json" -> out().print(selectionJson(selection, d, mclustNames));
                case "csv" -> out().print(selectionCsv(selection, d, mclustNames));
                default -> out().print(mclustNames ? mclustFormat(selection, d) : selection.format());
            }
            GaussianMixtureSelection.Row best = selection.best();
            if (plot != null) {
                try {
                    BicPlot.writePng(selection.table(), mclustNames, plot);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("--plot: cannot write " + plot + ": " + e.getMessage(), e);
                }
            }
            if (out != null) {
                EmResult<GaussianMixture> result = selection.bestModel().result();
                ModelJson.write(new SavedModel.Gmm(result.parameters(), mclustNames, ModelJson.fit(result)), out);
            }
            message(String.format(Locale.ROOT, "gmm select: best by %s is k = %d, %s%s", chosen, best.k(),
                    name(best, mclustNames), out == null ? "" : "; wrote " + out));
        }

        private static String name(GaussianMixtureSelection.Row row, boolean mclust) {
            return mclust ? row.model().name() : row.modelName();
        }

        /** mclust's free-parameter count, also for failed rows. */
        private static long parameters(GaussianMixtureSelection.Row row, int d) {
            return (long) row.k() * d + row.model().parameterCount(row.k(), d) + row.k() - 1;
        }

        static String selectionJson(GaussianMixtureSelection.Result selection, int d, boolean mclust) {
            com.fasterxml.jackson.databind.node.ObjectNode root = JsonTree.object();
            root.put("criterion", selection.criterion().name().toLowerCase(Locale.ROOT));
            com.fasterxml.jackson.databind.node.ArrayNode rows = root.putArray("table");
            for (GaussianMixtureSelection.Row row : selection.table()) {
                com.fasterxml.jackson.databind.node.ObjectNode o = rows.addObject();
                o.put("model", name(row, mclust));
                o.put("components", row.k());
                if (row.failed()) {
                    o.putNull("logLikelihood");
                } else {
                    o.put("logLikelihood", row.logLikelihood());
                }
                o.put("parameters", parameters(row, d));
                if (row.failed()) {
                    o.putNull("bic");
                } else {
                    o.put("bic", row.bic());
                }
                o.put("status", row.failed() ? "failed" : "ok");
            }
            com.fasterxml.jackson.databind.node.ObjectNode best = root.putObject("best");
            best.put("model", name(selection.best(), mclust));
            best.put("components", selection.best().k());
            return JsonTree.write(root);
        }

        static String selectionCsv(GaussianMixtureSelection.Result selection, int d, boolean mclust) {
            StringBuilder text = new StringBuilder("model,components,logLikelihood,parameters,bic,status\n");
            for (GaussianMixtureSelection.Row row : selection.table()) {
                text.append(name(row, mclust)).append(',').append(row.k()).append(',')
                        .append(row.failed() ? "" : String.valueOf(row.logLikelihood())).append(',')
                        .append(parameters(row, d)).append(',')
                        .append(row.failed() ? "" : String.valueOf(row.bic())).append(',')
                        .append(row.failed() ? "failed" : "ok").append('\n');
            }
            return text.toString();
        }

        /** The table as mclust prints it: k down, models across, BIC in our sign. */
        static String mclustFormat(GaussianMixtureSelection.Result selection, int d) {
            List<CovarianceModel> cols = new ArrayList<>();
            List<Integer> rowsK = new ArrayList<>();
            for (GaussianMixtureSelection.Row row : selection.table()) {
                if (!cols.contains(row.model())) {
                    cols.add(row.model());
                }
                if (!rowsK.contains(row.k())) {
                    rowsK.add(row.k());
                }
            }
            StringBuilder text = new StringBuilder("BIC = -2 lnL + p ln n (lower is better; mclust prints minus this)\n");
            text.append(String.format(Locale.ROOT, "%3s", "k"));
            for (CovarianceModel m : cols) {
                text.append(String.format(Locale.ROOT, " %11s", m.name()));
            }
            text.append('\n');
            for (int k : rowsK) {
                text.append(String.format(Locale.ROOT, "%3d", k));
                for (CovarianceModel m : cols) {
                    GaussianMixtureSelection.Row row = selection.table().stream()
                            .filter(r -> r.k() == k && r.model() == m).findFirst().orElse(null);
                    text.append(row == null || row.failed() ? String.format(Locale.ROOT, " %11s", "NA")
                            : String.format(Locale.ROOT, " %11.3f", row.bic()));
                }
                text.append('\n');
            }
            GaussianMixtureSelection.Row best = selection.best();
            text.append(String.format(Locale.ROOT, "best: %s, %d components, BIC %.3f%n", best.model().name(), best.k(),
                    best.bic()));
            return text.toString();
        }
    }

    /** {@code em gmm score}. */
    @Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"The log-likelihood of data under a model file.",
                "Prints {\"logLikelihood\": total, \"mean\": total / n, \"n\": n} on stdout, or with --per-sample"
                        + " a CSV of log p(x_i), one line per data row."})
    static final class Score extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A Gaussian mixture file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "X.csv", description = "Data CSV, as for fit.")
        Path data;

        @Option(names = "--per-sample", description = "Write log p(x_i) per row as CSV (header logDensity) instead.")
        boolean perSample;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            GaussianMixture mixture = ModelJson.readGmm(model);
            NumericTable table = dataFile.missing ? dataFile.readDataWithMissing(data, this,
                    DataFileOptions.GMM_DEFAULT_DROPS) : dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkDimension(mixture, table, data);
            double[] logDensities = GmmMissing.predictions(mixture, table).logDensities(); // observed-data densities
            if (perSample) {
                StringBuilder text = new StringBuilder("logDensity\n");
                for (double v : logDensities) {
                    text.append(v).append('\n');
                }
                out().print(text);
                return;
            }
            double total = 0;
            for (double v : logDensities) {
                total += v;
            }
            com.fasterxml.jackson.databind.node.ObjectNode root = JsonTree.object();
            root.put("logLikelihood", total);
            root.put("mean", total / logDensities.length);
            root.put("n", logDensities.length);
            out().print(JsonTree.write(root));
        }
    }

    /** {@code em gmm sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws points from a model.",
                "Prints CSV on stdout: a header line x1,...,xd,label, then one point per line (gmm fit drops the"
                        + " label column by default)."})
    static final class Sample extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A Gaussian mixture file.")
        Path model;

        @Option(names = "--n", required = true, paramLabel = "N",
                description = "Number of points, any count: rows are written as they are drawn.")
        long n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "X.csv",
                description = "Write the CSV to this file (atomically: a temporary file renamed at the end) instead of"
                        + " stdout.")
        Path out;

        @Override
        void run() {
            checkPositive("--n", n);
            SampleOutput.gmm(this, ModelJson.readGmm(model), n, seed, out);
        }
    }

    static CovarianceType covarianceType(String name) {
        try {
            return CovarianceType.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--covariance: " + e.getMessage(), e);
        }
    }

    static CovarianceModel covarianceModel(String name) {
        try {
            return CovarianceModel.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model: " + e.getMessage(), e);
        }
    }

    static List<CovarianceModel> covarianceModels(String list) {
        if (list.strip().equalsIgnoreCase("all")) {
            return List.of(CovarianceModel.values());
        }
        List<CovarianceModel> out = new ArrayList<>();
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            CovarianceModel m;
            try {
                m = CovarianceModel.fromName(part.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--models: " + e.getMessage(), e);
            }
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--models lists no covariance model");
        }
        return out;
    }

    static List<CovarianceType> covarianceTypes(String list) {
        List<CovarianceType> types = new ArrayList<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                CovarianceType type = covarianceType(part.strip());
                if (!types.contains(type)) {
                    types.add(type);
                }
            }
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("--covariance lists no covariance type");
        }
        return types;
    }

    /** Parses {@code 1-6}, {@code 1,2,4}, {@code 3} or a mix ({@code 1-3,6}); sorted, distinct. */
    static List<Integer> componentRange(String text) {
        List<Integer> ks = new ArrayList<>();
        try {
            for (String part : text.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) {
                    continue;
                }
                int dash = p.indexOf('-', 1);
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).strip());
                if (from < 1 || to < from) {
                    throw new IllegalArgumentException("--components: \"" + p
                            + "\" must be a number >= 1 or a range a-b with 1 <= a <= b");
                }
                for (int k = from; k <= to; k++) {
                    if (!ks.contains(k)) {
                        ks.add(k);
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--components: \"" + text + "\" is not a range such as 1-6 or a"
                    + " list such as 1,2,4");
        }
        if (ks.isEmpty()) {
            throw new IllegalArgumentException("--components lists no number of components");
        }
        ks.sort(null);
        return ks;
    }

    static void checkComponents(int k, NumericTable table, Path data) {
        if (k > table.size()) {
            throw new IllegalArgumentException("--components (" + k + ") exceeds the number of samples ("
                    + table.size() + ") in " + data);
        }
    }

    static void checkDimension(GaussianMixture mixture, NumericTable table, Path data) {
        if (mixture.dimension() != table.dimension()) {
            throw new IllegalArgumentException(data + ": the data have " + table.dimension()
                    + " columns but the model has d = " + mixture.dimension());
        }
    }
}
