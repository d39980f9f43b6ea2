package io.emkit.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The two rules every executor follows when it runs E-steps on threads, in one place: a fit checks
 * its thread's interrupt before each chunk and stops with a {@link CancellationException}, and a
 * failed E-step's own exception reaches the caller unwrapped.
 */
public final class Tasks {

    private Tasks() {}

    /**
     * Throws if the calling thread was interrupted, keeping its interrupt flag set.
     *
     * @throws CancellationException if the thread was interrupted
     */
    public static void checkInterrupt() {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the fit was interrupted");
        }
    }

    /**
     * The result of a submitted E-step: its own runtime exception or error if it failed.
     *
     * @param future the task
     * @param <S> the result type
     * @return the result
     * @throws CancellationException if the waiting thread is interrupted (its flag stays set)
     * @throws IllegalStateException if the task failed with a checked exception
     */
    public static <S> S await(Future<S> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("the fit was interrupted");
            cancelled.initCause(e);
            throw cancelled;
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
}
