package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.GaussianMixtureSelection;
import io.emkit.io.NumericTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code em gmm}: Gaussian mixtures (fit, predict, select, sample). */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        description = "Gaussian mixture models: fit, predict, select (BIC/AIC), sample.",
        subcommands = {GmmCommand.Fit.class, GmmCommand.Predict.class, GmmCommand.Select.class,
            GmmCommand.Sample.class})
final class GmmCommand {

    private GmmCommand() {}

    /** Options shared by fit and select. */
    abstract static class FitOptions extends CliCommand {
        @Mixin
        DataFileOptions dataFile;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100", order = 20,
                description = "Iteration cap per run (one E-step plus one M-step each). Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-3", order = 21,
                description = "Stop when the mean per-sample log-likelihood changes by less than T; 0 runs"
                        + " exactly --max-iter iterations. Default: ${DEFAULT-VALUE}.")
        double tolerance;

        @Option(names = "--reg-covar", paramLabel = "R", defaultValue = "1e-6", order = 22,
                description = "Added to every covariance diagonal after each M-step. Default: ${DEFAULT-VALUE}.")
        double regCovar;

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

        void checkFitOptions() {
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
            if (weights == null) {
                return dataset;
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
            return dataset.withWeights(values);
        }

        EmOptions options(ProgressBar bar) {
            return withProgress(EmOptions.builder(), bar).maxIterations(maxIterations).tolerance(tolerance)
                    .restarts(restarts).seed(seed).threads(threadCount()).build();
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

        @Option(names = "--covariance", paramLabel = "full|diag|spherical|tied", defaultValue = "full", order = 3,
                description = "Covariance type. Default: ${DEFAULT-VALUE}.")
        String covariance;

        @Option(names = "--init", paramLabel = "kmeans++|random|MODEL.json", defaultValue = "kmeans++", order = 4,
                description = "Start: kmeans++ (k-means++ seeding, Lloyd's k-means, one M-step), random"
                        + " (random responsibilities, one M-step, as scikit-learn) or a model JSON file to start"
                        + " from exactly those parameters (one run). Default: ${DEFAULT-VALUE}.")
        String init;

        @Option(names = "--out", paramLabel = "MODEL.json", order = 30, description = "Where to write the fitted model.")
        Path out;

        @Mixin
        OnlineOptions online;

        @Mixin
        StreamOptions stream;

        @Override
        void run() {
            checkPositive("--components", components);
            checkFitOptions();
            online.check();
            stream.check(weights);
            CovarianceType type = covarianceType(covariance);
            GaussianMixture start = null;
            GaussianMixtureModel.Initialisation initialisation = GaussianMixtureModel.Initialisation.KMEANS;
            if (init.equals("random")) {
                initialisation = GaussianMixtureModel.Initialisation.RANDOM_RESPONSIBILITIES;
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
                if (start.covarianceType() != type) {
                    throw new IllegalArgumentException(file + ": the model's covariance type is "
                            + start.covarianceType().jsonName() + " but --covariance is " + type.jsonName());
                }
            }
            if (stream.stream) {
                GaussianMixtureModel model = GaussianMixtureModel.builder().components(components)
                        .covarianceType(type).regCovar(regCovar).initialisation(initialisation).build();
                EmResult<GaussianMixture> result = stream.fit(this, model, data,
                        dataFile.options(DataFileOptions.GMM_DEFAULT_DROPS), start, options(null), online,
                        StreamOptions.gmmCheck(components, start, data));
                afterFit(null, result);
                writeFit(ModelJson.toJson(result.parameters()), result, out, String.format(Locale.ROOT,
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
            GaussianMixtureModel model = GaussianMixtureModel.builder().components(components).covarianceType(type)
                    .regCovar(regCovar).initialisation(initialisation).build();
            ProgressBar bar = progressBar(maxIterations, start == null ? restarts : 1);
            EmOptions options = options(bar);
            EmResult<GaussianMixture> result = online.online ? online.fit(model, dataset, start, options)
                    : start == null ? Em.fit(model, dataset, options) : Em.fit(model, dataset, start, options);
            afterFit(bar, result);
            writeFit(ModelJson.toJson(result.parameters()), result, out, String.format(Locale.ROOT,
                    "gmm fit: k = %d, %s, n = %d, d = %d", components, type.jsonName(), table.size(), table.dimension()));
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

        @Option(names = "--proba", description = "Print the component probabilities instead of labels.")
        boolean proba;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            GaussianMixture mixture = ModelJson.readGmm(model);
            NumericTable table = dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkDimension(mixture, table, data);
            Dataset dataset = table.toDataset();
            StringBuilder text = new StringBuilder();
            if (proba) {
                for (double[] row : mixture.responsibilities(dataset)) {
                    for (int j = 0; j < row.length; j++) {
                        if (j > 0) {
                            text.append(',');
                        }
                        text.append(row[j]);
                    }
                    text.append('\n');
                }
            } else {
                for (int label : mixture.labels(dataset)) {
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

        @Option(names = "--criterion", paramLabel = "bic|aic", defaultValue = "bic", order = 4,
                description = "The criterion that chooses. Default: ${DEFAULT-VALUE}.")
        String criterion;

        @Option(names = "--out", paramLabel = "MODEL.json", order = 30, description = "Where to write the chosen model.")
        Path out;

        @Override
        void run() {
            checkFitOptions();
            List<Integer> ks = componentRange(components);
            List<CovarianceType> types = covarianceTypes(covariance);
            GaussianMixtureSelection.Criterion chosen = switch (criterion.toLowerCase(Locale.ROOT)) {
                case "bic" -> GaussianMixtureSelection.Criterion.BIC;
                case "aic" -> GaussianMixtureSelection.Criterion.AIC;
                default -> throw new IllegalArgumentException("--criterion must be bic or aic, not \"" + criterion + "\"");
            };
            NumericTable table = dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
            checkComponents(Collections.max(ks), table, data);
            Dataset dataset = dataset(table);
            GaussianMixtureModel template = GaussianMixtureModel.builder().regCovar(regCovar).build();
            PrintWriter progress = err();
            GaussianMixtureSelection.Result selection = GaussianMixtureSelection.select(dataset, ks, types, template,
                    options(null), chosen, row -> {
                        if (!quiet) {
                            progress.println(row.failed()
                                    ? String.format(Locale.ROOT, "  k = %d %-9s failed: %s", row.k(),
                                            row.type().jsonName(), row.failure())
                                    : String.format(Locale.ROOT, "  k = %d %-9s lnL %.6g  (%d iterations)", row.k(),
                                            row.type().jsonName(), row.logLikelihood(), row.iterations()));
                            progress.flush();
                        }
                    });
            out().print(selection.format());
            GaussianMixtureSelection.Row best = selection.best();
            if (out != null) {
                EmResult<GaussianMixture> result = selection.bestModel().result();
                ModelJson.write(ModelJson.addFit(ModelJson.toJson(result.parameters()), result), out);
            }
            message(String.format(Locale.ROOT, "gmm select: best by %s is k = %d, %s%s", chosen, best.k(),
                    best.type().jsonName(), out == null ? "" : "; wrote " + out));
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

        @Option(names = "--n", required = true, paramLabel = "N", description = "Number of points.")
        int n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        void run() {
            checkPositive("--n", n);
            GaussianMixture mixture = ModelJson.readGmm(model);
            io.emkit.core.mixture.MixtureParameters.Sample sample = mixture.sample(n, new SplittableRandom(seed));
            Matrix points = sample.points();
            int d = mixture.dimension();
            StringBuilder text = new StringBuilder();
            for (int a = 1; a <= d; a++) {
                text.append('x').append(a).append(',');
            }
            text.append("label\n");
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    text.append(points.get(i, a)).append(',');
                }
                text.append(sample.labels().get(i)).append('\n');
                if (text.length() > 1 << 16) {
                    out().print(text);
                    text.setLength(0);
                }
            }
            out().print(text);
        }
    }

    static CovarianceType covarianceType(String name) {
        try {
            return CovarianceType.fromName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--covariance: " + e.getMessage(), e);
        }
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
