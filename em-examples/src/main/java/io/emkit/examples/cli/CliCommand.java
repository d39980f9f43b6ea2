package io.emkit.examples.cli;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code em} subcommand shares: {@code --quiet} and {@code --verbose}, the output streams
 * of its {@link picocli.CommandLine}, and the error policy. Any exception from {@link #run()}
 * becomes exit code 1 and one line {@code em: <message>} on stderr (the stack trace follows only
 * with {@code --verbose}); picocli itself answers usage errors with code 2.
 */
abstract class CliCommand implements Callable<Integer> {

    /** Exit code of a successful command. */
    static final int OK = 0;
    /** Exit code of bad input or a failed computation. */
    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stderr except errors: no progress bar,"
            + " no summary, no warnings.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print the stack trace of an error.")
    boolean verbose;

    /**
     * Does the work.
     *
     * @throws Exception anything; reported as one line
     */
    abstract void run() throws Exception;

    @Override
    public final Integer call() {
        try {
            run();
            out().flush();
            err().flush();
            return OK;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            out().flush();
            err().println("em: " + describe(e));
            if (verbose) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                err().print(trace);
            }
            err().flush();
            return FAILED;
        }
    }

    /** The one-line description of an error: its message, or its type when it has none. */
    static String describe(Throwable e) {
        Throwable shown = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            return shown.getClass().getSimpleName();
        }
        if (shown instanceof OutOfMemoryError) {
            return "out of memory (" + message + "); try java -Xmx... -jar em.jar";
        }
        return message.lines().findFirst().orElse(message).strip();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints a message line on stderr unless {@code --quiet}. */
    void message(String text) {
        if (!quiet) {
            err().println(text);
            err().flush();
        }
    }

    /** A progress bar when stderr is a terminal and not {@code --quiet}; otherwise null. */
    ProgressBar progressBar(int maxIterations, int restarts) {
        if (quiet || System.console() == null) {
            return null;
        }
        return new ProgressBar(err(), maxIterations, restarts);
    }

    /** Adds the progress bar (if any) to the options. */
    static EmOptions.Builder withProgress(EmOptions.Builder builder, ProgressBar bar) {
        return bar == null ? builder : builder.listener(bar);
    }

    /** Ends the progress bar line (if any) and prints the fit's warnings. */
    void afterFit(ProgressBar bar, EmResult<?> result) {
        if (bar != null) {
            bar.finish();
        }
        for (FitWarning warning : result.warnings()) {
            message("em: warning: " + warning.message());
        }
    }

    static void checkPositive(String option, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " (" + value + ") must be >= 1");
        }
    }

    static void checkNonNegative(String option, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and >= 0");
        }
    }
}
