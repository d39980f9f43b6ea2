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
 */
class SparkCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSessions.start("local[2]", "SparkCliTest");
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
        String folder = System.getProperty("emkit.fixtures.dir");
        assertThat(folder).as("system property emkit.fixtures.dir").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
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

    /** The fixtures' rule: |a - e| <= tolerance * max|e| over the expected array. */
    private static void assertClose(String what, JsonNode actual, JsonNode expected, double tolerance) {
        List<Double> a = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        flatten(actual, a);
        flatten(expected, e);
        assertThat(a).as(what + " size").hasSameSizeAs(e);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < e.size(); i++) {
            assertThat(Math.abs(a.get(i) - e.get(i))).as(what + "[" + i + "]").isLessThanOrEqualTo(tolerance * scale);
        }
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, out));
        } else {
            out.add(node.doubleValue());
        }
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
        StringBuilder csv = new StringBuilder();
        for (JsonNode row : c.get("data")) {
            List<String> cells = new ArrayList<>();
            row.forEach(v -> cells.add(Double.toString(v.doubleValue())));
            csv.append(String.join(",", cells)).append('\n');
        }
        Path data = write("x.csv", csv.toString());
        ObjectNode init = (ObjectNode) c.get("init").deepCopy();
        init.put("kind", "gmm");
        init.put("covarianceType", c.get("covarianceType").asText());
        Path initFile = write("init.json", init.toString());
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
        boolean categorical = c.get("emission").asText().equals("categorical");
        StringBuilder text = new StringBuilder(categorical ? "seq,roll\n" : "");
        JsonNode sequences = c.get("sequences");
        for (int s = 0; s < sequences.size(); s++) {
            for (JsonNode obs : sequences.get(s)) {
                text.append(s);
                if (obs.isArray()) {
                    for (JsonNode v : obs) {
                        text.append(',').append(categorical ? Integer.toString(v.asInt()) : Double.toString(v.doubleValue()));
                    }
                } else {
                    text.append(',').append(obs.asInt());
                }
                text.append('\n');
            }
        }
        Path data = write("seq.csv", text.toString());
        ObjectNode init = (ObjectNode) c.get("init").deepCopy();
        init.put("kind", "hmm");
        init.put("emission", c.get("emission").asText());
        Path initFile = write("init.json", init.toString());
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
}
