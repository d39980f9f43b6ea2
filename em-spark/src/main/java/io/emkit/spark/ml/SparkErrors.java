package io.emkit.spark.ml;

import org.apache.spark.SparkException;

/** Errors of Spark jobs as the user should see them. */
final class SparkErrors {

    private SparkErrors() {}

    /**
     * The exception thrown on a worker when a job failed with one of emkit's (Spark wraps it in a
     * {@link SparkException}), else the exception itself, or an {@link IllegalStateException} around it.
     */
    static RuntimeException rethrown(Exception e) {
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return (RuntimeException) e;
        }
        if (e instanceof SparkException || e.getCause() instanceof SparkException) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                    return (RuntimeException) cause;
                }
            }
        }
        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }
}
