package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Em} runs: an immutable value with documented defaults, built with {@link #builder()}.
 *
 * @param tolerance convergence threshold of the {@code convergenceRule} (by default on the absolute
 *     change of the mean per-sample log-likelihood between successive EM steps); {@code 0} disables
 *     the test so exactly {@code maxIterations} iterations run. Default {@value #DEFAULT_TOLERANCE}.
 * @param maxIterations iteration cap per run, {@code >= 1}. One iteration is one M-step together
 *     with the E-step before it, or under {@link Acceleration#SQUAREM} one cycle (at most 4 M-steps
 *     and 4 E-steps). Default {@value #DEFAULT_MAX_ITERATIONS}.
 * @param restarts number of independent runs from independently seeded starts; the run with the
 *     highest final log-likelihood wins. Default {@value #DEFAULT_RESTARTS}.
 * @param seed root seed; run {@code r} draws from the {@code r}-th split of a
 *     {@link java.util.SplittableRandom} seeded with it. Default {@value #DEFAULT_SEED}.
 * @param threads threads for the E-step, {@code >= 1}; results do not depend on it. Default: the
 *     number of available processors.
 * @param decreaseTolerance relative size of a log-likelihood decrease, as a fraction of its
 *     magnitude, tolerated as round-off before a {@link FitWarning.LikelihoodDecreased} is recorded.
 *     Default {@value #DEFAULT_DECREASE_TOLERANCE}.
 * @param stopOnDecrease whether a decrease beyond round-off (on a model that promises monotone EM)
 *     ends the run, keeping the parameters from before it. Default {@code false}.
 * @param chunkSize units (rows, steps, documents) per chunk of the local executor, {@code >= 1}.
 *     Default {@value #DEFAULT_CHUNK_SIZE}.
 * @param acceleration plain EM steps or SQUAREM extrapolation ({@link Acceleration}). Default
 *     {@link Acceleration#NONE}: at the default tolerance a fit is over in a few dozen steps, where
 *     SQUAREM saves little, and plain EM reproduces other libraries' fits step for step.
 * @param convergenceRule the stopping rule ({@link ConvergenceRule}, where it is defined). Default
 *     {@link ConvergenceRule#ABSOLUTE}.
 * @param listeners observers of every iteration, called in order. Default none.
 */
public record EmOptions(
        double tolerance,
        int maxIterations,
        int restarts,
        long seed,
        int threads,
        double decreaseTolerance,
        boolean stopOnDecrease,
        int chunkSize,
        Acceleration acceleration,
        ConvergenceRule convergenceRule,
        List<IterationListener> listeners) {

    /** Default convergence tolerance on the mean per-sample log-likelihood (scikit-learn's). */
    public static final double DEFAULT_TOLERANCE = 1e-3;
    /** Default iteration cap per run (scikit-learn's). */
    public static final int DEFAULT_MAX_ITERATIONS = 100;
    /** Default number of runs. */
    public static final int DEFAULT_RESTARTS = 1;
    /** Default root seed: fits are reproducible unless a seed is chosen. */
    public static final long DEFAULT_SEED = 0L;
    /** Default relative decrease treated as round-off. */
    public static final double DEFAULT_DECREASE_TOLERANCE = 1e-9;
    /** Default units (rows, sequence steps, documents) per E-step chunk of the local executor. */
    public static final int DEFAULT_CHUNK_SIZE = 4096;

    /**
     * Validates every field.
     *
     * @param tolerance convergence threshold on the absolute change of the mean per-sample
     *     log-likelihood between successive iterations; {@code 0} disables the test so exactly
     *     {@code maxIterations} iterations run. Default {@value #DEFAULT_TOLERANCE}.
     * @param maxIterations iteration cap per run, {@code >= 1}. One iteration is one M-step together
     *     with the E-step before it. Default {@value #DEFAULT_MAX_ITERATIONS}.
     * @param restarts number of independent runs from independently seeded starts; the run with the
     *     highest final log-likelihood wins. Default {@value #DEFAULT_RESTARTS}.
     * @param seed root seed; run {@code r} draws from the {@code r}-th split of a
     *     {@link java.util.SplittableRandom} seeded with it. Default {@value #DEFAULT_SEED}.
     * @param threads threads for the E-step, {@code >= 1}; results do not depend on it. Default: the
     *     number of available processors.
     * @param decreaseTolerance relative size of a log-likelihood decrease, as a fraction of its
     *     magnitude, tolerated as round-off before a {@link FitWarning.LikelihoodDecreased} is recorded.
     *     Default {@value #DEFAULT_DECREASE_TOLERANCE}.
     * @param stopOnDecrease whether a decrease beyond round-off (on a model that promises monotone EM)
     *     ends the run, keeping the parameters from before it. Default {@code false}.
     * @param chunkSize units per chunk of the local executor, {@code >= 1}
     * @param acceleration plain EM or SQUAREM. Not null.
     * @param convergenceRule the stopping rule. Not null.
     * @param listeners observers of every iteration, called in order. Default none.
     * @throws IllegalArgumentException naming the field and its value when a field is out of range
     *     (negative or non-finite tolerance, fewer than 1 iteration, restart or thread, negative or
     *     non-finite decrease tolerance)
     * @throws NullPointerException if {@code acceleration}, {@code convergenceRule}, {@code listeners}
     *     or one of the listeners is null
     */
    public EmOptions {
        checkArgument(tolerance >= 0 && tolerance < Double.POSITIVE_INFINITY,
                "tolerance (%s) must be finite and >= 0", tolerance);
        checkArgument(maxIterations >= 1, "maxIterations (%s) must be >= 1", maxIterations);
        checkArgument(restarts >= 1, "restarts (%s) must be >= 1", restarts);
        checkArgument(threads >= 1, "threads (%s) must be >= 1", threads);
        checkArgument(decreaseTolerance >= 0 && decreaseTolerance < Double.POSITIVE_INFINITY,
                "decreaseTolerance (%s) must be finite and >= 0", decreaseTolerance);
        checkArgument(chunkSize >= 1, "chunkSize (%s) must be >= 1", chunkSize);
        Objects.requireNonNull(acceleration, "acceleration");
        Objects.requireNonNull(convergenceRule, "convergenceRule");
        listeners = List.copyOf(Objects.requireNonNull(listeners, "listeners"));
    }

    /**
     * The defaults.
     *
     * @return options with every default
     */
    public static EmOptions defaults() {
        return builder().build();
    }

    /**
     * A builder holding the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these options, to change a few of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .tolerance(tolerance)
                .maxIterations(maxIterations)
                .restarts(restarts)
                .seed(seed)
                .threads(threads)
                .decreaseTolerance(decreaseTolerance)
                .stopOnDecrease(stopOnDecrease)
                .chunkSize(chunkSize)
                .acceleration(acceleration)
                .convergenceRule(convergenceRule);
        listeners.forEach(builder::listener);
        return builder;
    }

    /**
     * Mutable builder of {@link EmOptions}; validation happens in {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private double tolerance = DEFAULT_TOLERANCE;
        private int maxIterations = DEFAULT_MAX_ITERATIONS;
        private int restarts = DEFAULT_RESTARTS;
        private long seed = DEFAULT_SEED;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double decreaseTolerance = DEFAULT_DECREASE_TOLERANCE;
        private boolean stopOnDecrease;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Acceleration acceleration = Acceleration.NONE;
        private ConvergenceRule convergenceRule = ConvergenceRule.ABSOLUTE;
        private final List<IterationListener> listeners = new ArrayList<>();

        private Builder() {}

        /**
         * Sets the convergence tolerance ({@code 0}: run exactly {@code maxIterations}).
         *
         * @param value a finite value {@code >= 0}
         * @return this builder
         */
        public Builder tolerance(double value) {
            this.tolerance = value;
            return this;
        }

        /**
         * Sets the iteration cap per run.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder maxIterations(int value) {
            this.maxIterations = value;
            return this;
        }

        /**
         * Sets the number of independently started runs.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder restarts(int value) {
            this.restarts = value;
            return this;
        }

        /**
         * Sets the root seed.
         *
         * @param value any value
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Sets the number of E-step threads.
         *
         * @param value at least 1
         * @return this builder
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * Sets the relative decrease tolerated as round-off.
         *
         * @param value a finite value {@code >= 0}
         * @return this builder
         */
        public Builder decreaseTolerance(double value) {
            this.decreaseTolerance = value;
            return this;
        }

        /**
         * Sets whether a likelihood decrease beyond round-off ends the run.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder stopOnDecrease(boolean value) {
            this.stopOnDecrease = value;
            return this;
        }

        /**
         * Units (rows, sequence steps, documents) per chunk of the local executor's E-step; the
         * result does not depend on it beyond round-off, and for a given value it is bit-identical
         * at every thread count.
         *
         * @param value at least 1 (default {@value EmOptions#DEFAULT_CHUNK_SIZE})
         * @return this
         */
        public Builder chunkSize(int value) {
            this.chunkSize = value;
            return this;
        }

        /**
         * Chooses plain EM or SQUAREM extrapolation (see {@link Acceleration}).
         *
         * @param value not null (checked in {@link #build()}); default {@link Acceleration#NONE}
         * @return this builder
         */
        public Builder acceleration(Acceleration value) {
            this.acceleration = value;
            return this;
        }

        /**
         * Chooses the stopping rule (see {@link ConvergenceRule}).
         *
         * @param value not null (checked in {@link #build()}); default {@link ConvergenceRule#ABSOLUTE}
         * @return this builder
         */
        public Builder convergenceRule(ConvergenceRule value) {
            this.convergenceRule = value;
            return this;
        }

        /**
         * Adds an iteration listener.
         *
         * @param listener not null
         * @return this builder
         */
        public Builder listener(IterationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the first field out of range
         */
        public EmOptions build() {
            return new EmOptions(tolerance, maxIterations, restarts, seed, threads,
                    decreaseTolerance, stopOnDecrease, chunkSize, acceleration, convergenceRule, listeners);
        }
    }
}
