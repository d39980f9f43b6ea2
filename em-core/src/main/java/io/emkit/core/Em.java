package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The one EM driver for every {@link LatentModel}.
 *
 * <p>Each run starts from {@link LatentModel#initialize} (or from given parameters), then repeats
 * an iteration: M-step on the current statistics, then a parallel E-step over the model's chunks
 * under the new parameters, merged in chunk order. The run stops when the absolute change of the
 * mean per-sample log-likelihood, {@code |L_new - L_old| / n}, falls below
 * {@link EmOptions#tolerance()} or after {@link EmOptions#maxIterations()} iterations. Because the
 * E-step that scores an iteration's parameters is also the next iteration's E-step, a run of
 * {@code m} iterations costs {@code m + 1} E-steps and {@code m} M-steps, and the reported
 * log-likelihood is exactly that of the returned parameters.
 *
 * <p>Determinism: chunk boundaries come from the model and merging follows chunk order, so a fit is
 * bit-identical for every thread count. Run {@code r} of a fit with seed {@code s} draws from the
 * {@code r}-th {@link SplittableRandom#split()} of {@code new SplittableRandom(s)}.
 *
 * <p>Threads: the E-step runs on a pool created for the call and shut down before it returns. This
 * class holds no state and is safe to use from several threads.
 */
public final class Em {

    private Em() {}

    /**
     * Fits {@code model} to {@code data}: {@link EmOptions#restarts()} independently initialised
     * runs, keeping the one with the highest final log-likelihood (the earliest on ties).
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified.
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the best run's parameters with its trace and warnings
     * @throws IllegalArgumentException if the model partitions the data into no chunks or the data
     *     carry no positive weight
     * @throws IllegalStateException if the model produces a NaN log-likelihood (a model bug)
     */
    public static <D, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, EmOptions options) {
        return fitRuns(model, data, null, options);
    }

    /**
     * Fits {@code model} to {@code data} from given starting parameters (a warm start). Exactly one
     * run is made; {@link EmOptions#restarts()} is ignored since every restart would start from the
     * same point.
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified.
     * @param start the starting parameters
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the run's parameters with its trace and warnings
     * @throws IllegalArgumentException as for {@link #fit(LatentModel, Object, EmOptions)}
     * @throws IllegalStateException as for {@link #fit(LatentModel, Object, EmOptions)}
     */
    public static <D, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, P start, EmOptions options) {
        return fitRuns(model, data, Objects.requireNonNull(start, "start"), options);
    }

    /**
     * One E-step over the whole data set, in parallel and merged in chunk order: the statistics and
     * total log-likelihood of {@code data} under {@code params}.
     *
     * @param model the model
     * @param params the parameters to score
     * @param data the data
     * @param threads threads to use, {@code >= 1}; the result does not depend on it
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return merged statistics of all chunks
     * @throws IllegalArgumentException if {@code threads < 1} or the partition is empty
     */
    public static <D, P, S extends SufficientStatistics<S>> S expect(
            LatentModel<D, P, S> model, P params, D data, int threads) {
        checkArgument(threads >= 1, "threads (%s) must be >= 1", threads);
        List<D> chunks = partition(model, data);
        ExecutorService pool = newPool(threads, chunks.size());
        try {
            return eStep(model, params, chunks, pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static <D, P, S extends SufficientStatistics<S>> EmResult<P> fitRuns(
            LatentModel<D, P, S> model, D data, P start, EmOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        long startNanos = System.nanoTime();
        List<D> chunks = partition(model, data);
        int runs = start == null ? options.restarts() : 1;
        ExecutorService pool = newPool(options.threads(), chunks.size());
        try {
            SplittableRandom root = new SplittableRandom(options.seed());
            Run<P> best = null;
            int bestIndex = -1;
            double[] finals = new double[runs];
            for (int r = 0; r < runs; r++) {
                SplittableRandom stream = root.split();
                P initial = start != null ? start : model.initialize(data, stream);
                Run<P> run = runOnce(model, chunks, initial, options, r, pool);
                finals[r] = run.logLikelihood;
                if (best == null || run.logLikelihood > best.logLikelihood) {
                    best = run;
                    bestIndex = r;
                }
            }
            return new EmResult<>(best.parameters, best.logLikelihood, best.trace.length(),
                    best.reason == StopReason.TOLERANCE_REACHED, best.reason, best.trace,
                    best.warnings, bestIndex, ImmutableDoubleArray.copyOf(finals), options,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static <D, P, S extends SufficientStatistics<S>> Run<P> runOnce(
            LatentModel<D, P, S> model, List<D> chunks, P initial, EmOptions options, int restart,
            ExecutorService pool) {
        long runStart = System.nanoTime();
        List<FitWarning> warnings = new ArrayList<>();
        ImmutableDoubleArray.Builder trace = ImmutableDoubleArray.builder();
        boolean monotone = model.guaranteesMonotoneLikelihood();

        P params = initial;
        S stats = eStep(model, params, chunks, pool);
        double weight = stats.weight();
        checkArgument(weight > 0 && weight < Double.POSITIVE_INFINITY,
                "the data's total weight (%s) must be finite and > 0", weight);
        double logLikelihood = checkedLogLikelihood(stats, model, 0);
        StopReason reason = StopReason.ITERATION_CAP;

        for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
            Context context = new Context(iteration, warnings);
            P next = model.maximize(stats, params, context);
            S nextStats = eStep(model, next, chunks, pool);
            double nextLogLikelihood = checkedLogLikelihood(nextStats, model, iteration);
            double change = nextLogLikelihood == logLikelihood
                    ? 0.0 : (nextLogLikelihood - logLikelihood) / weight;

            boolean decreased = monotone
                    && nextLogLikelihood < logLikelihood - options.decreaseTolerance() * Math.abs(logLikelihood);
            if (decreased) {
                warnings.add(new FitWarning.LikelihoodDecreased(iteration, logLikelihood, nextLogLikelihood));
                if (options.stopOnDecrease()) {
                    reason = StopReason.LIKELIHOOD_DECREASED;
                    break;
                }
            }
            trace.add(logLikelihood);
            params = next;
            stats = nextStats;
            logLikelihood = nextLogLikelihood;
            IterationEvent event = new IterationEvent(restart, iteration, logLikelihood, change,
                    Duration.ofNanos(System.nanoTime() - runStart));
            for (IterationListener listener : options.listeners()) {
                listener.onIteration(event);
            }
            if (Math.abs(change) < options.tolerance()) {
                reason = StopReason.TOLERANCE_REACHED;
                break;
            }
        }
        return new Run<>(params, logLikelihood, trace.build(), reason, warnings);
    }

    private static double checkedLogLikelihood(SufficientStatistics<?> stats, LatentModel<?, ?, ?> model,
            int iteration) {
        double value = stats.logLikelihood();
        if (Double.isNaN(value)) {
            throw new IllegalStateException("the E-step of " + model.getClass().getName()
                    + " returned a NaN log-likelihood after iteration " + iteration);
        }
        return value;
    }

    private static <D> List<D> partition(LatentModel<D, ?, ?> model, D data) {
        List<D> chunks = List.copyOf(model.partition(data));
        checkArgument(!chunks.isEmpty(), "the model partitioned the data into no chunks");
        return chunks;
    }

    /** Runs the E-step on every chunk and merges the statistics in chunk order. */
    private static <D, P, S extends SufficientStatistics<S>> S eStep(
            LatentModel<D, P, S> model, P params, List<D> chunks, ExecutorService pool) {
        if (pool == null) {
            S total = model.expect(params, chunks.get(0));
            for (int c = 1; c < chunks.size(); c++) {
                total = total.merge(model.expect(params, chunks.get(c)));
            }
            return total;
        }
        List<Future<S>> pending = new ArrayList<>(chunks.size());
        for (D chunk : chunks) {
            pending.add(pool.submit(() -> model.expect(params, chunk)));
        }
        try {
            S total = await(pending.get(0));
            pending.set(0, null);
            for (int c = 1; c < pending.size(); c++) {
                total = total.merge(await(pending.get(c)));
                pending.set(c, null);
            }
            return total;
        } catch (RuntimeException | Error e) {
            for (Future<S> future : pending) {
                if (future != null) {
                    future.cancel(true);
                }
            }
            throw e;
        }
    }

    private static <S> S await(Future<S> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an E-step", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("an E-step failed", cause);
        }
    }

    /** A pool for the call, or null when one thread (or one chunk) makes threads pointless. */
    private static ExecutorService newPool(int threads, int chunkCount) {
        int size = Math.min(threads, chunkCount);
        if (size <= 1) {
            return null;
        }
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "emkit-estep");
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(size, daemons);
    }

    private record Run<P>(P parameters, double logLikelihood, ImmutableDoubleArray trace,
            StopReason reason, List<FitWarning> warnings) {}

    private record Context(int iteration, List<FitWarning> sink) implements IterationContext {
        @Override
        public void warn(FitWarning warning) {
            sink.add(Objects.requireNonNull(warning, "warning"));
        }
    }
}
