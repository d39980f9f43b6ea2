package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The one EM driver for every {@link LatentModel}.
 *
 * <p>Each run starts from {@link LatentModel#initialize} (or from given parameters), then repeats
 * an iteration: M-step on the current statistics, then a parallel E-step over the model's chunks
 * under the new parameters, merged in chunk order. The run stops when the absolute change of the
 * mean per-sample log-likelihood, {@code |L_new - L_old| / n}, falls below
 * {@link EmOptions#tolerance()} (or, with {@link ConvergenceRule#RELATIVE}, when
 * {@code |L_new - L_old| <= tolerance (1 + |L_new|)}, R mclust's rule) or after
 * {@link EmOptions#maxIterations()} iterations. Because the
 * E-step that scores an iteration's parameters is also the next iteration's E-step, a run of
 * {@code m} iterations costs {@code m + 1} E-steps and {@code m} M-steps, and the reported
 * log-likelihood is exactly that of the returned parameters.
 *
 * <p>The E-step runs through an {@link Executor}: {@link LocalExecutor} (local threads, the default)
 * or one the caller supplies (streaming, a cluster). Determinism: chunk boundaries come from the
 * data and the chunk size, and merging follows chunk order, so a fit is bit-identical for every
 * thread count. Run {@code r} of a fit with seed {@code s} draws from the
 * {@code r}-th {@link SplittableRandom#split()} of {@code new SplittableRandom(s)}.
 *
 * <p>Threads: {@link #fit(LatentModel, Chunkable, EmOptions)} makes a {@link LocalExecutor} for the
 * call and closes it before returning; an executor passed in is left open. This class holds no
 * state and is safe to use from several threads.
 */
public final class Em {

    private Em() {}

    /**
     * Fits {@code model} to {@code data} in memory with {@link EmOptions#threads()} threads:
     * {@link EmOptions#restarts()} independently initialised runs, keeping the one with the highest
     * final log-likelihood (the earliest on ties).
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified.
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the best run's parameters with its trace and warnings
     * @throws IllegalArgumentException if the model rejects the data or the data carry no positive
     *     weight
     * @throws IllegalStateException if the model produces a NaN log-likelihood (a model bug)
     * @throws java.util.concurrent.CancellationException if the calling thread is interrupted
     */
    public static <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, EmOptions options) {
        Objects.requireNonNull(options, "options");
        try (LocalExecutor<D> executor = LocalExecutor.of(Objects.requireNonNull(data, "data"), options)) {
            return fitRuns(model, executor, null, options);
        }
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
     * @throws IllegalArgumentException as for {@link #fit(LatentModel, Chunkable, EmOptions)}
     * @throws IllegalStateException as for {@link #fit(LatentModel, Chunkable, EmOptions)}
     */
    public static <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, P start, EmOptions options) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        try (LocalExecutor<D> executor = LocalExecutor.of(Objects.requireNonNull(data, "data"), options)) {
            return fitRuns(model, executor, start, options);
        }
    }

    /**
     * Fits {@code model} with E-steps run by {@code executor} (which is not closed), from the model's
     * initialisation on {@link Executor#data()}, or from {@code start} when it is not null (one run).
     * {@link EmOptions#threads()} and {@link EmOptions#chunkSize()} are the executor's business.
     *
     * @param model the model. Not modified.
     * @param executor runs the E-steps over the data it is bound to
     * @param start starting parameters, or null to initialise ({@link EmOptions#restarts()} runs)
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the best run's parameters with its trace and warnings
     * @throws IllegalArgumentException as for {@link #fit(LatentModel, Chunkable, EmOptions)}
     * @throws IllegalStateException as for {@link #fit(LatentModel, Chunkable, EmOptions)}
     */
    public static <D, P, S extends SufficientStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, Executor<D> executor, P start, EmOptions options) {
        return fitRuns(model, Objects.requireNonNull(executor, "executor"), start, options);
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
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> S expect(
            LatentModel<D, P, S> model, P params, D data, int threads) {
        try (LocalExecutor<D> executor = LocalExecutor.of(data, threads, EmOptions.DEFAULT_CHUNK_SIZE)) {
            return executor.expect(model, params);
        }
    }

    /**
     * One E-step over the whole data set with the options' thread count and chunk size: the same
     * chunks, and so the same bits, as a fit with these options.
     *
     * @param model the model
     * @param params the parameters to score
     * @param data the data
     * @param options supplies {@link EmOptions#threads()} and {@link EmOptions#chunkSize()}
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return merged statistics of all chunks
     */
    public static <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> S expect(
            LatentModel<D, P, S> model, P params, D data, EmOptions options) {
        try (LocalExecutor<D> executor = LocalExecutor.of(data, options)) {
            return executor.expect(model, params);
        }
    }

    private static <D, P, S extends SufficientStatistics<S>> EmResult<P> fitRuns(
            LatentModel<D, P, S> model, Executor<D> executor, P start, EmOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        long startNanos = System.nanoTime();
        D data = executor.data();
        model.validate(data);
        int runs = start == null ? options.restarts() : 1;
        SplittableRandom root = new SplittableRandom(options.seed());
        Run<P> best = null;
        int bestIndex = -1;
        ImmutableDoubleArray.Builder finals = ImmutableDoubleArray.builder();
        for (int r = 0; r < runs; r++) {
            SplittableRandom stream = root.split();
            P initial = start != null ? start : model.initialize(data, stream);
            Run<P> run = runOnce(model, executor, initial, options, r);
            finals.add(run.logLikelihood);
            if (best == null || run.logLikelihood > best.logLikelihood) {
                best = run;
                bestIndex = r;
            }
        }
        return new EmResult<>(best.parameters, best.logLikelihood, best.trace.length(),
                best.reason == StopReason.TOLERANCE_REACHED, best.reason, best.trace,
                best.warnings, bestIndex, finals.build(), options,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static <D, P, S extends SufficientStatistics<S>> Run<P> runOnce(
            LatentModel<D, P, S> model, Executor<D> executor, P initial, EmOptions options, int restart) {
        long runStart = System.nanoTime();
        List<FitWarning> warnings = new ArrayList<>();
        ImmutableDoubleArray.Builder trace = ImmutableDoubleArray.builder();
        boolean monotone = model.guaranteesMonotoneLikelihood();

        P params = initial;
        S stats = executor.expect(model, params);
        double weight = stats.weight();
        checkArgument(weight > 0 && weight < Double.POSITIVE_INFINITY,
                "the data's total weight (%s) must be finite and > 0", weight);
        double logLikelihood = checkedLogLikelihood(stats, model, 0);
        StopReason reason = StopReason.ITERATION_CAP;

        for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
            Context context = new Context(iteration, warnings);
            P next = model.maximize(stats, params, context);
            S nextStats = executor.expect(model, next);
            double nextLogLikelihood = checkedLogLikelihood(nextStats, model, iteration);
            double change = nextLogLikelihood == logLikelihood
                    ? 0.0 : (nextLogLikelihood - logLikelihood) / weight;
            boolean converged = options.convergenceRule().converged(logLikelihood, nextLogLikelihood, weight,
                    options.tolerance());

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
            if (converged) {
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

    private record Run<P>(P parameters, double logLikelihood, ImmutableDoubleArray trace,
            StopReason reason, List<FitWarning> warnings) {}

    private record Context(int iteration, List<FitWarning> sink) implements IterationContext {
        @Override
        public void warn(FitWarning warning) {
            sink.add(Objects.requireNonNull(warning, "warning"));
        }
    }
}
