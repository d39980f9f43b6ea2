package io.emkit.examples.cli;

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
import io.emkit.io.model.SavedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code em hmm}: hidden Markov models (fit with Baum-Welch, decode with Viterbi, sample). */
@Command(name = "hmm", mixinStandardHelpOptions = true,
        description = "Hidden Markov models: fit (Baum-Welch), decode (Viterbi), sample.",
        subcommands = {HmmCommand.Fit.class, HmmCommand.Decode.class, HmmCommand.Posteriors.class,
            HmmCommand.Select.class, HmmCommand.Sample.class, HmmScore.class})
final class HmmCommand {

    private HmmCommand() {}

    /** Reads the sequences of a sequence CSV for the given emission kind (string symbols by their order of appearance). */
    static Sequences sequences(SequenceTable table) {
        return sequences(table, null);
    }

    /**
     * The sequences of a sequence CSV, string symbols mapped through a model's alphabet: a symbol the
     * alphabet lacks is an error naming it, its file and line.
     *
     * @param table the file's contents
     * @param alphabet the model's {@code "symbols"}, or null for the file's own (integers, or strings in
     *     order of first appearance)
     */
    static Sequences sequences(SequenceTable table, List<String> alphabet) {
        boolean missing = !table.missingMask().isEmpty();
        if (!table.categorical()) {
            if (missing) {
                return HmmMissing.vectors(table);
            }
            double[][] values = new double[table.count()][]; // row-major per sequence: no array per step
            for (int r = 0; r < values.length; r++) {
                values[r] = table.values(r);
            }
            return Sequences.ofRowMajor(values, table.dimension());
        }
        List<int[]> all = table.allSymbols();
        if (alphabet == null) {
            return missing ? HmmMissing.symbols(table, all.toArray(new int[0][]))
                    : Sequences.ofSymbols(all.toArray(new int[0][]));
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < alphabet.size(); i++) {
            index.put(alphabet.get(i), i);
        }
        List<String> names = table.hasSymbolNames() ? table.symbolNames() : null;
        int[][] mapped = new int[all.size()][];
        for (int r = 0; r < mapped.length; r++) {
            int[] row = all.get(r);
            mapped[r] = new int[row.length];
            for (int t = 0; t < row.length; t++) {
                if (row[t] == SequenceTable.MISSING_SYMBOL) {
                    mapped[r][t] = SequenceTable.MISSING_SYMBOL;
                    continue;
                }
                String name = names != null ? names.get(row[t]) : Integer.toString(row[t]);
                Integer id = index.get(name);
                if (id == null) {
                    throw new IllegalArgumentException(table.source() + " line " + table.line(r, t) + ": symbol \""
                            + name + "\" is not in the model's alphabet " + alphabet);
                }
                mapped[r][t] = id;
            }
        }
        return missing ? HmmMissing.symbols(table, mapped) : Sequences.ofSymbols(mapped);
    }

    /** The file's string alphabet for a fit, or null for integer symbols. */
    static List<String> alphabet(SequenceTable table) {
        return table.categorical() && table.hasSymbolNames() ? table.symbolNames() : null;
    }

    /** The model and loop options that {@code fit} and {@code select} share. */
    abstract static class ModelOptions extends CliCommand {
        @Option(names = "--emission", required = true, paramLabel = "categorical|gaussian|gmm|poisson|bernoulli",
                description = "Emission family: categorical (symbols 0..m-1 or strings), gaussian (see --covariance),"
                        + " gmm (a Gaussian mixture per state, see --mixture-components), poisson (counts) or"
                        + " bernoulli (0/1 vectors).")
        String emission;

        @Option(names = "--covariance", paramLabel = "full|diag|spherical|tied", defaultValue = "full",
                description = "Covariance structure of gaussian and gmm emissions, stored in its native shape."
                        + " Default: ${DEFAULT-VALUE}.")
        String covariance;

        @Option(names = "--mixture-components", paramLabel = "M", defaultValue = "2",
                description = "With --emission gmm: Gaussian components per state. Default: ${DEFAULT-VALUE}.")
        int mixtureComponents;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "500",
                description = "Iteration cap (one E-step plus one M-step each). Default: ${DEFAULT-VALUE} (the"
                        + " bundled casino HMM needs about 190 at the default tolerance).")
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

        @Mixin
        ConvergenceOptions convergence;

        /** Checks the shared options and returns the thread count. */
        int checkedThreads() {
            checkPositive("--max-iter", maxIterations);
            checkPositive("--restarts", restarts);
            checkPositive("--mixture-components", mixtureComponents);
            checkNonNegative("--tol", tolerance);
            checkNonNegative("--reg-covar", regCovar);
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            checkPositive("--threads", threadCount);
            return threadCount;
        }

        HmmEmissions kind() {
            return HmmEmissions.parse(emission, "--emission");
        }

        /** The loop options: cap, tolerance, restarts, seed, threads. */
        EmOptions.Builder loop(EmOptions.Builder builder, int threadCount) {
            return convergence.apply(builder).maxIterations(maxIterations).tolerance(tolerance).restarts(restarts)
                    .seed(seed).threads(threadCount);
        }
    }

    /** {@code em hmm fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits a hidden Markov model to sequences with Baum-Welch (EM).",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends ModelOptions {
        @Option(names = "--data", required = true, paramLabel = "SEQ.csv",
                description = "Sequence CSV: a sequence id, then the observation (one integer symbol for"
                        + " categorical, d numbers for gaussian). Consecutive rows with the same id form a"
                        + " sequence. An optional header line.")
        Path data;

        @Option(names = "--states", required = true, paramLabel = "S", description = "Number of hidden states.")
        int states;

        @Option(names = "--init", paramLabel = "random|kmeans|MODEL.json",
                description = "Start: random (random stochastic rows; gaussian means at random observations),"
                        + " kmeans (gaussian only: k-means means), or a model JSON file to start from exactly."
                        + " Default: random for categorical, kmeans for gaussian.")
        String init;

        @Option(names = "--out", paramLabel = "MODEL.json", description = "Where to write the fitted model.")
        Path out;

        @Mixin
        DataFileOptions dataFile;

        @Mixin
        OnlineOptions online;

        @Mixin
        StreamOptions stream;

        @Override
        void run() {
            checkPositive("--states", states);
            online.check();
            stream.check(null);
            int threadCount = checkedThreads();
            HmmEmissions kind = kind();
            boolean categorical = kind.symbols();
            CovarianceType type = CovarianceType.fromName(covariance);
            String start = init == null ? (kind == HmmEmissions.GAUSSIAN ? "kmeans" : "random") : init;
            HmmParameters initial = null;
            List<String> initialSymbols = null; // the start file's string symbols, if it has them
            if (!start.equals("random") && !start.equals("kmeans")) {
                Path file = Path.of(start);
                if (!Files.exists(file) && !start.toLowerCase(Locale.ROOT).endsWith(".json")) {
                    throw new IllegalArgumentException("--init must be random, kmeans or a model JSON file, not \""
                            + start + "\"");
                }
                SavedModel.Hmm saved = ModelJson.read(file, SavedModel.Hmm.class);
                initial = saved.parameters();
                initialSymbols = saved.symbols().isEmpty() ? null : saved.symbols();
                HmmEmissions initKind = HmmEmissions.of(initial.emission());
                if (initKind != kind) {
                    throw new IllegalArgumentException(file + ": the model has " + initKind.cliName
                            + " emissions but --emission is " + emission);
                }
                if (initial.states() != states) {
                    throw new IllegalArgumentException(file + ": the model has " + initial.states()
                            + " states but --states is " + states);
                }
            } else if (start.equals("kmeans") && kind != HmmEmissions.GAUSSIAN) {
                throw new IllegalArgumentException("--init kmeans needs gaussian emissions; use random");
            }
            if (stream.stream) {
                if (dataFile.missing) {
                    throw new IllegalArgumentException("--missing cannot be combined with --stream yet; fit in"
                            + " memory (drop --stream)");
                }
                HmmStreamFit.run(this, kind, type, start, initial, initialSymbols, threadCount);
                return;
            }
            SequenceTable table = dataFile.readSequencesWithMissing(data, this, categorical);
            List<String> alphabet = initial != null && categorical ? initialSymbols : alphabet(table);
            if (initial != null && alphabet == null && alphabet(table) != null) {
                throw new IllegalArgumentException(data + ": the symbols are strings but " + start
                        + " has integer symbols (no \"symbols\" list)");
            }
            Sequences sequences = sequences(table, initial != null ? alphabet : null);
            if (states > table.totalLength()) {
                throw new IllegalArgumentException("--states (" + states + ") exceeds the number of observations ("
                        + table.totalLength() + ") in " + data);
            }
            int symbols = categorical ? (alphabet != null ? alphabet.size() : sequences.maxSymbol() + 1) : 0;
            if (initial != null) {
                if (categorical) {
                    int modelSymbols = ((CategoricalEmission) initial.emission()).symbols();
                    if (modelSymbols < symbols) {
                        throw new IllegalArgumentException(data + ": symbol " + (symbols - 1)
                                + " is outside the model's alphabet 0.." + (modelSymbols - 1));
                    }
                    symbols = modelSymbols;
                } else {
                    int d = HmmEmissions.dimension(initial.emission());
                    if (d != table.dimension()) {
                        throw new IllegalArgumentException(data + ": observations have d = " + table.dimension()
                                + " but the model has d = " + d);
                    }
                }
            }
            EmissionFamily family = kind.family(symbols, type, mixtureComponents, regCovar, start.equals("random"));
            BaumWelch baumWelch = BaumWelch.builder().states(states).emission(family).build();
            ProgressBar bar = progressBar(maxIterations, initial == null ? restarts : 1);
            EmOptions options = loop(withProgress(EmOptions.builder(), bar), threadCount).build();
            EmResult<HmmParameters> result = online.online ? online.fit(baumWelch, sequences, initial, options)
                    : Fitting.of(spec).fit(baumWelch, sequences, initial, options);
            afterFit(bar, result);
            writeFit(new SavedModel.Hmm(result.parameters(), alphabet == null ? List.of() : alphabet,
                    Optional.empty()), result, out,
                    String.format(Locale.ROOT,
                    "hmm fit: %d states, %s emissions, %d sequences (%d steps)", states,
                    kind.cliName, table.count(), table.totalLength()));
            message(FitSummaries.hmm(result.parameters(), kind.cliName));
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
            Applied applied = Applied.read(model, data, dataFile, this);
            SequenceTable table = applied.table();
            Sequences sequences = applied.sequences();
            FittedHmm fitted = FittedHmm.of(applied.parameters());
            StringBuilder text = new StringBuilder("sequence,step,state\n");
            for (int r = 0; r < sequences.size(); r++) {
                String id = table.ids().get(r);
                int[] states = decoded(fitted, sequences, r, table, data).states().toArray();
                for (int t = 0; t < states.length; t++) {
                    text.append(id).append(',').append(t).append(',').append(states[t]).append('\n');
                    if (text.length() > 1 << 16) {
                        out().print(text);
                        text.setLength(0);
                    }
                }
            }
            out().print(text);
        }
    }

    /** {@code em hmm posteriors}. */
    @Command(name = "posteriors", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Posterior state probabilities of every step (forward-backward).",
                "Prints CSV on stdout: a header line sequence,step,p0,...,p(S-1), then one line per step"
                        + " (sequence is the id from the data; step counts from 0)."})
    static final class Posteriors extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A hidden Markov model file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "SEQ.csv", description = "Sequence CSV, as for fit.")
        Path data;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            Applied applied = Applied.read(model, data, dataFile, this);
            SequenceTable table = applied.table();
            Sequences sequences = applied.sequences();
            FittedHmm fitted = FittedHmm.of(applied.parameters());
            int s = applied.parameters().states();
            StringBuilder text = new StringBuilder("sequence,step");
            for (int i = 0; i < s; i++) {
                text.append(",p").append(i);
            }
            text.append('\n');
            for (int r = 0; r < sequences.size(); r++) {
                double[][] gamma;
                try {
                    gamma = fitted.posteriors(sequences, r);
                } catch (IllegalArgumentException zero) {
                    throw zeroProbability(fitted, sequences, r, table, data, zero);
                }
                for (int t = 0; t < gamma.length; t++) {
                    text.append(table.ids().get(r)).append(',').append(t);
                    for (int i = 0; i < s; i++) {
                        text.append(',').append(gamma[t][i]);
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

    /** {@code em hmm select}. */
    @Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits hidden Markov models with each number of states and ranks them by BIC.",
                "--format json prints {\"criterion\": \"bic\", \"table\": [{\"model\", \"states\","
                        + " \"logLikelihood\", \"parameters\", \"bic\", \"status\"}, ...], \"best\": {...}};"
                        + " table and csv print the same rows as text."})
    static final class Select extends ModelOptions {
        @Option(names = "--data", required = true, paramLabel = "SEQ.csv", description = "Sequence CSV, as for fit.")
        Path data;

        @Option(names = "--states", required = true, paramLabel = "A-B|LIST",
                description = "State counts to try: a range 1-6 or a list 2,3,5.")
        String statesList;

        @Option(names = "--format", paramLabel = "table|csv|json", defaultValue = "table",
                description = "Output on stdout. Default: ${DEFAULT-VALUE}.")
        String format;

        @Mixin
        DataFileOptions dataFile;

        @Override
        void run() {
            if (!List.of("table", "csv", "json").contains(format)) {
                throw new IllegalArgumentException("--format must be table, csv or json, not \"" + format + "\"");
            }
            int threadCount = checkedThreads();
            HmmEmissions kind = kind();
            CovarianceType type = CovarianceType.fromName(covariance);
            List<Integer> counts = stateCounts(statesList);
            SequenceTable table = dataFile.readSequences(data, this, kind.symbols());
            List<String> alphabet = alphabet(table);
            Sequences sequences = sequences(table);
            int symbols = kind.symbols() ? (alphabet != null ? alphabet.size() : sequences.maxSymbol() + 1) : 0;
            String modelName = kind == HmmEmissions.GAUSSIAN || kind == HmmEmissions.GMM
                    ? kind.cliName + "-" + type.jsonName() : kind.cliName;
            EmOptions options = loop(EmOptions.builder(), threadCount).build();
            double n = 0;
            for (int r = 0; r < sequences.size(); r++) {
                n += sequences.length(r);
            }
            com.fasterxml.jackson.databind.node.ObjectNode root = JsonTree.object();
            root.put("criterion", "bic");
            com.fasterxml.jackson.databind.node.ArrayNode rows = root.putArray("table");
            StringBuilder text = new StringBuilder(format.equals("csv")
                    ? "model,states,logLikelihood,parameters,bic,status\n"
                    : String.format(Locale.ROOT, "%-18s %6s %16s %10s %16s  %s%n", "model", "states",
                            "logLikelihood", "parameters", "bic", "status"));
            int bestStates = -1;
            double bestBic = Double.POSITIVE_INFINITY;
            for (int s : counts) {
                com.fasterxml.jackson.databind.node.ObjectNode row = rows.addObject();
                row.put("model", modelName);
                row.put("states", s);
                try {
                    if (s > table.totalLength()) {
                        throw new IllegalArgumentException("more states than observations");
                    }
                    BaumWelch model = BaumWelch.builder().states(s)
                            .emission(kind.family(symbols, type, mixtureComponents, regCovar, false)).build();
                    EmResult<HmmParameters> result = Fitting.of(spec).fit(model, sequences, null, options);
                    int p = model.parameterCount(result.parameters());
                    double bic = io.emkit.core.Criteria.bic(result.logLikelihood(), p, n);
                    row.put("logLikelihood", result.logLikelihood());
                    row.put("parameters", p);
                    row.put("bic", bic);
                    row.put("status", "ok");
                    if (bic < bestBic) {
                        bestBic = bic;
                        bestStates = s;
                    }
                    text.append(format.equals("csv")
                            ? String.format(Locale.ROOT, "%s,%d,%s,%d,%s,ok%n", modelName, s, result.logLikelihood(), p,
                                    bic)
                            : String.format(Locale.ROOT, "%-18s %6d %16.4f %10d %16.4f  ok%n", modelName, s,
                                    result.logLikelihood(), p, bic));
                } catch (IllegalArgumentException | IllegalStateException failed) {
                    row.putNull("logLikelihood");
                    row.putNull("parameters");
                    row.putNull("bic");
                    row.put("status", "failed");
                    row.put("message", String.valueOf(failed.getMessage()));
                    text.append(format.equals("csv") ? modelName + "," + s + ",,,,failed\n"
                            : String.format(Locale.ROOT, "%-18s %6d %16s %10s %16s  failed: %s%n", modelName, s, "",
                                    "", "", failed.getMessage()));
                }
            }
            if (bestStates < 0) {
                throw new IllegalArgumentException("no state count could be fitted: " + counts);
            }
            com.fasterxml.jackson.databind.node.ObjectNode best = root.putObject("best");
            best.put("model", modelName);
            best.put("states", bestStates);
            out().print(format.equals("json") ? JsonTree.write(root) + "\n" : text.toString());
        }

        /** "1-6" or "2,3,5": every count at least 1, at most 1000 candidates. */
        static List<Integer> stateCounts(String spec) {
            List<Integer> out = new java.util.ArrayList<>();
            try {
                for (String part : spec.split(",")) {
                    String p = part.trim();
                    int dash = p.indexOf('-', 1);
                    if (dash > 0) {
                        int from = Integer.parseInt(p.substring(0, dash).trim());
                        int to = Integer.parseInt(p.substring(dash + 1).trim());
                        if (from < 1 || to < from || (long) to - from >= 1000) {
                            throw new IllegalArgumentException("--states range " + p
                                    + " must be A-B with 1 <= A <= B and at most 1000 counts");
                        }
                        for (int s = from; s <= to; s++) {
                            out.add(s);
                        }
                    } else {
                        int s = Integer.parseInt(p);
                        if (s < 1) {
                            throw new IllegalArgumentException("--states " + s + " must be >= 1");
                        }
                        out.add(s);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--states must be a range like 1-6 or a list like 2,3,5, not \""
                        + spec + "\"");
            }
            if (out.size() > 1000) {
                throw new IllegalArgumentException("--states lists " + out.size() + " counts; at most 1000");
            }
            return out;
        }
    }

    /** {@code em hmm sample}. */
    @Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Draws state paths and observations from a model.",
                "Prints CSV on stdout: a header line, then sequence,step,state,observation... per step."})
    static final class Sample extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A hidden Markov model file.")
        Path model;

        @Option(names = "--length", required = true, paramLabel = "T",
                description = "Steps per sequence, any count: rows are written as they are drawn.")
        long length;

        @Option(names = "--sequences", paramLabel = "N", defaultValue = "1",
                description = "Number of sequences. Default: ${DEFAULT-VALUE}.")
        long count;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
                description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--out", paramLabel = "SEQ.csv",
                description = "Write the CSV to this file (atomically: a temporary file renamed at the end) instead of"
                        + " stdout.")
        Path out;

        @Override
        void run() {
            checkPositive("--length", length);
            checkPositive("--sequences", count);
            if (length > Long.MAX_VALUE / count) {
                throw new IllegalArgumentException("--length (" + length + ") x --sequences (" + count
                        + ") exceeds " + Long.MAX_VALUE + " steps");
            }
            SavedModel.Hmm saved = ModelJson.read(model, SavedModel.Hmm.class);
            HmmParameters parameters = saved.parameters();
            boolean categorical = HmmEmissions.of(parameters.emission()).symbols();
            List<String> names = categorical && !saved.symbols().isEmpty() ? saved.symbols() : null;
            int d = categorical ? 1 : HmmEmissions.dimension(parameters.emission());
            SampleOutput.hmm(this, FittedHmm.of(parameters), categorical, d, names, length, count, seed, out);
        }
    }

    /** The Viterbi path of sequence {@code r}, or the error naming its id and the step where it becomes impossible. */
    static FittedHmm.ViterbiPath decoded(FittedHmm fitted, Sequences sequences, int r, SequenceTable table, Path data) {
        try {
            return fitted.decode(sequences, r);
        } catch (IllegalArgumentException zero) {
            throw zeroProbability(fitted, sequences, r, table, data, zero);
        }
    }

    /**
     * The one-line error for sequence {@code r} of probability zero: {@code "SEQ.csv: sequence \"id\" has
     * probability zero under the model: at step t, ..."} (with the file line of step t); any other error passes through unchanged.
     */
    static IllegalArgumentException zeroProbability(FittedHmm fitted, Sequences sequences, int r,
            SequenceTable table, Path data, IllegalArgumentException error) {
        return fitted.zeroProbability(sequences, r)
                .map(zero -> new IllegalArgumentException(data + " line " + table.line(r, zero.step()) + ": "
                        + zero.message("sequence \"" + table.ids().get(r) + "\""), error))
                .orElse(error);
    }

    /**
     * A model file and the sequences it is applied to (decode, posteriors, score): the file is read
     * once, the data in its alphabet, checked compatible.
     */
    record Applied(HmmParameters parameters, SequenceTable table, Sequences sequences) {
        static Applied read(Path model, Path data, DataFileOptions dataFile, CliCommand command) {
            SavedModel.Hmm saved = ModelJson.read(model, SavedModel.Hmm.class);
            HmmParameters parameters = saved.parameters();
            SequenceTable table = dataFile.readSequencesWithMissing(data, command,
                    HmmEmissions.of(parameters.emission()).symbols());
            Sequences sequences = modelSequences(table, saved.symbols().isEmpty() ? null : saved.symbols(), model);
            checkCompatible(parameters, sequences, table);
            return new Applied(parameters, table, sequences);
        }
    }

    /** The data in the model's alphabet (string symbols through its "symbols"; integers as they are). */
    private static Sequences modelSequences(SequenceTable table, List<String> modelSymbols, Path model) {
        List<String> alphabet = table.categorical() ? modelSymbols : null;
        if (alphabet == null && alphabet(table) != null) {
            throw new IllegalArgumentException(table.source() + ": the symbols are strings (\"" + table.symbolNames().get(0)
                    + "\", ...) but " + model + " has integer symbols 0..m-1 (no \"symbols\" list)");
        }
        return sequences(table, alphabet);
    }

    static boolean categorical(String emission) {
        return HmmEmissions.parse(emission, "--emission").symbols();
    }

    static void checkCompatible(HmmParameters parameters, Sequences sequences, SequenceTable table) {
        if (parameters.emission() instanceof CategoricalEmission categorical) {
            if (sequences.maxSymbol() >= categorical.symbols()) {
                throw new IllegalArgumentException("the data hold symbol " + sequences.maxSymbol()
                        + " but the model's alphabet is 0.." + (categorical.symbols() - 1));
            }
        } else {
            int d = HmmEmissions.dimension(parameters.emission());
            if (d != table.dimension()) {
                throw new IllegalArgumentException("the observations have d = " + table.dimension()
                        + " but the model has d = " + d);
            }
        }
        parameters.emission().checkCompatible(sequences);
    }
}
