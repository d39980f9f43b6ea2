package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The in-memory executor: chunks of a {@link Chunkable} data set, E-steps on a pool of local threads,
 * statistics merged in chunk order.
 *
 * <p>Chunk boundaries depend only on the data and {@code unitsPerChunk}, and merging follows chunk
 * order, so results are bit-identical for every thread count. At most {@code 2 × threads} chunks'
 * statistics are alive at once (later chunks are submitted as earlier ones are merged), so the memory
 * an E-step needs does not grow with the number of chunks and the model never budgets it. With one
 * thread or one chunk no pool is made and the E-step runs on the caller's thread. The calling thread's
 * interrupt is checked before every chunk.
 *
 * @param <D> the data type
 */
public final class LocalExecutor<D extends Chunkable<D>> implements Executor<D> {

    private final D data;
    private final List<D> chunks;
    private final ExecutorService pool; // null: run on the caller's thread
    private final int window;

    private LocalExecutor(D data, List<D> chunks, int threads) {
        this.data = data;
        this.chunks = chunks;
        int size = Math.min(threads, chunks.size());
        this.pool = size <= 1 ? null : Executors.newFixedThreadPool(size, new Daemons());
        this.window = 2 * Math.max(1, size);
    }

    /** Daemon threads named for the E-step; made only when a fit has chunks to share out. */
    private static final class Daemons implements ThreadFactory {
        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "emkit-estep");
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * An executor over {@code data} cut into chunks of {@code unitsPerChunk} units.
     *
     * @param data the data. Not modified; chunks are views of it.
     * @param threads threads for the E-step, {@code >= 1}
     * @param unitsPerChunk chunk size in the data's units, {@code >= 1}
     * @param <D> data type
     * @return the executor; close it when done
     * @throws IllegalArgumentException if {@code threads} or {@code unitsPerChunk} is below 1, or the
     *     data yield no chunk
     */
    public static <D extends Chunkable<D>> LocalExecutor<D> of(D data, int threads, int unitsPerChunk) {
        Objects.requireNonNull(data, "data");
        checkArgument(threads >= 1, "threads (%s) must be >= 1", threads);
        checkArgument(unitsPerChunk >= 1, "unitsPerChunk (%s) must be >= 1", unitsPerChunk);
        List<D> chunks = List.copyOf(data.chunks(unitsPerChunk));
        checkArgument(!chunks.isEmpty(), "the data yielded no chunks");
        return new LocalExecutor<>(data, chunks, threads);
    }

    /**
     * An executor with the options' thread count and chunk size.
     *
     * @param data the data. Not modified.
     * @param options supplies {@link EmOptions#threads()} and {@link EmOptions#chunkSize()}
     * @param <D> data type
     * @return the executor; close it when done
     */
    public static <D extends Chunkable<D>> LocalExecutor<D> of(D data, EmOptions options) {
        return of(data, options.threads(), options.chunkSize());
    }

    /**
     * The chunks, in merge order.
     *
     * @return an immutable list
     */
    public List<D> chunks() {
        return chunks;
    }

    @Override
    public D data() {
        return data;
    }

    @Override
    public <P, S extends SufficientStatistics<S>> S expect(LatentModel<D, P, S> model, P params) {
        if (pool == null) {
            S total = null;
            for (D chunk : chunks) {
                Tasks.checkInterrupt();
                S s = model.expect(params, chunk);
                total = total == null ? s : total.merge(s);
            }
            return total;
        }
        ArrayDeque<Future<S>> pending = new ArrayDeque<>(window);
        int next = 0;
        S total = null;
        try {
            while (next < chunks.size() || !pending.isEmpty()) {
                while (next < chunks.size() && pending.size() < window) {
                    Tasks.checkInterrupt();
                    D chunk = chunks.get(next++);
                    pending.add(pool.submit(() -> model.expect(params, chunk)));
                }
                S s = Tasks.await(pending.removeFirst());
                total = total == null ? s : total.merge(s);
            }
            return total;
        } catch (RuntimeException | Error e) {
            for (Future<S> future : pending) {
                future.cancel(true);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
