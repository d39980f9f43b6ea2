package io.emkit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.examples.cli.EmCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code em-spark gmm|hmm fit --master local[2]} against every fixture (the independent reference
 * values, with the fixtures' tolerance) and against the local {@code em} (the same JSON bit for bit,
 * fit time aside). One Spark session serves the class; the CLI uses it instead of starting its own.
 * Its files are cut into 2 KB splits, so that Spark's CSV reader sees every data file (the fixtures
 * are 5-40 KB) in several partitions and the row order must be restored.
 */
class SparkCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", "SparkCliTest");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "2048");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    record Run(int code, String out, String err) {}

    static Run sparkCli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run localEm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = new picocli.CommandLine(new EmCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), out.toString(), err.toString());
    }

    static Stream<Path> fixtures(String prefix) throws IOException {
        return FixtureFiles.list(prefix).stream();
    }

    static Stream<Path> gmmFixtures() throws IOException {
        return fixtures("gmm-");
    }

    static Stream<Path> hmmFixtures() throws IOException {
        return fixtures("hmm-");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static void assertClose(String what, JsonNode actual, JsonNode expected, double tolerance) {
        FixtureFiles.assertClose(what, actual, expected, tolerance);
    }

    /** Runs a fit through both CLIs; asserts the same JSON apart from the fit time; returns Spark's. */
    private JsonNode fitBoth(List<String> args) throws IOException {
        Path sparkOut = dir.resolve("spark.json");
        Path localOut = dir.resolve("local.json");
        List<String> sparkArgs = new ArrayList<>(args);
        sparkArgs.addAll(List.of("--out", sparkOut.toString(), "--master", "local[2]"));
        Run run = sparkCli(sparkArgs.toArray(new String[0]));
        assertThat(run.code()).as(run.err()).isZero();
        List<String> localArgs = new ArrayList<>(args);
        localArgs.addAll(List.of("--out", localOut.toString()));
        Run local = localEm(localArgs.toArray(new String[0]));
        assertThat(local.code()).as(local.err()).isZero();
        ObjectNode got = (ObjectNode) JSON.readTree(sparkOut.toFile());
        ObjectNode expected = (ObjectNode) JSON.readTree(localOut.toFile());
        assertThat(got.get("fitSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        got.remove("fitSeconds");
        expected.remove("fitSeconds");
        assertThat(got).isEqualTo(expected);
        return got;
    }

    @ParameterizedTest
    @MethodSource("gmmFixtures")
    void gmmFitMatchesEveryFixture(Path fixture) throws IOException {
        JsonNode c = JSON.readTree(fixture.toFile());
        Path data = write("x.csv", FixtureFiles.gmmCsv(c));
        Path initFile = write("init.json", FixtureFiles.gmmInit(c));
        JsonNode got = fitBoth(List.of("gmm", "fit", "--data", data.toString(), "--components",
                "" + c.get("init").get("weights").size(), "--covariance", c.get("covarianceType").asText(),
                "--init", initFile.toString(), "--max-iter", c.get("iterations").asText(), "--tol", "0",
                "--reg-covar", Double.toString(c.get("regCovar").doubleValue())));
        JsonNode expected = c.get("expected");
        double tolerance = c.get("tolerance").doubleValue();
        for (String key : List.of("weights", "means", "covariances", "logLikelihood", "logLikelihoodTrace")) {
            assertClose(fixture.getFileName() + " " + key, got.get(key), expected.get(key), tolerance);
        }
        assertThat(got.get("iterations").asInt()).isEqualTo(c.get("iterations").asInt());
    }

    @ParameterizedTest
    @MethodSource("hmmFixtures")
    void hmmFitMatchesEveryFixture(Path fixture) throws IOException {
        JsonNode c = JSON.readTree(fixture.toFile());
        Path data = write("seq.csv", FixtureFiles.hmmCsv(c));
        Path initFile = write("init.json", FixtureFiles.hmmInit(c));
        JsonNode got = fitBoth(List.of("hmm", "fit", "--data", data.toString(), "--states",
                "" + c.get("init").get("startProb").size(), "--emission", c.get("emission").asText(),
                "--init", initFile.toString(), "--max-iter", c.get("iterations").asText(), "--tol", "0",
                "--reg-covar", "0"));
        JsonNode trained = c.get("expected").get("trained");
        double tolerance = c.get("tolerance").doubleValue();
        assertClose("startProb", got.get("startProb"), trained.get("startProb"), tolerance);
        assertClose("transitions", got.get("transitions"), trained.get("transitions"), tolerance);
        trained.get("emissions").fieldNames().forEachRemaining(key ->
                assertClose("emissions." + key, got.get("emissions").get(key), trained.get("emissions").get(key),
                        tolerance));
        assertClose("logLikelihood", got.get("logLikelihood"), trained.get("logLikelihood"), tolerance);
    }

    @Test
    void selectAndRandomStartsAgreeWithTheLocalCli() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            int j = i % 3;
            csv.append(3 * j + random.nextGaussian()).append(',').append(j * j - random.nextGaussian()).append('\n');
        }
        Path data = write("blobs.csv", csv.toString());
        fitBoth(List.of("gmm", "fit", "--data", data.toString(), "--components", "3", "--restarts", "3",
                "--init", "random", "--seed", "5", "-q"));
        fitBoth(List.of("gmm", "select", "--data", data.toString(), "--components", "1-3", "--covariance",
                "full,diag", "-q"));
    }

    @Test
    void masterIsAnOptionOfEveryCommandAndErrorsAreOneLine() {
        Run help = sparkCli("gmm", "fit", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--master=URL").contains("--components=K");
        Run bad = sparkCli("gmm", "fit", "--data", dir.resolve("missing.csv").toString(), "--components", "2",
                "--master", "local[2]");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().lines().toList()).hasSize(1);
        assertThat(bad.err()).startsWith("em: ").contains("missing.csv");
        Run usage = sparkCli("gmm", "fit", "--components", "2", "--master", "local[2]");
        assertThat(usage.code()).isEqualTo(2);
    }

    /** Both CLIs on the same arguments: the same exit code, the same stdout and the same one-line stderr. */
    private void sameOutcome(String... args) {
        List<String> sparkArgs = new ArrayList<>(List.of(args));
        sparkArgs.addAll(List.of("--master", "local[2]"));
        Run run = sparkCli(sparkArgs.toArray(new String[0]));
        Run local = localEm(args);
        assertThat(run.code()).as(run.err()).isEqualTo(local.code());
        assertThat(run.err()).isEqualTo(local.err());
        assertThat(run.out()).isEqualTo(local.out());
    }

    @Test
    void sparksReaderFollowsEmsRulesForDialectsHeadersAndColumns() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        StringBuilder pandas = new StringBuilder("# made by pandas\r\n,\"x, first\",y,species\r\n");
        StringBuilder semicolons = new StringBuilder("x;y\n");
        for (int i = 0; i < 400; i++) {
            double x = (i % 2) * 5 + random.nextGaussian();
            double y = (i % 2) * 3 + random.nextGaussian();
            pandas.append(i).append(",").append(x).append(",").append(y).append(",\"s, ").append(i % 2)
                    .append("\"\r\n");
            if (i == 200) {
                pandas.append("\r\n# a comment in the middle, with \"quotes\"\r\n");
            }
            semicolons.append(x).append(" ; ").append(y).append('\n');
        }
        Path pandasFile = write("pandas.csv", "\uFEFF" + pandas);
        Path semicolonFile = write("semicolons.txt", semicolons.toString());
        fitBoth(List.of("gmm", "fit", "--data", pandasFile.toString(), "--components", "2", "--drop", "species",
                "--max-iter", "5", "-q"));
        fitBoth(List.of("gmm", "fit", "--data", pandasFile.toString(), "--components", "2", "--columns", "y,1",
                "--covariance", "diag", "--max-iter", "5", "-q"));
        fitBoth(List.of("gmm", "fit", "--data", semicolonFile.toString(), "--components", "2", "--delimiter", "auto",
                "--header", "yes", "--max-iter", "5", "-q"));
        sameOutcome("gmm", "predict", "--model", dir.resolve("local.json").toString(), "--data",
                semicolonFile.toString(), "--format", "csv", "-q");
    }

    @Test
    void sparksReaderGivesEmsErrorsWithTheirLinesAndFixes() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 300; i++) {
            text.append(i).append(',').append(i % 7).append(",cat").append(i % 2).append('\n');
        }
        Path labels = write("labels.csv", text.toString());
        sameOutcome("gmm", "fit", "--data", labels.toString(), "--components", "2", "--columns", "a,label", "-q");
        sameOutcome("gmm", "fit", "--data", labels.toString(), "--components", "2", "--columns", "a,nope", "-q");
        Path ragged = write("ragged.csv", text.toString().replace("\n250,5,cat0\n", "\n# note\n\n250,5\n"));
        sameOutcome("gmm", "fit", "--data", ragged.toString(), "--components", "2", "-q");
        Path wide = write("wide.csv", text.toString().replace("\n250,5,cat0\n", "\n250,5,cat0,9\n"));
        sameOutcome("gmm", "fit", "--data", wide.toString(), "--components", "2", "-q");
        Path word = write("word.csv", text.toString().replace("\n120,1,cat0\n", "\n120,one,cat0\n"));
        sameOutcome("gmm", "fit", "--data", word.toString(), "--components", "2", "-q");
        Run ragged2 = sparkCli("gmm", "fit", "--data", ragged.toString(), "--components", "2", "--master", "local[2]");
        assertThat(ragged2.err()).contains("line 254 has 2 fields").doesNotContain("Exception");
    }

    @Test
    void sequencesKeepTheirOrderAcrossSplitsAndStringSymbolsDecodeAsInEm() throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8);
        StringBuilder text = new StringBuilder("id,step,weather\n");
        String[] words = {"sun", "rain", "fog"};
        for (int s = 0; s < 12; s++) {
            int state = 0;
            for (int t = 0; t < 40 + s; t++) {
                state = random.nextDouble() < 0.2 ? 1 - state : state;
                String word = words[random.nextDouble() < 0.7 ? state : 2];
                text.append("day-").append(s).append(',').append(t).append(',').append(word).append('\n');
            }
        }
        Path data = write("weather.csv", text.toString());
        fitBoth(List.of("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical",
                "--seed", "4", "--max-iter", "20", "-q"));
        sameOutcome("hmm", "decode", "--model", dir.resolve("local.json").toString(), "--data", data.toString(),
                "-q");
        Path unknown = write("unknown.csv", text.toString().replace("day-3,7,", "day-3,7,snow-"));
        sameOutcome("hmm", "decode", "--model", dir.resolve("local.json").toString(), "--data", unknown.toString(),
                "-q");
        Path shuffled = write("shuffled.csv", text.toString().replace("day-5,", "day-0,"));
        sameOutcome("hmm", "fit", "--data", shuffled.toString(), "--states", "2", "--emission", "categorical", "-q");
    }
}
