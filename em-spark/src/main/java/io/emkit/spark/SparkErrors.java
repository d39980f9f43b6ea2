package io.emkit.spark;

import java.io.UncheckedIOException;
import org.apache.spark.SparkException;

/**
 * Failures of Spark jobs as emkit's callers should see them: Spark wraps an exception thrown on a
 * worker (a bad value, a model's own check) in a {@link SparkException}; emkit rethrows the original.
 */
public final class SparkErrors {

    private SparkErrors() {}

    /**
     * The exception to throw for a failed job or call.
     *
     * @param e what Spark threw
     * @param what what was running, for the message of a failure that is not emkit's ("a Spark E-step")
     * @return the first {@link IllegalArgumentException}, {@link IllegalStateException},
     *     {@link ArithmeticException} or {@link UncheckedIOException} among the causes of a
     *     {@link SparkException}, else an {@link IllegalStateException} naming {@code what}; {@code e}
     *     itself when Spark did not wrap it (wrapped in an {@link IllegalStateException} if checked)
     */
    public static RuntimeException rethrown(Exception e, String what) {
        if (!(e instanceof SparkException) && !(e.getCause() instanceof SparkException)) {
            return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                    || cause instanceof ArithmeticException || cause instanceof UncheckedIOException) {
                return (RuntimeException) cause;
            }
        }
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
