package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Online (stepwise) EM (Cappé and Moulines 2009; Liang and Klein 2009) for any model whose
 * statistics {@linkplain ScalableStatistics scale}: after each mini-batch the running statistics
 * become {@code s ← (1 - η_t) s + η_t ŝ_t} and the M-step runs on them, so the parameters move many
 * times per pass over the data instead of once.
 *
 * <h2>The algorithm</h2>
 * <ol>
 *   <li><b>Start</b>: the given parameters, or the model's {@link LatentModel#initialize} on
 *       {@link Executor#data()} with the random stream {@link Em} gives run 0 (the first
 *       {@link SplittableRandom#split()} of {@code new SplittableRandom(seed)}), so that a batch fit
 *       and an online fit with the same seed start from the same parameters.
 *   <li><b>Burn-in</b>: one plain batch EM iteration: a full E-step through the executor gives
 *       {@code s} (of total weight W, the data's) and the starting log-likelihood; one M-step.
 *   <li><b>Passes</b>: for each of {@link Settings#passes()} passes, for each mini-batch
 *       ({@link MiniBatches}; shuffled per pass when {@link Settings#shuffle()}): the E-step on the
 *       batch under the current parameters gives {@code ŝ}, rescaled to the data's weight
 *       ({@code ŝ · W / w(batch)}), then {@code s ← (1 - η_t) s + η_t ŝ} with
 *       {@code η_t = (t + t0)^(-κ)} (t = 0, 1, ... counts batches over all passes), then the M-step
 *       on a copy of s. Keeping s at the data's scale means pseudo-counts and priors weigh as in
 *       batch EM.
 *   <li><b>Score</b>: one full E-step under the final parameters, so that
 *       {@link EmResult#logLikelihood()} is exact, as for {@link Em}.
 * </ol>
 *
 * <p><b>Convergence per pass.</b> Each pass reports (through {@link EmOptions#listeners()}) the
 * online estimate of the total log-likelihood: the sum of the batches' log-likelihoods, each under
 * the parameters in force when it was read, rescaled to W (free to compute, slightly behind the
 * parameters at the end of the pass). The run stops early when the mean per-sample estimate changes
 * by less than {@link EmOptions#tolerance()} between two passes. Result: iteration 1 is the burn-in,
 * iteration {@code 1 + p} pass p; {@link EmResult#trace()} holds the exact log-likelihood at the
 * start, then the per-pass estimates; {@link StopReason#ITERATION_CAP} means every pass ran.
 *
 * <p><b>Cost.</b> {@code passes + 2} E-steps over the data and one M-step per mini-batch. The E-step
 * of a mini-batch is cut into chunks of {@link EmOptions#chunkSize()} units run on
 * {@link EmOptions#threads()} threads and merged in order, so the result does not depend on the
 * thread count (a batch no larger than a chunk runs on the calling thread); burn-in and score run through the executor. Runs are
 * reproducible from the seed. {@link EmOptions#restarts()} is ignored (one run).
 *
 * <p>This class holds no state and is safe to use from several threads.
 */
public final class OnlineEm {

    /** At most this many warnings are kept (an M-step per mini-batch can warn often). */
    public static final int MAX_WARNINGS = 1000;

    private OnlineEm() {}

    /**
     * How online EM steps.
     *
     * @param kappa the step-size exponent κ in {@code (0.5, 1]}; Default {@value #DEFAULT_KAPPA}
     * @param t0 the step-size offset {@code t0 >= 1} (larger is more cautious early on); default
     *     {@value #DEFAULT_T0}
     * @param batchSize mini-batch size in the data's units (rows; for sequences, steps of whole
     *     sequences), {@code >= 1}; default {@value #DEFAULT_BATCH_SIZE}
     * @param passes passes over the data after the burn-in, {@code >= 1}; default
     *     {@value #DEFAULT_PASSES}
     * @param shuffle whether an in-memory source visits its batches in a random order on every pass
     *     (a file is always read front to back); default true
     */
    public record Settings(double kappa, double t0, int batchSize, int passes, boolean shuffle) {

        /** Default κ. */
        public static final double DEFAULT_KAPPA = 0.6;
        /** Default t0. */
        public static final double DEFAULT_T0 = 2.0;
        /** Default mini-batch size. */
        public static final int DEFAULT_BATCH_SIZE = 10_000;
        /** Default number of passes. */
        public static final int DEFAULT_PASSES = 2;

        /**
         * Validates the settings.
         *
         * @param kappa κ in {@code (0.5, 1]}
         * @param t0 offset, finite and {@code >= 1}
         * @param batchSize units per batch, {@code >= 1}
         * @param passes passes, {@code >= 1}
         * @param shuffle whether in-memory batches are shuffled per pass
         * @throws IllegalArgumentException naming the setting and its value when out of range
         */
        public Settings {
            checkArgument(kappa > 0.5 && kappa <= 1, "kappa (%s) must be in (0.5, 1]", kappa);
            checkArgument(t0 >= 1 && t0 < Double.POSITIVE_INFINITY, "t0 (%s) must be finite and >= 1", t0);
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            checkArgument(passes >= 1, "passes (%s) must be >= 1", passes);
        }

        /**
         * The defaults.
         *
         * @return κ = 0.6, t0 = 2, batches of 10 000, 2 passes, shuffled
         */
        public static Settings defaults() {
            return new Settings(DEFAULT_KAPPA, DEFAULT_T0, DEFAULT_BATCH_SIZE, DEFAULT_PASSES, true);
        }

        /**
         * These settings with another batch size.
         *
         * @param value units per batch, {@code >= 1}
         * @return new settings
         */
        public Settings withBatchSize(int value) {
            return new Settings(kappa, t0, value, passes, shuffle);
        }

        /**
         * These settings with another number of passes.
         *
         * @param value passes, {@code >= 1}
         * @return new settings
         */
        public Settings withPasses(int value) {
            return new Settings(kappa, t0, batchSize, value, shuffle);
        }

        /**
         * The step size of update t.
         *
         * @param t 0-based update count
         * @return {@code (t + t0)^(-κ)}, in (0, 1]
         */
        public double stepSize(long t) {
            return Math.pow(t + t0, -kappa);
        }
    }

    /**
     * Online EM on data in memory. Batches of a {@link Dataset} are rows drawn in a fresh random
     * order each pass ({@link MiniBatches#shuffledRows}, when {@link Settings#shuffle()}); of other
     * data, the data's chunks of the batch size ({@link MiniBatches#of}) in a shuffled order. Online EM
     * assumes batches that resemble the whole: keep shuffling on for data stored sorted.
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified.
     * @param start starting parameters, or null to initialise on the data
     * @param settings step sizes, batch size, passes
     * @param options seed, threads, chunk size (of the burn-in and the score), tolerance, listeners
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the fit; {@link EmResult#logLikelihood()} is exact for the returned parameters
     * @throws IllegalArgumentException if the model rejects the data or the data carry no weight
     * @throws IllegalStateException if an E-step yields a NaN log-likelihood
     * @throws CancellationException if the calling thread is interrupted
     */
    public static <D extends Chunkable<D>, P, S extends ScalableStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, D data, P start, Settings settings, EmOptions options) {
        Objects.requireNonNull(data, "data");
        try (LocalExecutor<D> executor = LocalExecutor.of(data, options)) {
            MiniBatches<D> batches = data instanceof Dataset rows
                    ? castBatches(MiniBatches.shuffledRows(rows)) : MiniBatches.of(data);
            return fit(model, executor, batches, start, settings, options);
        }
    }

    /**
     * Online EM with full passes (burn-in, score) run by {@code executor} and mini-batches from
     * {@code batches} (for a file, the streaming executor is both).
     *
     * @param model the model. Not modified.
     * @param executor runs the burn-in and the final scoring E-steps; its {@link Executor#data()}
     *     is what initialisation sees. Not closed.
     * @param batches the mini-batches of the same data
     * @param start starting parameters, or null to initialise
     * @param settings step sizes, batch size, passes
     * @param options seed, threads, tolerance, listeners
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the fit
     * @throws IllegalArgumentException if the model rejects the data or the data carry no weight
     * @throws IllegalStateException if an E-step yields a NaN log-likelihood
     * @throws CancellationException if the calling thread is interrupted
     */
    public static <D extends Chunkable<D>, P, S extends ScalableStatistics<S>> EmResult<P> fit(
            LatentModel<D, P, S> model, Executor<D> executor, MiniBatches<D> batches, P start, Settings settings,
            EmOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(options, "options");
        long startNanos = System.nanoTime();
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom initStream = root.split();
        SplittableRandom orderStream = root.split();
        D data = executor.data();
        model.validate(data);
        P params = start != null ? start : model.initialize(data, initStream);
        List<FitWarning> warnings = new ArrayList<>();
        ImmutableDoubleArray.Builder trace = ImmutableDoubleArray.builder();

        S s = executor.expect(model, params);
        double total = s.weight();
        checkArgument(total > 0 && total < Double.POSITIVE_INFINITY,
                "the data's total weight (%s) must be finite and > 0", total);
        double previousMean = checked(s.logLikelihood(), model, 0) / total;
        trace.add(s.logLikelihood());
        params = model.maximize(s.copy(), params, new Context(1, warnings));
        int iterations = 1;

        ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), runnable -> {
            Thread thread = new Thread(runnable, "emkit-online");
            thread.setDaemon(true);
            return thread;
        }) : null;
        StopReason reason = StopReason.ITERATION_CAP;
        try {
            Step<D, P, S> step = new Step<>(model, settings, pool, options.chunkSize(), total, s, params, warnings);
            for (int pass = 1; pass <= settings.passes(); pass++) {
                step.passLogLikelihood = 0;
                step.passWeight = 0;
                step.iteration = iterations + 1;
                batches.forEachBatch(settings.batchSize(), settings.shuffle() ? orderStream : null, step::accept);
                iterations++;
                double mean = step.passLogLikelihood / step.passWeight;
                trace.add(mean * total);
                double change = mean - previousMean;
                previousMean = mean;
                fire(options, iterations, mean * total, change, startNanos);
                if (pass > 1 && Math.abs(change) < options.tolerance()) {
                    reason = StopReason.TOLERANCE_REACHED;
                    break;
                }
            }
            params = step.params;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        // the trace ends with the last pass's estimate; the result reports the exact score
        double logLikelihood = checked(executor.expect(model, params).logLikelihood(), model, iterations);
        return new EmResult<>(params, logLikelihood, iterations, reason == StopReason.TOLERANCE_REACHED, reason,
                trace.build(), warnings, 0, ImmutableDoubleArray.of(logLikelihood), options,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    @SuppressWarnings("unchecked")
    private static <D> MiniBatches<D> castBatches(MiniBatches<Dataset> batches) {
        return (MiniBatches<D>) batches; // only called when D is Dataset
    }

    private static void fire(EmOptions options, int iteration, double logLikelihood, double change, long start) {
        IterationEvent event = new IterationEvent(0, iteration, logLikelihood, change,
                Duration.ofNanos(System.nanoTime() - start));
        for (IterationListener listener : options.listeners()) {
            listener.onIteration(event);
        }
    }

    /** The per-batch update, as a consumer of batches. */
    private static final class Step<D extends Chunkable<D>, P, S extends ScalableStatistics<S>> {
        final LatentModel<D, P, S> model;
        final Settings settings;
        final ExecutorService pool;
        final int chunkSize;
        final double total;
        final List<FitWarning> warnings;
        S s;
        P params;
        long t;
        int iteration;
        double passLogLikelihood;
        double passWeight;

        Step(LatentModel<D, P, S> model, Settings settings, ExecutorService pool, int chunkSize, double total, S s,
                P params, List<FitWarning> warnings) {
            this.model = model;
            this.settings = settings;
            this.pool = pool;
            this.chunkSize = chunkSize;
            this.total = total;
            this.s = s;
            this.params = params;
            this.warnings = warnings;
        }

        void accept(D batch) {
            Tasks.checkInterrupt();
            S b = expect(batch);
            double w = b.weight();
            if (!(w > 0)) {
                return; // a batch of zero weight carries no information
            }
            passLogLikelihood += checked(b.logLikelihood(), model, iteration);
            passWeight += w;
            double eta = settings.stepSize(t++);
            b.scale(eta * total / w);
            s.scale(1 - eta);
            s = s.merge(b);
            params = model.maximize(s.copy(), params, new Context(iteration, warnings));
        }

        private S expect(D batch) {
            if (batch.units() <= chunkSize) {
                return model.expect(params, batch);
            }
            List<D> parts = batch.chunks(chunkSize);
            if (pool == null || parts.size() == 1) {
                S merged = null;
                for (D part : parts) {
                    S one = model.expect(params, part);
                    merged = merged == null ? one : merged.merge(one);
                }
                return merged;
            }
            P current = params;
            List<Future<S>> futures = new ArrayList<>(parts.size());
            for (D part : parts) {
                futures.add(pool.submit(() -> model.expect(current, part)));
            }
            S merged = null;
            try {
                for (Future<S> future : futures) {
                    S one = Tasks.await(future);
                    merged = merged == null ? one : merged.merge(one);
                }
            } finally {
                for (Future<S> future : futures) {
                    future.cancel(true);
                }
            }
            return merged;
        }
    }

    private static double checked(double value, LatentModel<?, ?, ?> model, int iteration) {
        if (Double.isNaN(value)) {
            throw new IllegalStateException("the E-step of " + model.getClass().getName()
                    + " returned a NaN log-likelihood in iteration " + iteration);
        }
        return value;
    }

    /**
     * A mini-batch M-step's context: warnings go to the run's list (up to {@link #MAX_WARNINGS}), and
     * the M-step sees those kept so far, as in the batch driver: a mixture counts a component's
     * re-seeds there and drops the component after {@code Mixture.RESEED_LIMIT} of them.
     */
    private record Context(int iteration, List<FitWarning> sink) implements IterationContext {
        @Override
        public void warn(FitWarning warning) {
            if (sink.size() < MAX_WARNINGS) {
                sink.add(Objects.requireNonNull(warning, "warning"));
            }
        }

        @Override
        public List<FitWarning> earlierWarnings() {
            return java.util.Collections.unmodifiableList(sink);
        }
    }
}
