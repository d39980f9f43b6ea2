package io.emkit.examples.cli;

import io.emkit.examples.demo.OldFaithfulDemo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code em} command-line tool: {@code java -jar em.jar <model> <command> [options]}.
 *
 * <p>Without arguments it runs the Old Faithful demo ({@link OldFaithfulDemo}) and writes its picture
 * to the working directory. Subcommands: {@code em gmm fit|predict|select|sample} and
 * {@code em hmm fit|decode|sample}; {@code em --help} and {@code em <cmd> --help} document every
 * option. Results meant for pipes go to stdout, messages to stderr. Exit codes: 0 success, 1 bad
 * input or a failed computation (one line {@code em: <message>} on stderr), 2 a usage error.
 *
 * <p>Tests drive it in-process: {@code new CommandLine(new EmCommand()).setOut(..).setErr(..)
 * .execute(args)}.
 */
@Command(name = "em", mixinStandardHelpOptions = true, versionProvider = EmCommand.Version.class,
        description = {
            "Expectation-Maximization for Gaussian mixtures and hidden Markov models.",
            "Without arguments: the Old Faithful demo (BIC over k = 1..6 and four covariance types,"
                    + " with a picture written to the working directory)."},
        subcommands = {GmmCommand.class, HmmCommand.class, LdaCommand.class, VizCommand.class,
                FaCommand.class, PpcaCommand.class, MfaCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 bad input or failure (one line on stderr), 2 usage error."})
public final class EmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Fitting fitting;

    /** Creates the top-level command (picocli instantiates the subcommands); fits run locally. */
    public EmCommand() {
        this(Fitting.LOCAL);
    }

    /**
     * Creates the top-level command whose subcommands fit through {@code fitting}.
     *
     * @param fitting where fits run (em-spark passes a cluster one). Not null.
     */
    public EmCommand(Fitting fitting) {
        this.fitting = java.util.Objects.requireNonNull(fitting, "fitting");
    }

    /**
     * Where this command tree's fits run.
     *
     * @return the fitting given at construction
     */
    public Fitting fitting() {
        return fitting;
    }

    /**
     * Runs {@code em} with the process's stdout and stderr and exits with its code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs {@code em} with the given streams, without exiting.
     *
     * @param args the command-line arguments
     * @param out where results go
     * @param err where messages go
     * @return the exit code
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new EmCommand());
        commandLine.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        return commandLine.execute(args);
    }

    /** No subcommand: the demo, in the working directory. */
    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        try {
            OldFaithfulDemo.run(out, Path.of("").toAbsolutePath());
            out.flush();
            return 0;
        } catch (Exception e) {
            out.flush();
            err.println("em: " + CliCommand.describe(e));
            err.flush();
            return 1;
        }
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EmCommand.class.getPackage().getImplementationVersion();
            return new String[] {"em (emkit) " + (version == null ? "development build" : version)};
        }
    }
}
