package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em fa fit}, {@code em ppca fit}, {@code em mfa fit}: CLI.md's keys, the fixtures' maxima, errors. */
class FactorCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run em(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = EmCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode fixture(String name) throws IOException {
        return JSON.readTree(Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/factor/" + name + ".json")
                .normalize().toFile());
    }

    Path csv(JsonNode rows) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int a = 0; a < rows.get(0).size(); a++) {
            text.append(a == 0 ? "" : ",").append("x").append(a);
        }
        text.append('\n');
        for (JsonNode row : rows) {
            for (int a = 0; a < row.size(); a++) {
                text.append(a == 0 ? "" : ",").append(row.get(a).doubleValue());
            }
            text.append('\n');
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, text);
        return file;
    }

    static List<String> keys(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void faFitWritesCliMdKeysAndReachesScikitLearnsMaximum() throws IOException {
        JsonNode f = fixture("iris-versicolor-q1");
        Path data = csv(f.get("data"));
        Path model = dir.resolve("fa.json");
        Run run = em("fa", "fit", "--data", data.toString(), "--factors", "1", "--tol", "0", "--max-iter", "3000",
                "--out", model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("kind").asText()).isEqualTo("factorAnalysis");
        assertThat(keys(json)).contains("mean", "loadings", "noiseVariances", "logLikelihood", "bic");
        assertThat(json.get("loadings").size()).isEqualTo(4);
        assertThat(json.get("loadings").get(0).size()).isEqualTo(1);
        double expected = f.get("fa").get("logLikelihood").doubleValue();
        assertThat(json.get("logLikelihood").doubleValue()).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-8 * Math.abs(expected)));
        // --init from the written file: already at the maximum
        Run again = em("fa", "fit", "--data", data.toString(), "--factors", "1", "--init", model.toString(),
                "--max-iter", "5");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("logLikelihood").doubleValue()).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(1e-8 * Math.abs(expected)));
    }

    @Test
    void ppcaFitWritesOneNoiseVarianceAtTheClosedForm() throws IOException {
        JsonNode f = fixture("synthetic-d8-q2");
        Run run = em("ppca", "fit", "--data", csv(f.get("data")).toString(), "--components", "2", "--seed", "3",
                "--restarts", "2");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("kind").asText()).isEqualTo("ppca");
        assertThat(keys(json)).contains("mean", "loadings", "noiseVariance", "logLikelihood");
        assertThat(json.get("noiseVariance").doubleValue()).isCloseTo(f.get("ppca").get("noiseVariance").doubleValue(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(json.get("logLikelihood").doubleValue()).isCloseTo(f.get("ppca").get("logLikelihood").doubleValue(),
                org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void mfaFitWritesCliMdKeysAndReadsItsOwnFile() throws IOException {
        JsonNode f = fixture("synthetic-d8-q2");
        Path data = csv(f.get("data"));
        Path model = dir.resolve("mfa.json");
        Run run = em("mfa", "fit", "--data", data.toString(), "--components", "2", "--factors", "1", "--out",
                model.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("kind").asText()).isEqualTo("mfa");
        assertThat(keys(json)).contains("weights", "means", "loadings", "noiseVariances", "logLikelihood");
        assertThat(json.get("loadings").size()).isEqualTo(2);
        assertThat(json.get("loadings").get(1).size()).isEqualTo(8);
        assertThat(json.get("loadings").get(1).get(0).size()).isEqualTo(1);
        assertThat(json.get("noiseVariances").get(0).size()).isEqualTo(8);
        Run again = em("mfa", "fit", "--data", data.toString(), "--components", "2", "--factors", "1", "--init",
                model.toString(), "--max-iter", "3");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("logLikelihood").doubleValue())
                .isGreaterThanOrEqualTo(json.get("logLikelihood").doubleValue() - 1e-6);
    }

    @Test
    void errorsAreOneLine() throws IOException {
        Path data = csv(fixture("iris-setosa-q1").get("data"));
        Run tooMany = em("fa", "fit", "--data", data.toString(), "--factors", "4");
        assertThat(tooMany.code()).isEqualTo(1);
        assertThat(tooMany.err().strip()).isEqualTo("em: --factors (4) must be < the number of columns (d = 4 in "
                + data + ")");
        Run start = em("ppca", "fit", "--data", data.toString(), "--components", "1", "--start", "pca");
        assertThat(start.err().strip()).isEqualTo("em: --start must be closed-form or random, not \"pca\"");
        Path wrong = dir.resolve("wrong.json");
        Files.writeString(wrong, "{\"kind\": \"ppca\", \"mean\": [0, 0, 0, 0], \"loadings\": [[1], [1], [1], [1]],"
                + " \"noiseVariance\": 1}");
        Run kind = em("fa", "fit", "--data", data.toString(), "--factors", "1", "--init", wrong.toString());
        assertThat(kind.err().strip()).isEqualTo("em: " + wrong + ": wrong model kind: the file holds a ppca model"
                + " (\"kind\": \"ppca\"), expected a factorAnalysis model");
        Run usage = em("mfa", "fit", "--data", data.toString(), "--components", "2");
        assertThat(usage.code()).isEqualTo(2);
    }
}
