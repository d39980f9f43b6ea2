package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.Dataset;
import io.emkit.examples.viz.EmSteps;
import io.emkit.examples.viz.GmmViz;
import io.emkit.examples.viz.HmmViz;
import io.emkit.examples.viz.VizPage;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import io.emkit.io.NumericTable;
import io.emkit.io.SequenceTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code em viz}: the EM step-through page, one self-contained HTML file. */
@Command(name = "viz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes an HTML page that steps through EM iteration by iteration.",
            "One self-contained file (no network): every iteration's parameters, log-likelihood and"
                    + " responsibilities, computed by emkit, are embedded as window.emTrace. Controls:"
                    + " Reset, Prev, Play, Next, a slider and the arrow keys.",
            "Without --data: the 1-D worked example (six points 1.5, 2, 2.5, 8, 9, 9.5; two components"
                    + " starting at mu = (2, 9), sigma^2 = (1, 1), pi = (0.5, 0.5); no covariance"
                    + " regularisation).",
            "Gaussian mixture: --data X.csv --components K. 1-D data show the component densities;"
                    + " otherwise two columns (--axes) with 1- and 2-sigma ellipses.",
            "Hidden Markov model: --hmm --data SEQ.csv --states S --emission categorical|gaussian"
                    + " [--sequence R]: the state posteriors along sequence R per iteration, and its"
                    + " Viterbi path under the final parameters."},
        footer = {"", "Examples:",
            "  em viz --out worked.html",
            "  em viz --data faithful.csv --components 2 --out faithful.html",
            "  em viz --hmm --data rolls.csv --states 2 --emission categorical --out casino.html"})
final class VizCommand extends CliCommand {

    /** Points embedded by default at most (a seeded uniform subsample beyond). */
    static final int DEFAULT_MAX_POINTS = 2000;

    @Mixin
    DataFileOptions dataFile;

    @Option(names = "--data", paramLabel = "X.csv|SEQ.csv", order = 1,
            description = "Data CSV as for gmm fit (or a sequence CSV with --hmm). Without it: the worked example.")
    Path data;

    @Option(names = "--components", paramLabel = "K", order = 2, description = "Number of mixture components.")
    Integer components;

    @Option(names = "--init", paramLabel = "kmeans++|random|MODEL.json", order = 3,
            description = "Start (iteration 0): kmeans++ (the library's default initialisation), random, or a"
                    + " model JSON file (a gmm file; an hmm file with --hmm, where the default is random for"
                    + " categorical and kmeans for gaussian). Default: kmeans++.")
    String init;

    @Option(names = "--covariance", paramLabel = "full|diag|spherical|tied", defaultValue = "full", order = 4,
            description = "Covariance type of the mixture. Default: ${DEFAULT-VALUE}.")
    String covariance;

    @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100", order = 5,
            description = "Iteration cap. Default: ${DEFAULT-VALUE}.")
    int maxIterations;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6", order = 6,
            description = "Stop when the mean per-sample log-likelihood changes by less than T; 0 runs exactly"
                    + " --max-iter iterations. Default: ${DEFAULT-VALUE} (smaller than gmm fit's, to show the"
                    + " slow final approach).")
    double tolerance;

    @Option(names = "--reg-covar", paramLabel = "R", order = 7,
            description = "Added to covariance diagonals after each M-step. Default: 1e-6 (0 for the worked"
                    + " example).")
    Double regCovar;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", order = 8,
            description = "Seed of the initialisation and of the point subsample. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--axes", paramLabel = "I,J", defaultValue = "0,1", order = 9,
            description = "The two 0-based columns of the 2-D view when d > 2. Default: ${DEFAULT-VALUE}.")
    String axes;

    @Option(names = "--max-points", paramLabel = "M", defaultValue = "" + DEFAULT_MAX_POINTS, order = 10,
            description = "Embed at most M points (M rows drawn uniformly with --seed; with --hmm the first M"
                    + " steps of the sequence); statistics always use all the data. Default: ${DEFAULT-VALUE}.")
    int maxPoints;

    @Option(names = "--hmm", order = 11, description = "Fit a hidden Markov model (Baum-Welch) to sequences instead.")
    boolean hmm;

    @Option(names = "--states", paramLabel = "S", order = 12, description = "With --hmm: number of hidden states.")
    Integer states;

    @Option(names = "--emission", paramLabel = "categorical|gaussian", order = 13,
            description = "With --hmm: emission family (gaussian: full covariances; the view plots column 1).")
    String emission;

    @Option(names = "--sequence", paramLabel = "R", defaultValue = "0", order = 14,
            description = "With --hmm: the 0-based index (in file order) of the sequence shown."
                    + " Default: ${DEFAULT-VALUE}.")
    int sequence;

    @Option(names = "--threads", paramLabel = "N", order = 15,
            description = "E-step threads; results do not depend on it. Default: available processors.")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "page.html", order = 30,
            description = "Where to write the page (atomically).")
    Path out;

    @Override
    void run() {
        checkPositive("--max-iter", maxIterations);
        checkNonNegative("--tol", tolerance);
        checkPositive("--max-points", maxPoints);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        checkPositive("--threads", threadCount);
        if (regCovar != null) {
            checkNonNegative("--reg-covar", regCovar);
        }
        ObjectNode trace;
        String title;
        if (hmm) {
            if (components != null) {
                throw new IllegalArgumentException("--components is for mixtures; with --hmm use --states");
            }
            if (data == null || states == null || emission == null) {
                throw new IllegalArgumentException("--hmm needs --data SEQ.csv, --states S and --emission"
                        + " categorical|gaussian");
            }
            title = "Baum-Welch on " + data.getFileName() + " (" + states + " states, " + emission + ")";
            trace = hmmTrace(threadCount);
        } else {
            if (states != null || emission != null) {
                throw new IllegalArgumentException("--states and --emission need --hmm");
            }
            if (data == null) {
                if (components != null || init != null) {
                    throw new IllegalArgumentException("--components and --init need --data (without --data the"
                            + " page shows the worked example)");
                }
                title = "EM on the worked example (6 points, k = 2)";
                trace = workedTrace(title, threadCount);
            } else {
                if (components == null) {
                    throw new IllegalArgumentException("--data needs --components K");
                }
                title = "EM on " + data.getFileName() + " (k = " + components + ", "
                        + GmmCommand.covarianceType(covariance).jsonName() + ")";
                trace = gmmTrace(title, threadCount);
            }
        }
        trace.put("title", title);
        VizPage.writeAtomically(out, VizPage.render(title, trace));
        message(String.format(Locale.ROOT, "viz: %d iterations (%s); wrote %s",
                trace.get("iterations").size() - 1, trace.get("stopNote").asText(), out));
    }

    private ObjectNode workedTrace(String title, int threadCount) {
        double[][] rows = new double[GmmViz.WORKED_DATA.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {GmmViz.WORKED_DATA[i]};
        }
        Dataset dataset = Dataset.of(rows);
        GaussianMixtureModel model = regCovar == null ? GmmViz.workedModel()
                : GmmViz.workedModel().toBuilder().regCovar(regCovar).build();
        EmSteps<GaussianMixture> steps = EmSteps.run(model, dataset, GmmViz.workedStart(), maxIterations, tolerance,
                threadCount);
        return GmmViz.trace(title, List.of("x"), dataset, model, steps, new int[] {0, 0}, maxPoints, seed);
    }

    private ObjectNode gmmTrace(String title, int threadCount) {
        checkPositive("--components", components);
        CovarianceType type = GmmCommand.covarianceType(covariance);
        String start = init == null ? "kmeans++" : init;
        GaussianMixtureModel.Initialisation initialisation = GaussianMixtureModel.Initialisation.KMEANS;
        GaussianMixture given = null;
        if (start.equals("random")) {
            initialisation = GaussianMixtureModel.Initialisation.RANDOM_RESPONSIBILITIES;
        } else if (!start.equals("kmeans++") && !start.equals("kmeans")) {
            Path file = Path.of(start);
            if (!Files.exists(file) && !start.toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new IllegalArgumentException("--init must be kmeans++, random or a model JSON file, not \""
                        + start + "\"");
            }
            given = ModelJson.readGmm(file);
            if (given.components() != components) {
                throw new IllegalArgumentException(file + ": the model has " + given.components()
                        + " components but --components is " + components);
            }
            if (given.covarianceType() != type) {
                throw new IllegalArgumentException(file + ": the model's covariance type is "
                        + given.covarianceType().jsonName() + " but --covariance is " + type.jsonName());
            }
        }
        NumericTable table = dataFile.readData(data, this, DataFileOptions.GMM_DEFAULT_DROPS);
        GmmCommand.checkComponents(components, table, data);
        if (given != null) {
            GmmCommand.checkDimension(given, table, data);
        }
        int[] axisPair = axes(table.dimension());
        Dataset dataset = table.toDataset();
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(components).covarianceType(type)
                .regCovar(regCovar == null ? GaussianMixtureModel.DEFAULT_REG_COVAR : regCovar)
                .initialisation(initialisation).build();
        GaussianMixture first = given != null ? given : GmmViz.defaultStart(model, dataset, seed);
        EmSteps<GaussianMixture> steps = EmSteps.run(model, dataset, first, maxIterations, tolerance, threadCount);
        List<String> columns = table.columnNames();
        return GmmViz.trace(title, columns, dataset, model, steps, axisPair, maxPoints, seed);
    }

    private ObjectNode hmmTrace(int threadCount) {
        checkPositive("--states", states);
        boolean categorical = HmmCommand.categorical(emission);
        String start = init == null ? (categorical ? "random" : "kmeans") : init;
        HmmParameters given = null;
        if (!start.equals("random") && !start.equals("kmeans")) {
            Path file = Path.of(start);
            if (!Files.exists(file) && !start.toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new IllegalArgumentException("--init must be random, kmeans or a model JSON file with --hmm,"
                        + " not \"" + start + "\"");
            }
            given = ModelJson.readHmm(file);
            if ((given.emission() instanceof CategoricalEmission) != categorical) {
                throw new IllegalArgumentException(file + ": the model's emissions are not " + emission);
            }
            if (given.states() != states) {
                throw new IllegalArgumentException(file + ": the model has " + given.states()
                        + " states but --states is " + states);
            }
        } else if (start.equals("kmeans") && categorical) {
            throw new IllegalArgumentException("--init kmeans needs gaussian emissions; use random");
        }
        SequenceTable table = dataFile.readSequences(data, this, categorical);
        Sequences sequences = HmmCommand.sequences(table);
        if (states > table.totalLength()) {
            throw new IllegalArgumentException("--states (" + states + ") exceeds the number of observations ("
                    + table.totalLength() + ") in " + data);
        }
        if (sequence < 0 || sequence >= table.count()) {
            throw new IllegalArgumentException("--sequence (" + sequence + ") must be in [0, " + table.count()
                    + "): " + data + " holds " + table.count() + " sequences");
        }
        EmissionFamily family;
        if (categorical) {
            int symbols = sequences.maxSymbol() + 1;
            if (given != null) {
                symbols = Math.max(symbols, ((CategoricalEmission) given.emission()).symbols());
            }
            family = EmissionFamily.categorical(symbols);
        } else {
            if (given != null && ((GaussianEmission) given.emission()).dimension() != table.dimension()) {
                throw new IllegalArgumentException(data + ": observations have d = " + table.dimension()
                        + " but the model has d = " + ((GaussianEmission) given.emission()).dimension());
            }
            family = EmissionFamily.gaussian(CovarianceType.FULL,
                    regCovar == null ? GaussianMixtureModel.DEFAULT_REG_COVAR : regCovar,
                    start.equals("random") ? EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS
                            : EmissionFamily.GaussianStart.KMEANS);
        }
        BaumWelch model = BaumWelch.builder().states(states).emission(family).build();
        if (given != null) {
            HmmCommand.checkCompatible(given, sequences, table);
        }
        HmmParameters first = given != null ? given : model.initialize(sequences, new SplittableRandom(seed).split());
        EmSteps<HmmParameters> steps = EmSteps.run(model, sequences, first, maxIterations, tolerance, threadCount);
        return HmmViz.trace("", table.ids().get(sequence), sequences, sequence, steps, maxPoints);
    }

    private int[] axes(int d) {
        if (d < 2) {
            return new int[] {0, 0};
        }
        String[] parts = axes.split(",");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            int i = Integer.parseInt(parts[0].strip());
            int j = Integer.parseInt(parts[1].strip());
            if (i < 0 || j < 0 || i >= d || j >= d || i == j) {
                throw new IllegalArgumentException("--axes " + axes + ": need two different columns in [0, " + d
                        + ") for data with d = " + d);
            }
            return new int[] {i, j};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--axes \"" + axes + "\" must be two 0-based column numbers such as 0,1");
        }
    }
}
