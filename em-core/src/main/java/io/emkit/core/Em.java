package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The one EM driver for every {@link LatentModel}.
 *
 * <p>Each run starts from {@link LatentModel#initialize} (or from given parameters), then repeats
 * an iteration: M-step on the current statistics, then a parallel E-step over the model's chunks
 * under the new parameters, merged in chunk order. The run stops when the
 * {@link EmOptions#convergenceRule()} is met (by default the absolute change of the mean per-sample
 * log-likelihood, {@code |L_new - L_old| / n}, falls below {@link EmOptions#tolerance()}; see
 * {@link ConvergenceRule}) or after {@link EmOptions#maxIterations()} iterations. Because the
 * E-step that scores an iteration's parameters is also the next iteration's E-step, a run of
 * {@code m} iterations costs {@code m + 1} E-steps and {@code m} M-steps, and the reported
 * log-likelihood is exactly that of the returned parameters. With
 * {@link EmOptions#acceleration()} {@link Acceleration#SQUAREM} and a model that offers a
 * {@link LatentModel#parameterVector()}, an iteration is a SQUAREM cycle instead (see
 * {@link Acceleration}); {@link EmResult#eSteps()} counts the E-steps either way.
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
     * Starts {@link #fit(LatentModel, Chunkable, EmOptions)} on a new daemon thread ({@code "emkit-fit"})
     * and returns at once. {@link Future#cancel(boolean) cancel(true)} interrupts that thread: the fit
     * stops before its next chunk's E-step (so within one E-step even for a single chunk), its E-step
     * threads are shut down, and the fit thread ends. {@link Future#get()} returns the result or throws
     * {@link java.util.concurrent.ExecutionException} with the fit's exception as its cause (an
     * {@link IllegalArgumentException} for rejected data, as {@code fit} throws it).
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified; do not modify it while the fit runs.
     * @param options how to run
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the running fit
     * @throws NullPointerException if an argument is null
     */
    public static <D extends Chunkable<D>, P, S extends SufficientStatistics<S>> Future<EmResult<P>> fitAsync(
            LatentModel<D, P, S> model, D data, EmOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        FutureTask<EmResult<P>> task = new FutureTask<>(() -> fit(model, data, options));
        Thread thread = new Thread(task, "emkit-fit");
        thread.setDaemon(true);
        thread.start();
        return task;
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
        return new EmResult<>(best.parameters, best.logLikelihood, best.trace.length(), best.eSteps,
                best.reason == StopReason.TOLERANCE_REACHED, best.reason, best.trace,
                best.warnings, bestIndex, finals.build(), options,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static <D, P, S extends SufficientStatistics<S>> Run<P> runOnce(
            LatentModel<D, P, S> model, Executor<D> executor, P initial, EmOptions options, int restart) {
        Loop<D, P, S> loop = new Loop<>(model, executor, options, restart);
        loop.start(initial);
        ParameterVector<P> vector = options.acceleration() == Acceleration.SQUAREM
                ? model.parameterVector().orElse(null) : null;
        if (vector == null) {
            loop.plain();
        } else {
            loop.squarem(vector);
        }
        return loop.finish();
    }

    /** One run's state: the current point with its statistics, the trace, the counters. */
    private static final class Loop<D, P, S extends SufficientStatistics<S>> {
        private static final double STEP_MIN = 1;   // SQUAREM's step.min0 (the paper's alpha <= -1)
        private static final double STEP_MAX0 = 1;  // step.max0
        private static final double MSTEP = 4;      // mstep

        private final LatentModel<D, P, S> model;
        private final Executor<D> executor;
        private final EmOptions options;
        private final int restart;
        private final long runStart = System.nanoTime();
        private final List<FitWarning> warnings = new ArrayList<>();
        private final ImmutableDoubleArray.Builder trace = ImmutableDoubleArray.builder();
        private final boolean monotone;
        private P params;
        private S stats;
        private double logLikelihood;
        private double weight;
        private long eSteps;
        private int iterations;
        private double lastChange;
        private StopReason reason = StopReason.ITERATION_CAP;
        private double[][] cycleVectors; // the three EM points the current SQUAREM cycle extrapolates along
        /** The best point so far (the start or an iterate) and the iteration that reached it. */
        private P bestParams;
        private double bestLogLikelihood = Double.NEGATIVE_INFINITY;
        private int bestIteration;
        /** The first iteration whose repair lowered the likelihood, or 0. */
        private int repairDrop;

        Loop(LatentModel<D, P, S> model, Executor<D> executor, EmOptions options, int restart) {
            this.model = model;
            this.executor = executor;
            this.options = options;
            this.restart = restart;
            this.monotone = model.guaranteesMonotoneLikelihood();
        }

        void start(P initial) {
            params = initial;
            stats = expect(initial);
            weight = stats.weight();
            checkArgument(weight > 0 && weight < Double.POSITIVE_INFINITY,
                    "the data's total weight (%s) must be finite and > 0", weight);
            logLikelihood = checkedLogLikelihood(stats, model, 0);
            bestParams = initial;
            bestLogLikelihood = logLikelihood;
        }

        private S expect(P point) {
            eSteps++;
            return executor.expect(model, point);
        }

        private double change(double before, double after) {
            return after == before ? 0.0 : (after - before) / weight;
        }

        private boolean converged(double before, double after) {
            lastChange = change(before, after);
            return options.convergenceRule().converged(before, after, weight, options.tolerance());
        }

        /**
         * Whether an EM step from {@code before} to {@code after} lowered the likelihood beyond round-off
         * and the run must stop. A drop in an iteration whose M-step repaired something (re-seeded a
         * component, regularised a covariance: warnings from index {@code repairsFrom} on) is the
         * repair's, not a bug: it is reported as a not-monotone step and the run goes on; the run then
         * returns its best point ({@link #finish}).
         */
        private boolean decreased(double before, double after, int iteration, int repairsFrom) {
            if (!(after < before - options.decreaseTolerance() * Math.abs(before))) {
                return false;
            }
            String repair = repairIn(repairsFrom);
            if (repair != null) {
                warnings.add(new FitWarning.ModelWarning(iteration, "not a monotone EM step: the repair ("
                        + repair + ") lowered the log-likelihood from " + before + " to " + after));
                if (repairDrop == 0) {
                    repairDrop = iteration;
                }
                return false;
            }
            if (monotone) {
                warnings.add(new FitWarning.LikelihoodDecreased(iteration, before, after));
                return options.stopOnDecrease();
            }
            return false;
        }

        /** What the warnings from index {@code from} on repaired, or null if none is a repair. */
        private String repairIn(int from) {
            for (int i = from; i < warnings.size(); i++) {
                FitWarning w = warnings.get(i);
                if (w instanceof FitWarning.ComponentReseeded r) {
                    return "component " + r.component() + " re-seeded";
                }
                if (w instanceof FitWarning.CovarianceRegularised c) {
                    return "covariance " + c.component() + " regularised";
                }
            }
            return null;
        }

        /** Ends an iteration at {@code next}: trace, state, listeners. */
        private void advance(int iteration, P next, S nextStats, double nextLogLikelihood) {
            double change = change(logLikelihood, nextLogLikelihood);
            trace.add(logLikelihood);
            iterations = iteration;
            params = next;
            stats = nextStats;
            logLikelihood = nextLogLikelihood;
            if (nextLogLikelihood > bestLogLikelihood) {
                bestParams = next;
                bestLogLikelihood = nextLogLikelihood;
                bestIteration = iteration;
            }
            IterationEvent event = new IterationEvent(restart, iteration, logLikelihood, change,
                    Duration.ofNanos(System.nanoTime() - runStart), eSteps);
            for (IterationListener listener : options.listeners()) {
                listener.onIteration(event);
            }
        }

        void plain() {
            for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
                Context context = new Context(iteration, warnings);
                int repairsFrom = warnings.size();
                P next = model.maximize(stats, params, context);
                S nextStats = expect(next);
                double nextLogLikelihood = checkedLogLikelihood(nextStats, model, iteration);
                if (decreased(logLikelihood, nextLogLikelihood, iteration, repairsFrom)) {
                    reason = StopReason.LIKELIHOOD_DECREASED;
                    return;
                }
                boolean done = converged(logLikelihood, nextLogLikelihood);
                advance(iteration, next, nextStats, nextLogLikelihood);
                if (done) {
                    reason = StopReason.TOLERANCE_REACHED;
                    return;
                }
            }
        }

        void squarem(ParameterVector<P> vector) {
            double stepMax = STEP_MAX0;
            for (int iteration = 1; iteration <= options.maxIterations(); iteration++) {
                Context context = new Context(iteration, warnings);
                // two plain EM steps, each tested for convergence like plain EM
                int repairsFrom = warnings.size();
                P p1 = model.maximize(stats, params, context);
                S s1 = expect(p1);
                double l1 = checkedLogLikelihood(s1, model, iteration);
                if (decreased(logLikelihood, l1, iteration, repairsFrom)) {
                    reason = StopReason.LIKELIHOOD_DECREASED;
                    return;
                }
                if (converged(logLikelihood, l1)) {
                    advance(iteration, p1, s1, l1);
                    reason = StopReason.TOLERANCE_REACHED;
                    return;
                }
                repairsFrom = warnings.size();
                P p2 = model.maximize(s1, p1, context);
                S s2 = expect(p2);
                double l2 = checkedLogLikelihood(s2, model, iteration);
                if (decreased(l1, l2, iteration, repairsFrom)) {
                    advance(iteration, p1, s1, l1);
                    reason = StopReason.LIKELIHOOD_DECREASED;
                    return;
                }
                if (converged(l1, l2)) {
                    advance(iteration, p2, s2, l2);
                    reason = StopReason.TOLERANCE_REACHED;
                    return;
                }
                // a third EM step from x2 costs only an M-step (x2's E-step was needed for its
                // log-likelihood anyway), so the extrapolation starts from x1 along x1, x2, x3
                List<FitWarning> p3Warnings = new ArrayList<>();
                P p3 = model.maximize(s2, p2, new Context(iteration, warnings, p3Warnings));
                double alpha = stepLength(vector, p1, p2, p3, stepMax);
                Extrapolated<P, S> accepted = null;
                if (!Double.isNaN(alpha) && Math.abs(alpha - 1) > 0.01) {
                    accepted = extrapolate(vector, alpha, l2, iteration);
                    if (accepted == null) {
                        if (alpha == stepMax) {
                            stepMax = Math.max(STEP_MAX0, stepMax / MSTEP);
                        }
                        alpha = 1;
                    }
                }
                if (alpha == stepMax) {
                    stepMax = MSTEP * stepMax;
                }
                if (accepted == null) {
                    advance(iteration, p2, s2, l2);
                    continue;
                }
                warnings.addAll(p3Warnings);
                warnings.addAll(accepted.warnings);
                boolean done = converged(accepted.before, accepted.logLikelihood);
                advance(iteration, accepted.params, accepted.stats, accepted.logLikelihood);
                if (done) {
                    reason = StopReason.TOLERANCE_REACHED;
                    return;
                }
            }
        }

        /**
         * SqS3's clamped step length along three successive EM points {@code a → b → c}, written in the
         * coordinates of the cycle's start; NaN when they share no coordinates.
         */
        private double stepLength(ParameterVector<P> vector, P a, P b, P c, double stepMax) {
            double[] x0 = vector.toVector(a, params);
            double[] x1 = vector.toVector(b, params);
            double[] x2 = vector.toVector(c, params);
            if (x0 == null || x1 == null || x2 == null || x1.length != x0.length || x2.length != x0.length) {
                return Double.NaN;
            }
            double sr2 = 0;
            double sv2 = 0;
            for (int i = 0; i < x0.length; i++) {
                double r = x1[i] - x0[i];
                double v = x2[i] - 2 * x1[i] + x0[i];
                sr2 += r * r;
                sv2 += v * v;
            }
            if (!(sr2 > 0 && sv2 > 0 && sr2 < Double.POSITIVE_INFINITY && sv2 < Double.POSITIVE_INFINITY)) {
                return Double.NaN;
            }
            cycleVectors = new double[][] {x0, x1, x2};
            return Math.max(STEP_MIN, Math.min(stepMax, Math.sqrt(sr2 / sv2)));
        }

        /**
         * The stabilised extrapolated point along the {@code cycleVectors} if it is valid and beats
         * {@code floor}, else null.
         */
        private Extrapolated<P, S> extrapolate(ParameterVector<P> vector, double alpha, double floor, int iteration) {
            double[] x0 = cycleVectors[0];
            double[] x1 = cycleVectors[1];
            double[] x2 = cycleVectors[2];
            double[] x = new double[x0.length];
            for (int i = 0; i < x.length; i++) {
                double r = x1[i] - x0[i];
                double v = x2[i] - 2 * x1[i] + x0[i];
                x[i] = x0[i] + 2 * alpha * r + alpha * alpha * v;
                if (!Double.isFinite(x[i])) {
                    return null;
                }
            }
            P jumped;
            try {
                jumped = vector.fromVector(x, params);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (jumped == null) {
                return null;
            }
            S jumpedStats = expect(jumped);
            double jumpedLogLikelihood = jumpedStats.logLikelihood();
            if (!(jumpedLogLikelihood > Double.NEGATIVE_INFINITY)) { // NaN or -inf: not a usable point
                return null;
            }
            List<FitWarning> sink = new ArrayList<>();
            P stabilised = model.maximize(jumpedStats, jumped, new Context(iteration, warnings, sink));
            S stabilisedStats = expect(stabilised);
            double stabilisedLogLikelihood = stabilisedStats.logLikelihood();
            if (!(stabilisedLogLikelihood >= floor)) { // the monotone safeguard (NaN fails it too)
                return null;
            }
            return new Extrapolated<>(stabilised, stabilisedStats, stabilisedLogLikelihood, jumpedLogLikelihood,
                    sink);
        }

        Run<P> finish() {
            if (reason == StopReason.ITERATION_CAP && options.tolerance() > 0) {
                warnings.add(new FitWarning.IterationCapReached(options.maxIterations(), options.tolerance(),
                        options.convergenceRule(), lastChange));
            }
            if (repairDrop > 0 && bestLogLikelihood > logLikelihood) {
                warnings.add(new FitWarning.ModelWarning(Math.max(1, iterations), "returned the parameters of "
                        + (bestIteration == 0 ? "the start" : "iteration " + bestIteration) + " (log-likelihood "
                        + bestLogLikelihood + "), the best of the run, not the last (" + logLikelihood
                        + "): a repair at iteration " + repairDrop + " lowered the likelihood"));
                return new Run<>(bestParams, bestLogLikelihood, trace.build(), eSteps, reason, warnings);
            }
            return new Run<>(params, logLikelihood, trace.build(), eSteps, reason, warnings);
        }
    }

    private record Extrapolated<P, S>(P params, S stats, double logLikelihood, double before,
            List<FitWarning> warnings) {}

    private static double checkedLogLikelihood(SufficientStatistics<?> stats, LatentModel<?, ?, ?> model,
            int iteration) {
        double value = stats.logLikelihood();
        if (Double.isNaN(value)) {
            throw new IllegalStateException("the E-step of " + model.getClass().getName()
                    + " returned a NaN log-likelihood after iteration " + iteration);
        }
        return value;
    }

    private record Run<P>(P parameters, double logLikelihood, ImmutableDoubleArray trace, long eSteps,
            StopReason reason, List<FitWarning> warnings) {}

    /**
     * An M-step's context: its warnings go to {@code sink}; the warnings before them are the run's
     * {@code history} and then the sink's. The M-steps a SQUAREM cycle may discard (the third EM
     * step, the stabilising step) write to a sink of their own, kept only if the cycle accepts their
     * point, yet see the run's history like every other M-step: a mixture counts a component's
     * earlier re-seeds there to decide whether to drop it, and must decide the same on every path.
     */
    private record Context(int iteration, List<FitWarning> history, List<FitWarning> sink)
            implements IterationContext {
        Context(int iteration, List<FitWarning> warnings) {
            this(iteration, List.of(), warnings);
        }

        @Override
        public void warn(FitWarning warning) {
            sink.add(Objects.requireNonNull(warning, "warning"));
        }

        @Override
        public List<FitWarning> earlierWarnings() {
            if (history.isEmpty()) {
                return java.util.Collections.unmodifiableList(sink);
            }
            List<FitWarning> all = new ArrayList<>(history.size() + sink.size());
            all.addAll(history);
            all.addAll(sink);
            return java.util.Collections.unmodifiableList(all);
        }
    }
}
