package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Model selection's one loop, for every model (mixtures by k and covariance model, HMMs by states):
 * fit a list of candidates, report each row in the list's order, and pick the row with the lowest
 * criterion ({@link Criteria}: lower is better). The models' selection classes only say what a
 * candidate is and what its row holds.
 *
 * <p>Candidates are independent fits, and every fit is bit-identical at any thread count, so they may
 * run in parallel without changing the table: {@link #workers} says when that pays.
 */
public final class Selection {

    private Selection() {}

    private static final ThreadFactory CANDIDATE_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "emkit-select");
        thread.setDaemon(true);
        return thread;
    };

    /**
     * How many candidates to fit at once. More than one only when each fit's data is fewer chunks than
     * the options' threads (so one fit cannot use them all, as on small data), the fits may run
     * concurrently, and no listener is set (listeners observe one fit at a time).
     *
     * @param chunks chunks of one fit's data, {@code >= 1}
     * @param options the fits' options (threads, listeners)
     * @param concurrentFits whether the fitting code may be called from several threads at once
     * @param candidates candidates in the table, {@code >= 0}
     * @return threads for whole candidates, {@code >= 1}; the candidates' own fits then use one
     *     thread each ({@link #perCandidate})
     * @throws IllegalArgumentException if {@code chunks < 1} or {@code candidates < 0}
     */
    public static int workers(long chunks, EmOptions options, boolean concurrentFits, int candidates) {
        Objects.requireNonNull(options, "options");
        checkArgument(chunks >= 1, "chunks (%s) must be >= 1", chunks);
        checkArgument(candidates >= 0, "candidates (%s) must be >= 0", candidates);
        if (!concurrentFits || !options.listeners().isEmpty() || chunks >= options.threads()) {
            return 1;
        }
        return Math.max(1, Math.min(options.threads(), candidates));
    }

    /**
     * The options each candidate's fit uses when {@code workers} candidates run at once: one thread
     * each when they run in parallel, else the options unchanged.
     *
     * @param options the table's options
     * @param workers as returned by {@link #workers}
     * @return the options for one candidate
     */
    public static EmOptions perCandidate(EmOptions options, int workers) {
        return workers > 1 ? options.toBuilder().threads(1).build() : options;
    }

    /**
     * Fits every candidate, {@code workers} at a time, and returns their rows in the candidates'
     * order; each row is passed to {@code progress} (on the caller's thread) once it and every row
     * before it are done. {@code fit} turns a candidate that cannot be fitted into a failed row
     * itself; anything it throws stops the table (the other fits are cancelled) and is rethrown, and
     * an interrupt stops it with a {@link java.util.concurrent.CancellationException}.
     *
     * @param candidates what to fit, in table order. Not modified.
     * @param fit fits one candidate into its row
     * @param workers candidates at once, {@code >= 1} (see {@link #workers})
     * @param progress sees each row in table order
     * @param <K> candidate type
     * @param <R> row type
     * @return one row per candidate, in order
     * @throws IllegalArgumentException if {@code workers < 1}
     */
    public static <K, R> List<R> fitAll(List<K> candidates, Function<? super K, ? extends R> fit, int workers,
            Consumer<? super R> progress) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(fit, "fit");
        Objects.requireNonNull(progress, "progress");
        checkArgument(workers >= 1, "workers (%s) must be >= 1", workers);
        List<R> rows = new ArrayList<>(candidates.size());
        if (workers == 1) {
            for (K candidate : candidates) {
                Tasks.checkInterrupt();
                R row = fit.apply(candidate);
                rows.add(row);
                progress.accept(row);
            }
            return rows;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, CANDIDATE_THREADS);
        try {
            List<Future<R>> pending = new ArrayList<>(candidates.size());
            for (K candidate : candidates) {
                pending.add(pool.submit(() -> fit.apply(candidate)));
            }
            for (Future<R> future : pending) {
                R row = Tasks.await(future);
                rows.add(row);
                progress.accept(row);
            }
            return rows;
        } finally {
            pool.shutdownNow(); // on failure or interrupt: cancels the fits still running
        }
    }

    /**
     * The usable row with the lowest criterion; the first such row on ties (so the table's order
     * decides, as in a sequential search).
     *
     * @param rows the table
     * @param usable which rows may be chosen (for example, not failed)
     * @param criterion the value to minimise
     * @param <R> row type
     * @return the best row, or empty if no row is usable
     */
    public static <R> Optional<R> best(List<R> rows, Predicate<? super R> usable, ToDoubleFunction<? super R> criterion) {
        R best = null;
        for (R row : rows) {
            if (usable.test(row) && (best == null || criterion.applyAsDouble(row) < criterion.applyAsDouble(best))) {
                best = row;
            }
        }
        return Optional.ofNullable(best);
    }
}
