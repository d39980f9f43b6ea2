package io.emkit.core;

/**
 * Observes every iteration of every run of a fit (progress bars, traces, plots).
 *
 * <p>Called on the thread that called {@link Em#fit}, after each M-step and the E-step that scores
 * its result, in order. A listener must not throw; an exception it throws aborts the fit.
 */
@FunctionalInterface
public interface IterationListener {

    /**
     * Receives one completed iteration.
     *
     * @param event the iteration's numbers
     */
    void onIteration(IterationEvent event);
}
