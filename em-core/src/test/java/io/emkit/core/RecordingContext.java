package io.emkit.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An {@link IterationContext} for tests that call an M-step themselves: a fixed iteration, and the
 * warnings it is told, kept in order. Later M-steps given the same context see them, after the
 * earlier warnings it was made with, as {@link #earlierWarnings()}, as the driver's M-steps see a
 * run's history. Not thread-safe.
 */
public final class RecordingContext implements IterationContext {
    private final int iteration;
    private final List<FitWarning> warnings;

    /** Iteration 1 of a run with no warnings yet. */
    public RecordingContext() {
        this(1, List.of());
    }

    /**
     * @param iteration the 1-based iteration to report, {@code >= 1}
     * @param earlier the warnings the run reported before, oldest first. Copied.
     */
    public RecordingContext(int iteration, List<FitWarning> earlier) {
        if (iteration < 1) {
            throw new IllegalArgumentException("iteration (" + iteration + ") must be >= 1");
        }
        this.iteration = iteration;
        this.warnings = new ArrayList<>(earlier);
    }

    @Override
    public int iteration() {
        return iteration;
    }

    @Override
    public void warn(FitWarning warning) {
        warnings.add(Objects.requireNonNull(warning, "warning"));
    }

    @Override
    public List<FitWarning> earlierWarnings() {
        return Collections.unmodifiableList(warnings);
    }

    /**
     * The warnings the context was made with, then those it was told.
     *
     * @return a copy, oldest first
     */
    public List<FitWarning> warnings() {
        return List.copyOf(warnings);
    }
}
