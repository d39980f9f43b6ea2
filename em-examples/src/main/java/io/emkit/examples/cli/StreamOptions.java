package io.emkit.examples.cli;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.core.OnlineEm;
import io.emkit.core.ScalableStatistics;
import io.emkit.gmm.GaussianMixture;
import io.emkit.io.CsvOptions;
import io.emkit.io.StreamingExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * {@code --stream [--cache DIR | --no-cache] [--sample-size N] [--progress]}: fits whose E-steps are
 * passes over the data file in chunks ({@link StreamingExecutor}), so the data never have to fit in
 * memory; the answer equals the in-memory fit's from the same start (picocli mixin).
 */
final class StreamOptions {

    @Option(names = "--stream", order = 45,
            description = "Read the data file in chunks on every pass instead of loading it: memory stays bounded,"
                    + " the answer equals the in-memory fit's from the same start. kmeans++/random starts are"
                    + " computed on a reservoir sample of --sample-size rows (hmm: chunks and the sample are whole"
                    + " sequences).")
    boolean stream;

    @Option(names = "--cache", paramLabel = "DIR", order = 46,
            description = "With --stream: where the binary cache of the parsed data goes (n x d x 8 bytes; later"
                    + " passes and later fits read it instead of the text). Default: beside the data file.")
    Path cache;

    @Option(names = "--no-cache", order = 47, description = "With --stream: parse the text on every pass.")
    boolean noCache;

    @Option(names = "--sample-size", paramLabel = "N", order = 48,
            description = "With --stream: rows of the reservoir sample that starts are computed on (hmm: steps of"
                    + " whole sequences). Default: " + StreamingExecutor.DEFAULT_SAMPLE_SIZE + ".")
    Integer sampleSize;

    @Option(names = "--progress", order = 49,
            description = "With --stream: draw the pass progress bar on stderr even when it is not a terminal.")
    boolean progress;

    private Path weights; // read in lockstep with the data
    private long rows;
    private int dimension;
    private Path cacheFile;

    /** Refuses the streaming settings without {@code --stream}; keeps the {@code --weights} file (or null) for the passes. */
    void check(Path weights) {
        if (!stream && (cache != null || noCache || sampleSize != null || progress)) {
            throw new IllegalArgumentException("--cache, --no-cache, --sample-size and --progress need --stream");
        }
        if (stream && cache != null && noCache) {
            throw new IllegalArgumentException("--cache and --no-cache contradict each other; give one");
        }
        this.weights = weights;
        if (sampleSize != null) {
            CliCommand.checkPositive("--sample-size", sampleSize);
        }
    }

    /**
     * Fits over the file: batch EM, or online EM when {@code online.online}.
     *
     * @param check called once the file is scanned (to compare k with n, a start's dimension with d)
     */
    <P, S extends ScalableStatistics<S>> EmResult<P> fit(CliCommand command, LatentModel<Dataset, P, S> model,
            Path data, CsvOptions csv, P start, EmOptions options, OnlineOptions online,
            Consumer<StreamingExecutor> check) {
        PassProgress bar = !command.quiet && (progress || System.console() != null)
                ? new PassProgress(command.err()) : null;
        StreamingExecutor.Builder builder = StreamingExecutor.builder(data).csvOptions(csv).options(options)
                .cache(!noCache).cacheDirectory(cache).weights(weights).progress(bar);
        if (sampleSize != null) {
            builder.sampleSize(sampleSize);
        }
        try (StreamingExecutor executor = builder.open()) {
            executor.notes().forEach(command::message);
            check.accept(executor);
            rows = executor.rows();
            dimension = executor.dimension();
            cacheFile = executor.cacheFile();
            EmOptions withBar = bar == null ? options : options.toBuilder().listener(bar).build();
            EmResult<P> result = online.online
                    ? OnlineEm.fit(model, executor, executor, start, online.settings(), withBar)
                    : Em.fit(model, executor, start, withBar);
            if (bar != null) {
                bar.finish();
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checks of {@code gmm fit}: k at most n, the start's dimension d. */
    static Consumer<StreamingExecutor> gmmCheck(int components, GaussianMixture start, Path data) {
        return executor -> {
            if (components > executor.rows()) {
                throw new IllegalArgumentException("--components (" + components
                        + ") exceeds the number of samples (" + executor.rows() + ") in " + data);
            }
            if (start != null && start.dimension() != executor.dimension()) {
                throw new IllegalArgumentException(data + ": the data have " + executor.dimension()
                        + " columns but the --init model has d = " + start.dimension());
            }
        };
    }

    /** What the summary line says about the data after a streamed fit. */
    String summary() {
        return String.format(Locale.ROOT, "n = %d, d = %d, streamed%s", rows, dimension,
                cacheFile == null ? " without a cache" : " (cache " + cacheFile + ")");
    }
}
