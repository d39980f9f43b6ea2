package io.emkit.io;

import io.emkit.core.SufficientStatistics;
import io.emkit.core.Tasks;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The E-steps of a streaming pass over chunks as they are read: on the reading thread with one thread,
 * else on a pool of daemon threads with at most {@code 2 × threads} chunks read and not yet merged (so a
 * pass holds a bounded number of chunks however large the file), the statistics merged in read order (so
 * the result does not depend on the thread count). Counts the most chunks ever held. One per streaming
 * executor; not thread-safe (passes run one at a time on the caller's thread).
 */
final class ChunkPipeline implements AutoCloseable {
    private final ExecutorService pool; // null: the reading thread
    private final int window;
    private int held;
    private int maxHeld;

    ChunkPipeline(int threads) {
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "emkit-stream");
            thread.setDaemon(true);
            return thread;
        });
        this.window = threads <= 1 ? 1 : 2 * threads;
    }

    /** A new pass: add each chunk's E-step, then {@link Pass#finish}; {@link Pass#cancel} on failure. */
    <S extends SufficientStatistics<S>> Pass<S> pass() {
        return new Pass<>();
    }

    /** Marks one chunk held outside a pass's E-steps (a mini-batch handed to the caller). */
    void hold() {
        held++;
        maxHeld = Math.max(maxHeld, held);
    }

    /** Releases what {@link #hold} marked. */
    void release() {
        held--;
    }

    /** The most chunks ever held at once: read and not yet merged. */
    int maxHeld() {
        return maxHeld;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** One pass's pending E-steps and merged total. */
    final class Pass<S extends SufficientStatistics<S>> {
        private final ArrayDeque<Future<S>> pending = new ArrayDeque<>();
        private S total;

        /**
         * Merges the oldest pending E-step if the window is full: call before building the next chunk, so
         * that no more than the window's chunks exist at once.
         */
        void makeRoom() {
            if (pending.size() == window) {
                mergeNext();
            }
        }

        /** Runs or submits one chunk's E-step (after {@link #makeRoom}, which it calls again). */
        void add(Supplier<S> eStep) {
            makeRoom();
            hold();
            if (pool == null) {
                S s = eStep.get();
                release();
                total = total == null ? s : total.merge(s);
            } else {
                pending.add(pool.submit(eStep::get));
            }
        }

        /** Waits for and merges the pending E-steps; null if no chunk was added. */
        S finish() {
            while (!pending.isEmpty()) {
                mergeNext();
            }
            return total;
        }

        /** Cancels the pending E-steps (the pass failed). */
        void cancel() {
            for (Future<S> future : pending) {
                future.cancel(true);
            }
            pending.clear();
            held = 0;
        }

        private void mergeNext() {
            S s = Tasks.await(pending.removeFirst());
            release();
            total = total == null ? s : total.merge(s);
        }
    }
}
