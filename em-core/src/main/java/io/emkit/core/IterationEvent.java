package io.emkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One completed EM iteration, as seen by an {@link IterationListener}.
 *
 * @param restart 0-based index of the run (restart) this iteration belongs to
 * @param iteration 1-based iteration number within the run
 * @param logLikelihood total log-likelihood under the parameters produced by this iteration
 * @param change change of the mean per-sample log-likelihood caused by this iteration (under plain
 *     EM with the default {@link ConvergenceRule#ABSOLUTE} rule, the quantity compared with the
 *     tolerance; under SQUAREM the change over the whole cycle); {@code NaN}-free, may be negative
 * @param elapsed wall time since the start of this run
 * @param eSteps E-steps done so far in this run (the initial one included)
 */
public record IterationEvent(int restart, int iteration, double logLikelihood, double change, Duration elapsed,
        long eSteps) {
    /**
     * Checks that {@code elapsed} is not null.
     *
     * @param restart 0-based index of the run (restart) this iteration belongs to
     * @param iteration 1-based iteration number within the run
     * @param logLikelihood total log-likelihood under the parameters produced by this iteration
     * @param change change of the mean per-sample log-likelihood caused by this iteration (the
     *     quantity compared with the tolerance); {@code NaN}-free, may be negative
     * @param elapsed wall time since the start of this run
     * @param eSteps E-steps done so far in this run (the initial one included)
     */
    public IterationEvent {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * An event of a plain EM run, which has done {@code iteration + 1} E-steps.
     *
     * @param restart 0-based index of the run (restart) this iteration belongs to
     * @param iteration 1-based iteration number within the run
     * @param logLikelihood total log-likelihood under the parameters produced by this iteration
     * @param change change of the mean per-sample log-likelihood caused by this iteration
     * @param elapsed wall time since the start of this run
     */
    public IterationEvent(int restart, int iteration, double logLikelihood, double change, Duration elapsed) {
        this(restart, iteration, logLikelihood, change, elapsed, iteration + 1L);
    }
}
