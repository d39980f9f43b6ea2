package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code em lda fit} and {@code em lda transform} end to end against the scikit-learn fixtures. */
class LdaCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The agreement on λ, per entry, relative. */
    private static final double LAMBDA_TOLERANCE = 1e-8;

    @TempDir
    Path dir;

    static JsonNode fixture(String name) throws IOException {
        Path path = Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/lda").resolve(name).normalize();
        return JSON.readTree(path.toFile());
    }

    /** The fixture's documents as doc,term,count lines (documents named d0, d1, ...). */
    private Path csv(JsonNode fixture) throws IOException {
        StringBuilder text = new StringBuilder("doc,term,count\n");
        JsonNode terms = fixture.get("terms");
        JsonNode docs = fixture.get("documents");
        for (int d = 0; d < docs.size(); d++) {
            for (JsonNode entry : docs.get(d)) {
                text.append("d").append(d).append(',').append(terms.get(entry.get(0).intValue()).asText())
                        .append(',').append(entry.get(1).doubleValue()).append('\n');
            }
        }
        Path file = dir.resolve("dtm.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path init(JsonNode fixture, boolean integerTerms) throws IOException {
        ObjectNode init = JSON.createObjectNode();
        init.put("kind", "lda");
        var terms = init.putArray("terms");
        fixture.get("terms").forEach(t -> {
            if (integerTerms) {
                terms.add(Integer.parseInt(t.asText()));
            } else {
                terms.add(t.asText());
            }
        });
        init.set("topicWord", fixture.get("initLambda"));
        init.put("docTopicPrior", fixture.get("docTopicPrior").doubleValue());
        init.put("topicWordPrior", fixture.get("topicWordPrior").doubleValue());
        Path file = dir.resolve("init.json");
        Files.writeString(file, init.toString(), StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lda_text.json", "lda_bars.json"})
    void fitFromTheFixtureStartMatchesScikitLearnAndTransformToo(String name) throws IOException {
        JsonNode fixture = fixture(name);
        boolean integerTerms = !name.equals("lda_text.json");
        Path data = csv(fixture);
        Path out = dir.resolve("model.json");
        EmCommandTest.Run run = EmCommandTest.em("lda", "fit", "--data", data.toString(), "--topics",
                fixture.get("topics").asText(), "--doc-topic-prior", fixture.get("docTopicPrior").asText(),
                "--topic-word-prior", fixture.get("topicWordPrior").asText(), "--init",
                init(fixture, integerTerms).toString(), "--max-iter", fixture.get("iterations").asText(), "--tol", "0",
                "--inner-tol", "1e-12", "--max-inner-iter", "100000", "--threads", "2", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("lda fit: K = ");
        JsonNode model = JSON.readTree(out.toFile());
        assertThat(model.get("kind").asText()).isEqualTo("lda");
        assertThat(model.get("terms")).isEqualTo(integerTerms ? intArray(fixture.get("terms")) : fixture.get("terms"));
        JsonNode expected = fixture.get("expectedLambda");
        JsonNode actual = model.get("topicWord");
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.get(k).size()).isEqualTo(expected.get(k).size());
            for (int w = 0; w < expected.get(k).size(); w++) {
                double e = expected.get(k).get(w).doubleValue();
                assertThat(actual.get(k).get(w).doubleValue()).as("topicWord[%d][%d]", k, w)
                        .isCloseTo(e, within(LAMBDA_TOLERANCE * e));
            }
        }
        double bound = fixture.get("bound").doubleValue();
        assertThat(model.get("bound").doubleValue()).isCloseTo(bound, within(1e-9 * Math.abs(bound)));
        assertThat(model.get("docTopicPrior").doubleValue()).isEqualTo(fixture.get("docTopicPrior").doubleValue());
        assertThat(model.get("topicWordPrior").doubleValue()).isEqualTo(fixture.get("topicWordPrior").doubleValue());
        assertThat(model.get("iterations").intValue()).isEqualTo(fixture.get("iterations").intValue());

        EmCommandTest.Run transform = EmCommandTest.em("lda", "transform", "--model", out.toString(), "--data",
                data.toString());
        assertThat(transform.code()).as(transform.err()).isZero();
        List<String> lines = transform.out().lines().toList();
        int k = fixture.get("topics").intValue();
        StringBuilder header = new StringBuilder("doc");
        for (int t = 0; t < k; t++) {
            header.append(",t").append(t);
        }
        assertThat(lines.get(0)).isEqualTo(header.toString());
        JsonNode theta = fixture.get("transform");
        int row = 1;
        for (int d = 0; d < theta.size(); d++) {
            if (fixture.get("documents").get(d).isEmpty()) {
                continue; // an empty document has no line in the CSV
            }
            String[] cells = lines.get(row++).split(",");
            assertThat(cells[0]).isEqualTo("d" + d);
            for (int t = 0; t < k; t++) {
                assertThat(Double.parseDouble(cells[t + 1])).isCloseTo(theta.get(d).get(t).doubleValue(), within(1e-8));
            }
        }

        // The written model reads back bit for bit: zero iterations from it reproduce its topicWord.
        Path again = dir.resolve("again.json");
        EmCommandTest.Run rerun = EmCommandTest.em("lda", "fit", "--data", data.toString(), "--topics",
                Integer.toString(k), "--init", out.toString(), "--max-iter", "1", "--tol", "0", "--inner-tol", "1e-12",
                "--max-inner-iter", "100000", "--out", again.toString());
        assertThat(rerun.code()).as(rerun.err()).isZero();
        JsonNode trace = JSON.readTree(again.toFile()).get("logLikelihoodTrace");
        assertThat(trace.get(0).doubleValue()).isEqualTo(model.get("bound").doubleValue());
    }

    @Test
    void optimizeDocTopicPriorWritesTheEstimateOfTheNumpyReference() throws IOException {
        JsonNode fixture = fixture("lda_bars.json");
        JsonNode reference = fixture("lda_bars_alpha.json");
        Path out = dir.resolve("alpha.json");
        EmCommandTest.Run run = EmCommandTest.em("lda", "fit", "--data", csv(fixture).toString(), "--topics",
                fixture.get("topics").asText(), "--doc-topic-prior", fixture.get("docTopicPrior").asText(),
                "--topic-word-prior", fixture.get("topicWordPrior").asText(), "--optimize-doc-topic-prior", "--init",
                init(fixture, true).toString(), "--max-iter", fixture.get("iterations").asText(), "--tol", "0",
                "--inner-tol", "1e-12", "--max-inner-iter", "100000", "--threads", "2", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode alphas = reference.get("alphaTrace");
        double expected = alphas.get(alphas.size() - 1).doubleValue();
        assertThat(JSON.readTree(out.toFile()).get("docTopicPrior").doubleValue())
                .isCloseTo(expected, within(1e-8 * expected));
    }

    private static JsonNode intArray(JsonNode strings) {
        var array = JSON.createArrayNode();
        strings.forEach(s -> array.add(Integer.parseInt(s.asText())));
        return array;
    }

    @Test
    void badInputIsOneLineAndLeavesTheOutputIntact() throws IOException {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "doc,term,count\nd1,ship,2\nd1,sail,-1\n", StandardCharsets.UTF_8);
        Path out = dir.resolve("keep.json");
        Files.writeString(out, "{\"old\": true}", StandardCharsets.UTF_8);
        EmCommandTest.Run run = EmCommandTest.em("lda", "fit", "--data", data.toString(), "--topics", "2",
                "--out", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("em: " + data + ": line 3, column 3: \"-1\" is not a count (a finite number >= 0)");
        assertThat(Files.readString(out)).isEqualTo("{\"old\": true}");

        Path good = dir.resolve("good.csv");
        Files.writeString(good, "doc,term,count\nd1,ship,2\nd1,sail,1\nd2,bread,3\nd2,oven,1\n", StandardCharsets.UTF_8);
        Path model = dir.resolve("m.json");
        assertThat(EmCommandTest.em("lda", "fit", "--data", good.toString(), "--topics", "2", "--out",
                model.toString()).code()).isZero();
        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "doc,term,count\nx,ship,1\nx,zebra,2\n", StandardCharsets.UTF_8);
        EmCommandTest.Run transform = EmCommandTest.em("lda", "transform", "--model", model.toString(), "--data",
                unknown.toString());
        assertThat(transform.code()).isEqualTo(1);
        assertThat(transform.err()).contains("line 3").contains("unknown term \"zebra\"").hasLineCount(1);

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "doc,term,count\n", StandardCharsets.UTF_8);
        EmCommandTest.Run none = EmCommandTest.em("lda", "fit", "--data", empty.toString(), "--topics", "2");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).contains("no documents").hasLineCount(1);

        assertThat(EmCommandTest.em("lda", "fit", "--data", good.toString()).code()).isEqualTo(2);
    }
}
