package io.emkit.spark;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Chunkable;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.Executor;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * An {@link Executor} whose E-steps run on Spark: the data's chunks are a cached RDD, the model and
 * its parameters are broadcast once per E-step, every partition computes its chunks' statistics, and
 * the driver merges them in a fixed order.
 *
 * <h2>Chunks and exactness</h2>
 * The chunks are the data's own {@link Chunkable#chunks(int)} at the given size, the same
 * boundaries as {@link io.emkit.core.LocalExecutor} with that chunk size. With
 * {@link Merge#CHUNK_ORDER} (the default) every chunk's statistics come back to the driver and are
 * merged in chunk order, exactly as the local executor merges them, so a fit on Spark is
 * <em>bit-identical</em> to the local fit with the same {@link EmOptions#chunkSize()}, at any number of
 * partitions or workers. The driver then receives one statistics object per chunk per E-step
 * (about {@code 8·k·(1 + d + d²)} bytes each for a full-covariance mixture); for very many chunks use
 * a larger chunk size or {@link Merge#PARTITION_ORDER}, which merges each partition's chunks on the
 * worker (in chunk order) and the partitions' results on the driver in partition order: deterministic
 * for a given partitioning, and equal to the local fit up to the rounding of a regrouped sum (about
 * 1e-15 relative).
 *
 * <h2>Data and initialisation</h2>
 * This executor is built from data held by the driver ({@link #of}); {@link #data()} returns them
 * whole, so initialisation (k-means++, random starts) and validation see exactly what a local fit
 * sees. The workers hold one copy of every chunk (cached in memory as objects, deserialised once).
 *
 * <h2>Requirements</h2>
 * The model, its parameters and its statistics must be {@link Serializable} (all of emkit's models
 * are); the chunks travel through a {@link ChunkCodec}. Errors thrown by the model on a worker are
 * rethrown on the driver as they were thrown. Close the executor to release the cached RDD; the
 * Spark context is the caller's.
 *
 * @param <D> the data (and chunk) type
 */
public final class SparkExecutor<D extends Chunkable<D>> implements Executor<D> {

    /** How chunk statistics are merged. */
    public enum Merge {
        /** Every chunk's statistics to the driver, merged in chunk order: bit-identical to local. */
        CHUNK_ORDER,
        /** Merged per partition on the workers, then in partition order on the driver. */
        PARTITION_ORDER
    }

    private final JavaSparkContext context;
    private final D data;
    private final JavaRDD<Block<D>> blocks;
    private final int chunkCount;
    private final Merge merge;
    private boolean closed;

    private SparkExecutor(JavaSparkContext context, D data, JavaRDD<Block<D>> blocks, int chunkCount, Merge merge) {
        this.context = context;
        this.data = data;
        this.blocks = blocks;
        this.chunkCount = chunkCount;
        this.merge = merge;
    }

    /**
     * An executor over {@code data} cut into chunks of {@code unitsPerChunk} units, spread over
     * {@code partitions} partitions (consecutive chunks share a partition) and cached.
     *
     * @param context the Spark context. Not closed by the executor.
     * @param data the data, on the driver. Not modified.
     * @param codec how chunks travel to the workers
     * @param unitsPerChunk chunk size in the data's units, {@code >= 1}; use the local fit's
     *     {@link EmOptions#chunkSize()} for identical results
     * @param partitions number of RDD partitions, {@code >= 1} (at most the number of chunks is used)
     * @param merge how statistics are merged
     * @param <D> data type
     * @return the executor, its RDD cached and materialised; close it when done
     * @throws IllegalArgumentException if {@code unitsPerChunk} or {@code partitions} is below 1
     */
    public static <D extends Chunkable<D>> SparkExecutor<D> of(JavaSparkContext context, D data,
            ChunkCodec<D> codec, int unitsPerChunk, int partitions, Merge merge) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(merge, "merge");
        checkArgument(unitsPerChunk >= 1, "unitsPerChunk (%s) must be >= 1", unitsPerChunk);
        checkArgument(partitions >= 1, "partitions (%s) must be >= 1", partitions);
        List<D> chunks = data.chunks(unitsPerChunk);
        checkArgument(!chunks.isEmpty(), "the data yielded no chunks");
        List<Block<D>> encoded = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            encoded.add(new Block<>(i, codec, codec.encode(chunks.get(i))));
        }
        JavaRDD<Block<D>> rdd = context.parallelize(encoded, Math.min(partitions, chunks.size()))
                .persist(StorageLevel.MEMORY_ONLY());
        rdd.setName("emkit chunks of " + data);
        rdd.count();
        return new SparkExecutor<>(context, data, rdd, chunks.size(), merge);
    }

    /**
     * An executor with the options' chunk size, the context's default parallelism (at least 2
     * partitions when there are 2 chunks) and {@link Merge#CHUNK_ORDER}: a fit through it equals the
     * local fit with these options bit for bit.
     *
     * @param context the Spark context. Not closed by the executor.
     * @param data the data, on the driver. Not modified.
     * @param codec how chunks travel
     * @param options supplies {@link EmOptions#chunkSize()}
     * @param <D> data type
     * @return the executor; close it when done
     */
    public static <D extends Chunkable<D>> SparkExecutor<D> of(JavaSparkContext context, D data,
            ChunkCodec<D> codec, EmOptions options) {
        return of(context, data, codec, options.chunkSize(), Math.max(2, context.defaultParallelism()),
                Merge.CHUNK_ORDER);
    }

    /**
     * An executor over rows that already live on the cluster: chunk {@code c} holds rows
     * {@code [c·unitsPerChunk, (c+1)·unitsPerChunk)} in the RDD's order, the boundaries
     * {@link Dataset#chunks(int)} gives the same rows collected in order, so a fit equals the local fit
     * on the collected rows bit for bit. The chunks are built by one shuffle and cached.
     *
     * <p>{@link #data()} (what initialisation and validation see) is every row when there are at most
     * {@code sampleRows}, else a uniform sample of about {@code sampleRows} rows drawn with {@code seed};
     * a start from a sample can differ from a local fit's start on all rows.
     *
     * @param context the Spark context. Not closed by the executor.
     * @param rows the rows, each of the same length {@code d >= 1}, finite
     * @param unitsPerChunk rows per chunk, {@code >= 1}
     * @param partitions number of partitions for the chunks, {@code >= 1}
     * @param sampleRows most rows collected to the driver for {@link #data()}, {@code >= 1}
     * @param seed seed of the sample
     * @param merge how statistics are merged
     * @return the executor, its chunks cached; close it when done
     * @throws IllegalArgumentException if there are no rows, a row's length differs from the first's,
     *     a value is not finite, or an integer argument is below 1
     */
    public static SparkExecutor<Dataset> ofRows(JavaSparkContext context, JavaRDD<double[]> rows, int unitsPerChunk,
            int partitions, int sampleRows, long seed, Merge merge) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(merge, "merge");
        checkArgument(unitsPerChunk >= 1, "unitsPerChunk (%s) must be >= 1", unitsPerChunk);
        checkArgument(partitions >= 1, "partitions (%s) must be >= 1", partitions);
        checkArgument(sampleRows >= 1, "sampleRows (%s) must be >= 1", sampleRows);
        long chunk = unitsPerChunk;
        JavaRDD<Block<Dataset>> blocks;
        long n;
        try {
            blocks = rows.zipWithIndex()
                    .mapToPair(t -> new Tuple2<>(Math.toIntExact(t._2() / chunk), new Tuple2<>(t._2(), t._1())))
                    .groupByKey(partitions)
                    .map(group -> rowBlock(group._1(), group._2()))
                    .persist(StorageLevel.MEMORY_ONLY());
            blocks.setName("emkit row chunks");
            n = blocks.map(block -> (long) block.chunk().size()).fold(0L, Long::sum);
            checkArgument(n > 0, "the rows are empty: no rows");
            List<double[]> kept = n <= sampleRows ? rows.collect()
                    : rows.sample(false, Math.min(1.0, 1.2 * sampleRows / n), seed).collect();
            Dataset data = Dataset.of(kept.toArray(new double[0][]));
            int chunks = Math.toIntExact((n + chunk - 1) / chunk);
            return new SparkExecutor<>(context, data, blocks, chunks, merge);
        } catch (Exception e) { // as in expect: a row's error surfaces as itself
            throw SparkErrors.rethrown(e, "building the chunks of the rows");
        }
    }

    private static Block<Dataset> rowBlock(int index, Iterable<Tuple2<Long, double[]>> rows) {
        List<Tuple2<Long, double[]>> list = new ArrayList<>();
        rows.forEach(list::add);
        list.sort((a, b) -> Long.compare(a._1(), b._1()));
        int d = list.get(0)._2().length;
        checkArgument(d >= 1, "row %s has no values", list.get(0)._1());
        double[] values = new double[Math.multiplyExact(list.size(), d)];
        for (int i = 0; i < list.size(); i++) {
            double[] row = list.get(i)._2();
            checkArgument(row.length == d, "row %s has %s values but row %s has %s", list.get(i)._1(), row.length,
                    list.get(0)._1(), d);
            System.arraycopy(row, 0, values, i * d, d);
        }
        RowCodec.Block block = new RowCodec.Block(values, null, list.size(), d);
        RowCodec.INSTANCE.decode(block); // fails here, on the worker, for a value that is not finite
        return new Block<>(index, RowCodec.INSTANCE, block);
    }

    /**
     * The number of chunks.
     *
     * @return at least 1
     */
    public int chunkCount() {
        return chunkCount;
    }

    /**
     * The number of RDD partitions holding the chunks.
     *
     * @return at least 1
     */
    public int partitions() {
        return blocks.getNumPartitions();
    }

    /**
     * The whole data set, held by the driver (see the class comment).
     *
     * @return the data given at construction
     */
    @Override
    public D data() {
        return data;
    }

    /**
     * One E-step on the cluster, merged as {@link Merge} says.
     *
     * @throws IllegalArgumentException if the model or parameters are not serialisable
     * @throws IllegalStateException if the executor is closed, or a Spark job failed for a reason
     *     other than an exception of the model
     */
    @Override
    public <P, S extends SufficientStatistics<S>> S expect(LatentModel<D, P, S> model, P params) {
        checkArgument(!closed, "the executor is closed");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(params, "params");
        checkArgument(model instanceof Serializable, "the model %s is not Serializable; a Spark executor ships it"
                + " to the workers: make it (and its parameters and statistics) implement java.io.Serializable",
                model.getClass().getName());
        checkArgument(params instanceof Serializable, "the parameters %s are not Serializable; make them implement"
                + " java.io.Serializable", params.getClass().getName());
        Broadcast<Work<D, P, S>> work = context.broadcast(new Work<>(model, params));
        try {
            List<Tuple2<Integer, S>> parts = merge == Merge.CHUNK_ORDER
                    ? blocks.map(block -> new Tuple2<>(block.index, work.value().expect(block))).collect()
                    : blocks.mapPartitions(it -> partial(work.value(), it)).collect();
            List<Tuple2<Integer, S>> ordered = new ArrayList<>(parts);
            ordered.sort((a, b) -> Integer.compare(a._1(), b._1()));
            S total = null;
            for (Tuple2<Integer, S> part : ordered) {
                total = total == null ? part._2() : total.merge(part._2());
            }
            return total;
        } catch (Exception e) { // Spark throws SparkException (checked) without declaring it
            throw SparkErrors.rethrown(e, "a Spark E-step");
        } finally {
            work.destroy();
        }
    }

    /** A partition's chunks merged in chunk order, keyed by its first chunk. */
    private static <D, P, S extends SufficientStatistics<S>> Iterator<Tuple2<Integer, S>> partial(
            Work<D, P, S> work, Iterator<Block<D>> it) {
        List<Block<D>> mine = new ArrayList<>();
        it.forEachRemaining(mine::add);
        if (mine.isEmpty()) {
            return List.<Tuple2<Integer, S>>of().iterator();
        }
        mine.sort((a, b) -> Integer.compare(a.index, b.index));
        S total = null;
        for (Block<D> block : mine) {
            S s = work.expect(block);
            total = total == null ? s : total.merge(s);
        }
        return List.of(new Tuple2<>(mine.get(0).index, total)).iterator();
    }

    /** The broadcast of one E-step: the model and the parameters to score. */
    private record Work<D, P, S extends SufficientStatistics<S>>(LatentModel<D, P, S> model, P params)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        S expect(Block<D> block) {
            return model.expect(params, block.chunk());
        }
    }

    /** Unpersists the cached chunks. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            blocks.unpersist(false);
        }
    }
}
