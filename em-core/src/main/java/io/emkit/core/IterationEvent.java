package io.emkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One completed EM iteration, as seen by an {@link IterationListener}.
 *
 * @param restart 0-based index of the run (restart) this iteration belongs to
 * @param iteration 1-based iteration number within the run
 * @param logLikelihood total log-likelihood under the parameters produced by this iteration
 * @param change change of the mean per-sample log-likelihood caused by this iteration (the
 *     quantity compared with the tolerance); {@code NaN}-free, may be negative
 * @param elapsed wall time since the start of this run
 */
public record IterationEvent(int restart, int iteration, double logLikelihood, double change, Duration elapsed) {
    /**
     * Checks that {@code elapsed} is not null.
     *
     * @param restart 0-based index of the run (restart) this iteration belongs to
     * @param iteration 1-based iteration number within the run
     * @param logLikelihood total log-likelihood under the parameters produced by this iteration
     * @param change change of the mean per-sample log-likelihood caused by this iteration (the
     *     quantity compared with the tolerance); {@code NaN}-free, may be negative
     * @param elapsed wall time since the start of this run
     */
    public IterationEvent {
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
