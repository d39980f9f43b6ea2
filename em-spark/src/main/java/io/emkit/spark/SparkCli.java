package io.emkit.spark;

import io.emkit.examples.cli.EmCommand;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code em} command line with its fits on Spark: {@code java -jar em-spark.jar gmm fit ...
 * --master local[2]}, or {@code spark-submit --class io.emkit.spark.SparkCli em-spark.jar ...}.
 *
 * <p>Every command, flag and JSON key is {@code em}'s (the same picocli commands run, with a
 * {@link SparkFitting}); one option is added to every command: {@code --master URL}, default
 * {@link SparkSessions#defaultMaster()}. Fits ({@code gmm fit}, {@code gmm select}, {@code hmm fit})
 * run their E-steps on Spark; every {@code --data} file is read by Spark's CSV source with em's
 * rules and messages, collected in file order, and a fit spreads it over the cluster as cached
 * chunks; predict, decode and sample run on the driver. Spark starts only when a command reads a data
 * file or fits, and stops before exit; if the JVM already runs a Spark session
 * (an embedding application, a test), that session is used, {@code --master} is ignored and the
 * session is left running. Spark's own logging goes to stderr at
 * level ERROR unless {@code log4j2.configurationFile} is set.
 */
public final class SparkCli {

    private String master;
    private SparkSession session;
    private boolean owned; // whether this run started the session (and so stops it)

    private SparkCli() {}

    /**
     * Runs the command line and exits with its code.
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
     * Runs the command line with the given streams, without exiting; a Spark session it started is
     * stopped before it returns.
     *
     * @param args the command-line arguments
     * @param out where results go
     * @param err where messages go
     * @return the exit code (0 success, 1 failure, 2 usage error)
     */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    }

    /**
     * Runs the command line with the given writers, without exiting.
     *
     * @param args the command-line arguments
     * @param out where results go
     * @param err where messages go
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/emkit/spark/cli-log4j2.properties");
        }
        SparkCli cli = new SparkCli();
        try {
            CommandLine commandLine = cli.commandLine();
            commandLine.setOut(out);
            commandLine.setErr(err);
            return commandLine.execute(args);
        } finally {
            cli.stop();
        }
    }

    /** The em command tree with a Spark fitting and an inherited {@code --master}. */
    private CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new EmCommand(new SparkFitting(this::context)));
        commandLine.getCommandSpec().name("em-spark");
        commandLine.getCommandSpec().addOption(OptionSpec.builder("--master")
                .paramLabel("URL")
                .type(String.class)
                .scopeType(ScopeType.INHERIT)
                .description("Spark master URL for the fits: local[N], spark://host:port, yarn, ..."
                        + " Default: spark.master if set (spark-submit), else local[*].")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        T previous = (T) master;
                        master = (String) value;
                        return previous;
                    }
                })
                .build());
        return commandLine;
    }

    private synchronized JavaSparkContext context() {
        if (session == null) {
            scala.Option<SparkSession> running = SparkSession.getDefaultSession();
            owned = running.isEmpty();
            session = owned ? SparkSessions.start(master == null ? SparkSessions.defaultMaster() : master, "em-spark")
                    : running.get();
        }
        return JavaSparkContext.fromSparkContext(session.sparkContext());
    }

    private synchronized void stop() {
        if (session != null && owned) {
            session.stop();
        }
        session = null;
    }
}
