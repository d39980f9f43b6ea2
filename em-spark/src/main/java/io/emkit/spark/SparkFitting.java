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
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The {@code em} commands' fits on Spark: each fit makes a {@link SparkExecutor} over the data the
 * command read (rows for mixtures, whole sequences for HMMs) with the options' chunk size and
 * {@link SparkExecutor.Merge#CHUNK_ORDER}, so its JSON equals the local {@code em}'s bit for bit.
 * Data of other types (LDA documents) are fitted locally on the driver.
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
