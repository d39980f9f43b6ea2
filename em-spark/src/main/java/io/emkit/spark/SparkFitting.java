package io.emkit.spark;

import io.emkit.core.Chunkable;
import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import io.emkit.examples.cli.Fitting;
import io.emkit.hmm.Sequences;
import io.emkit.io.CsvOptions;
import io.emkit.io.NumericTable;
import io.emkit.io.SequenceTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code em} commands' fits on Spark: each fit makes a {@link SparkExecutor} over the data the
 * command read (rows for mixtures, whole sequences for HMMs) with the options' chunk size and
 * {@link SparkExecutor.Merge#CHUNK_ORDER}, so its JSON equals the local {@code em}'s bit for bit.
 * Data of other types (LDA documents) are fitted locally on the driver.
 *
 * <p>The commands' {@code --data} files are read by Spark's CSV source with em's rules and messages
 * (see {@code SparkCsv}): the executors split the records, the driver gets them back in file order
 * and turns them into the table the command uses; a fit then spreads that table's chunks over the
 * cluster as above. So the path must be readable by the executors as well as the driver (any path
 * under a {@code local} master; a shared or mounted file system on a cluster).
 */
public final class SparkFitting implements Fitting {

    private final Supplier<JavaSparkContext> context;

    /**
     * A fitting that asks {@code context} for the Spark context when it first fits (so that the
     * command line is parsed, and {@code --master} known, before Spark starts).
     *
     * @param context supplies the context; called on every fit, so it should cache. Not null.
     */
    public SparkFitting(Supplier<JavaSparkContext> context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Reads a file of numbers with Spark's CSV source (starting Spark if needed).
     *
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link NumericTable#read(Path, CsvOptions)}
     */
    @Override
    public NumericTable readNumbers(Path data, CsvOptions options) throws IOException {
        return SparkCsv.numbers(session(), data, options);
    }

    /**
     * Reads a file of sequences with Spark's CSV source (starting Spark if needed).
     *
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link SequenceTable#read(Path, CsvOptions, SequenceTable.Kind)}
     */
    @Override
    public SequenceTable readSequences(Path data, CsvOptions options, SequenceTable.Kind kind) throws IOException {
        return SparkCsv.sequences(session(), data, options, kind);
    }

    /** The session on the context (Spark returns the running one). */
    private SparkSession session() {
        JavaSparkContext sc = context.get();
        scala.Option<SparkSession> running = SparkSession.getActiveSession();
        if (running.isDefined() && running.get().sparkContext() == sc.sc()) {
            return running.get();
        }
        scala.Option<SparkSession> fallback = SparkSession.getDefaultSession();
        if (fallback.isDefined() && fallback.get().sparkContext() == sc.sc()) {
            return fallback.get();
        }
        return SparkSession.builder().getOrCreate();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, P start, EmOptions options) {
        ChunkCodec<D> codec;
        if (data instanceof Dataset) {
            codec = (ChunkCodec<D>) ChunkCodec.rows();
        } else if (data instanceof Sequences) {
            codec = (ChunkCodec<D>) ChunkCodec.sequences();
        } else {
            return Fitting.LOCAL.fit(model, data, start, options);
        }
        try (SparkExecutor<D> executor = SparkExecutor.of(context.get(), data, codec, options)) {
            return Em.fit(model, executor, start, options);
        }
    }
}
