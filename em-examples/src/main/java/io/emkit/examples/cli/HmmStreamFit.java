package io.emkit.examples.cli;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.OnlineEm;
import io.emkit.gmm.CovarianceType;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import io.emkit.io.SequenceStreamingExecutor;
import io.emkit.io.SequenceTable;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code em hmm fit ... --stream}: Baum-Welch (or online EM with {@code --online}) whose E-steps are
 * passes over the sequence file in chunks of whole sequences ({@link SequenceStreamingExecutor}), with
 * the same checks, start and JSON as the in-memory {@code hmm fit}. {@code --sample-size} counts steps.
 */
final class HmmStreamFit {

    private HmmStreamFit() {}

    /** Sequences from the arrays the streaming reader hands over. */
    static final SequenceStreamingExecutor.Assembler<Sequences> SEQUENCES =
            new SequenceStreamingExecutor.Assembler<>() {
                @Override
                public Sequences symbols(int[][] sequences) {
                    return Sequences.ofSymbols(sequences);
                }

                @Override
                public Sequences vectors(double[][] sequences, int dimension) {
                    return Sequences.ofRowMajor(sequences, dimension);
                }
            };

    /**
     * Runs the streamed fit of {@code fit}'s options.
     *
     * @param start the start's name (random, kmeans or a model file)
     * @param initial the start read from that file, or null
     * @param initialSymbols that file's string symbols, or null
     */
    static void run(HmmCommand.Fit fit, HmmEmissions kind, CovarianceType type, String start, HmmParameters initial,
            List<String> initialSymbols, int threadCount) {
        StreamOptions stream = fit.stream;
        boolean categorical = kind.symbols();
        List<String> initAlphabet = initial != null && categorical ? initialSymbols : null;
        EmOptions options = fit.loop(EmOptions.builder(), threadCount).build();
        PassProgress bar = !fit.quiet && (stream.progress || System.console() != null)
                ? new PassProgress(fit.err()) : null;
        SequenceStreamingExecutor.Builder<Sequences> builder = SequenceStreamingExecutor
                .builder(fit.data, categorical ? SequenceTable.Kind.SYMBOLS : SequenceTable.Kind.VECTORS, SEQUENCES)
                .csvOptions(fit.dataFile.options(DataFileOptions.HMM_DEFAULT_DROPS)).options(options)
                .cache(!stream.noCache).cacheDirectory(stream.cache).alphabet(initAlphabet).progress(bar);
        if (stream.sampleSize != null) {
            builder.sampleSize(stream.sampleSize);
        }
        try (SequenceStreamingExecutor<Sequences> executor = builder.open()) {
            executor.notes().forEach(fit::message);
            List<String> fileAlphabet = categorical && !executor.symbolNames().isEmpty() ? executor.symbolNames()
                    : null;
            if (initial != null && categorical && initAlphabet == null && fileAlphabet != null) {
                throw new IllegalArgumentException(fit.data + ": the symbols are strings but " + start
                        + " has integer symbols (no \"symbols\" list)");
            }
            List<String> alphabet = initial != null && categorical ? initAlphabet : fileAlphabet;
            if (fit.states > executor.steps()) {
                throw new IllegalArgumentException("--states (" + fit.states + ") exceeds the number of observations ("
                        + executor.steps() + ") in " + fit.data);
            }
            int symbols = categorical ? (alphabet != null ? alphabet.size() : executor.maxSymbol() + 1) : 0;
            if (initial != null) {
                if (categorical) {
                    int modelSymbols = ((CategoricalEmission) initial.emission()).symbols();
                    if (modelSymbols < symbols) {
                        throw new IllegalArgumentException(fit.data + ": symbol " + (symbols - 1)
                                + " is outside the model's alphabet 0.." + (modelSymbols - 1));
                    }
                    symbols = modelSymbols;
                } else if (HmmEmissions.dimension(initial.emission()) != executor.dimension()) {
                    throw new IllegalArgumentException(fit.data + ": observations have d = " + executor.dimension()
                            + " but the model has d = " + HmmEmissions.dimension(initial.emission()));
                }
            }
            EmissionFamily family = kind.family(symbols, type, fit.mixtureComponents, fit.regCovar,
                    start.equals("random"));
            BaumWelch model = BaumWelch.builder().states(fit.states).emission(family).build();
            EmOptions withBar = bar == null ? options : options.toBuilder().listener(bar).build();
            EmResult<HmmParameters> result = fit.online.online
                    ? OnlineEm.fit(model, executor, executor, initial, fit.online.settings(), withBar)
                    : Em.fit(model, executor, initial, withBar);
            if (bar != null) {
                bar.finish();
            }
            fit.afterFit(null, result);
            fit.writeFit(new SavedModel.Hmm(result.parameters(), alphabet == null ? List.of() : alphabet, Optional.empty()),
                    result, fit.out,
                    String.format(Locale.ROOT, "hmm fit: %d states, %s emissions, %d sequences (%d steps), streamed%s",
                            fit.states, kind.cliName, executor.sequences(), executor.steps(),
                            executor.cacheFile() == null ? " without a cache" : " (cache " + executor.cacheFile() + ")"));
            fit.message(FitSummaries.hmm(result.parameters(), kind.cliName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
