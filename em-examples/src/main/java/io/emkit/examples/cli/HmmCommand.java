package io.emkit.examples.cli;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import io.emkit.io.SequenceTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code em hmm}: hidden Markov models (fit with Baum-Welch, decode with Viterbi, sample). */
@Command(name = "hmm", mixinStandardHelpOptions = true,
        description = "Hidden Markov models: fit (Baum-Welch), decode (Viterbi), sample.",
        subcommands = {HmmCommand.Fit.class, HmmCommand.Decode.class, HmmCommand.Sample.class})
final class HmmCommand {

    private HmmCommand() {}

    /** Reads the sequences of a sequence CSV for the given emission kind. */
    static Sequences sequences(SequenceTable table) {
        if (table.categorical()) {
            return Sequences.ofSymbols(table.allSymbols().toArray(new int[0][]));
        }
        return Sequences.ofVectors(table.allSequences().toArray(new double[0][][]));
    }

    /** {@code em hmm fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits a hidden Markov model to sequences with Baum-Welch (EM).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends CliCommand {
        @Option(names = "--data", required = true, paramLabel = "SEQ.csv",
                description = "Sequence CSV: a sequence id, then the observation (one integer symbol for"
                        + " categorical, d numbers for gaussian). Consecutive rows with the same id form a"
                        + " sequence. An optional header line.")
        Path data;

        @Option(names = "--states", required = true, paramLabel = "S", description = "Number of hidden states.")
        int states;

        @Option(names = "--emission", required = true, paramLabel = "categorical|gaussian",
                description = "Emission family: categorical (symbols 0..m-1) or gaussian (full covariances).")
        String emission;

        @Option(names = "--init", paramLabel = "random|kmeans|MODEL.json",
                description = "Start: random (random stochastic rows; gaussian means at random observations),"
                        + " kmeans (gaussian only: k-means means), or a model JSON file to start from exactly."
                        + " Default: random for categorical, kmeans for gaussian.")
        String init;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
                description = "Iteration cap (one E-step plus one M-step each). Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6",
                description = "Stop when the mean per-observation log-likelihood changes by less than T;"
                        + " 0 runs exactly --max-iter iterations. Default: ${DEFAULT-VALUE} (Baum-Welch"
                        + " moves slowly at first, so the mixture default 1e-3 would stop too early).")
        double tolerance;

        @Option(names = "--reg-covar", paramLabel = "R", defaultValue = "1e-6",
                description = "Added to gaussian covariance diagonals in every M-step. Default: ${DEFAULT-VALUE}.")
        double regCovar;

        @Option(names = "--restarts", paramLabel = "N", defaultValue = "1",
                description = "Independent random starts; the best log-likelihood wins. Default: ${DEFAULT-VALUE}.")
        int restarts;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Random seed; runs are reproducible. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--threads", paramLabel = "N",
                description = "E-step threads; results do not depend on it. Default: available processors.")
        Integer threads;

        @Option(names = "--out", paramLabel = "MODEL.json", description = "Where to write the fitted model.")
        Path out;

        @Mixin
        DataFileOptions dataFile;

        @Mixin
        OnlineOptions online;

        @Override
        void run() {
            checkPositive("--states", states);
            online.check();
            checkPositive("--max-iter", maxIterations);
            checkPositive("--restarts", restarts);
            checkNonNegative("--tol", tolerance);
            checkNonNegative("--reg-covar", regCovar);
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            checkPositive("--threads", threadCount);
            boolean categorical = categorical(emission);
            String start = init == null ? (categorical ? "random" : "kmeans") : init;
            HmmParameters initial = null;
            if (!start.equals("random") && !start.equals("kmeans")) {
                Path file = Path.of(start);
                if (!Files.exists(file) && !start.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    throw new IllegalArgumentException("--init must be random, kmeans or a model JSON file, not \""
                            + start + "\"");
                }
                initial = ModelJson.readHmm(file);
                boolean initCategorical = initial.emission() instanceof CategoricalEmission;
                if (initCategorical != categorical) {
                    throw new IllegalArgumentException(file + ": the model has "
                            + (initCategorical ? "categorical" : "gaussian") + " emissions but --emission is "
                            + emission);
                }
                if (initial.states() != states) {
                    throw new IllegalArgumentException(file + ": the model has " + initial.states()
                            + " states but --states is " + states);
                }
            } else if (start.equals("kmeans") && categorical) {
                throw new IllegalArgumentException("--init kmeans needs gaussian emissions; use random");
            }
            SequenceTable table = dataFile.readSequences(data, this, categorical);
            Sequences sequences = sequences(table);
            if (states > table.totalLength()) {
                throw new IllegalArgumentException("--states (" + states + ") exceeds the number of observations ("
                        + table.totalLength() + ") in " + data);
            }
            EmissionFamily family;
            if (categorical) {
                int symbols = sequences.maxSymbol() + 1;
                if (initial != null) {
                    int modelSymbols = ((CategoricalEmission) initial.emission()).symbols();
                    if (modelSymbols < symbols) {
                        throw new IllegalArgumentException(data + ": symbol " + (symbols - 1)
                                + " is outside the model's alphabet 0.." + (modelSymbols - 1));
                    }
                    symbols = modelSymbols;
                }
                family = EmissionFamily.categorical(symbols);
            } else {
                if (initial != null) {
                    int d = ((GaussianEmission) initial.emission()).dimension();
                    if (d != table.dimension()) {
                        throw new IllegalArgumentException(data + ": observations have d = " + table.dimension()
                                + " but the model has d = " + d);
                    }
                }
                family = EmissionFamily.gaussian(CovarianceType.FULL, regCovar, start.equals("random")
                        ? EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS : EmissionFamily.GaussianStart.KMEANS);
            }
            BaumWelch baumWelch = BaumWelch.builder().states(states).emission(family).build();
            ProgressBar bar = progressBar(maxIterations, initial == null ? restarts : 1);
            EmOptions options = withProgress(EmOptions.builder(), bar)
                    .maxIterations(maxIterations).tolerance(tolerance).restarts(restarts).seed(seed)
                    .threads(threadCount).build();
            EmResult<HmmParameters> result;
            if (online.online) {
                result = online.fit(baumWelch, sequences, initial, options);
            } else if (initial != null) {
                result = Em.fit(baumWelch, sequences, initial, options);
            } else {
                result = Em.fit(baumWelch, sequences, options);
            }
            afterFit(bar, result);
            writeFit(ModelJson.toJson(result.parameters()), result, out, String.format(Locale.ROOT,
                    "hmm fit: %d states, %s emissions, %d sequences (%d steps)", states,
                    categorical ? "categorical" : "gaussian", table.count(), table.totalLength()));
        }
    }

    /** {@code em hmm decode}. */
    @Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Most probable state path of every sequence (Viterbi).",
                "Prints CSV on stdout: a header line, then sequence,step,state per observation"
                        + " (sequence is the id from the data; step counts from 0)."})
    static final class Decode extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A hidden Markov model file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "SEQ.csv", description = "Sequence CSV, as for fit.")
        Path data;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            HmmParameters parameters = ModelJson.readHmm(model);
            boolean categorical = parameters.emission() instanceof CategoricalEmission;
            SequenceTable table = dataFile.readSequences(data, this, categorical);
            Sequences sequences = sequences(table);
            checkCompatible(parameters, sequences, table);
            List<FittedHmm.ViterbiPath> paths = FittedHmm.of(parameters).decode(sequences);
            PrintWriter writer = out();
            StringBuilder text = new StringBuilder(16 * table.totalLength() + 32);
            text.append("sequence,step,state\n");
            for (int r = 0; r < paths.size(); r++) {
                String id = table.ids().get(r);
                int[] states = paths.get(r).states().toArray();
                for (int t = 0; t < states.length; t++) {
                    text.append(id).append(',').append(t).append(',').append(states[t]).append('\n');
                }
            }
            writer.print(text);
        }
    }

    /** {@code em hmm sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws state paths and observations from a model.",
                "Prints CSV on stdout: a header line, then sequence,step,state,observation... per step."})
    static final class Sample extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A hidden Markov model file.")
        Path model;

        @Option(names = "--length", required = true, paramLabel = "T", description = "Steps per sequence.")
        int length;

        @Option(names = "--sequences", paramLabel = "N", defaultValue = "1",
                description = "Number of sequences. Default: ${DEFAULT-VALUE}.")
        int count;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        void run() {
            checkPositive("--length", length);
            checkPositive("--sequences", count);
            HmmParameters parameters = ModelJson.readHmm(model);
            FittedHmm fitted = FittedHmm.of(parameters);
            boolean categorical = parameters.emission() instanceof CategoricalEmission;
            StringBuilder text = new StringBuilder();
            text.append("sequence,step,state");
            if (categorical) {
                text.append(",symbol");
            } else {
                int d = ((GaussianEmission) parameters.emission()).dimension();
                for (int a = 1; a <= d; a++) {
                    text.append(",x").append(a);
                }
            }
            text.append('\n');
            RandomGenerator random = new SplittableRandom(seed);
            for (int r = 0; r < count; r++) {
                FittedHmm.SampledSequence sampled = fitted.sample(length, random);
                int[] states = sampled.states().toArray();
                Sequences observations = sampled.observations();
                int[] symbols = categorical ? observations.symbols(0) : null;
                double[] values = categorical ? null : observations.values(0);
                int d = observations.dimension();
                for (int t = 0; t < length; t++) {
                    text.append(r).append(',').append(t).append(',').append(states[t]);
                    if (categorical) {
                        text.append(',').append(symbols[t]);
                    } else {
                        for (int a = 0; a < d; a++) {
                            text.append(',').append(values[t * d + a]);
                        }
                    }
                    text.append('\n');
                }
                if (text.length() > 1 << 16) {
                    out().print(text);
                    text.setLength(0);
                }
            }
            out().print(text);
        }
    }

    static boolean categorical(String emission) {
        if (emission.equals("categorical")) {
            return true;
        }
        if (emission.equals("gaussian")) {
            return false;
        }
        throw new IllegalArgumentException("--emission must be categorical or gaussian, not \"" + emission + "\"");
    }

    static void checkCompatible(HmmParameters parameters, Sequences sequences, SequenceTable table) {
        if (parameters.emission() instanceof CategoricalEmission categorical) {
            if (sequences.maxSymbol() >= categorical.symbols()) {
                throw new IllegalArgumentException("the data hold symbol " + sequences.maxSymbol()
                        + " but the model's alphabet is 0.." + (categorical.symbols() - 1));
            }
        } else if (parameters.emission() instanceof GaussianEmission gaussian) {
            if (gaussian.dimension() != table.dimension()) {
                throw new IllegalArgumentException("the observations have d = " + table.dimension()
                        + " but the model has d = " + gaussian.dimension());
            }
        }
        parameters.emission().checkCompatible(sequences);
    }
}
