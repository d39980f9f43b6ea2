package io.emkit.examples.cli;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.SavedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
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
            refuseOutputThatIsAnInput();
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
    /**
     * Refuses an {@code --out} that is the same file as any input of the command ({@code --data},
     * {@code --weights}, {@code --model}, a {@code --init} file): writing the model there would
     * destroy the input.
     */
    private void refuseOutputThatIsAnInput() throws java.io.IOException {
        if (spec == null || spec.findOption("--out") == null) {
            return;
        }
        Object out = spec.findOption("--out").getValue();
        if (!(out instanceof Path target)) {
            return;
        }
        java.util.List<Path> inputs = new java.util.ArrayList<>();
        for (picocli.CommandLine.Model.OptionSpec option : spec.options()) {
            if (option.longestName().equals("--out")) {
                continue;
            }
            Object value = option.getValue();
            if (value instanceof Path path) {
                inputs.add(path);
            } else if (value instanceof String text && option.longestName().equals("--init") && text.endsWith(".json")) {
                inputs.add(Path.of(text));
            }
        }
        try {
            io.emkit.io.AtomicFiles.checkNotAnInput(target, inputs);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--out " + e.getMessage(), e);
        }
    }

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

    /**
     * Finishes a fit: the model JSON with the fit's fields goes to {@code out} (or stdout when null),
     * and one summary line to stderr.
     *
     * @param model the model; without a fit record it gets {@code result}'s
     * @param summary what was fitted, e.g. {@code "gmm fit: k = 2, full, n = 272, d = 2"}
     */
    void writeFit(SavedModel model, EmResult<?> result, Path out, String summary) {
        SavedModel json = model.fit().isPresent() ? model : model.withFit(FitSummary.of(result));
        if (out != null) {
            ModelJson.write(json, out);
        } else {
            out().print(ModelJson.toText(json));
        }
        message(String.format(Locale.ROOT, "%s: log-likelihood %.10g after %d iterations (%s), %.3f s%s",
                summary, result.logLikelihood(), result.iterations(),
                result.converged() ? "converged" : "not converged",
                result.elapsed().toNanos() / 1e9, out == null ? "" : "; wrote " + out));
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
