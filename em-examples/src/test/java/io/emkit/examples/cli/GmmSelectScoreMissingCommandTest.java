package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.gmm.GaussianMixture;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code em gmm score --missing} (the observed-data log-likelihood, against the textbook numpy
 * reference in fixtures/missing/) and {@code em gmm select --missing} (every cell fitted on the
 * observed-data likelihood).
 */
class GmmSelectScoreMissingCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    JsonNode fixture;
    Path data;

    @BeforeEach
    void writeData() throws IOException {
        fixture = JSON.readTree(Path.of(System.getProperty("basedir", ".")).resolve(
                "../fixtures/missing/gmm-missing-d4-k3-full.json").normalize().toFile());
        StringBuilder text = new StringBuilder("a,b,c,d\n");
        JsonNode rows = fixture.get("data");
        JsonNode missing = fixture.get("missing");
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 4; j++) {
                text.append(j == 0 ? "" : ",").append(missing.get(i).get(j).asInt() == 1 ? (i % 2 == 0 ? "NA" : "")
                        : Double.toString(rows.get(i).get(j).asDouble()));
            }
            text.append('\n');
        }
        data = dir.resolve("x.csv");
        Files.writeString(data, text);
    }

    @Test
    void scoreIsTheObservedDataLogLikelihood() throws IOException {
        JsonNode expected = fixture.get("expected");
        double[][] means = HmmMissingCommandTest.matrix(expected.get("means"));
        double[][][] covariances = new double[3][][];
        for (int j = 0; j < 3; j++) {
            covariances[j] = HmmMissingCommandTest.matrix(expected.get("covariances").get(j));
        }
        Path model = dir.resolve("m.json");
        ModelJson.write(new SavedModel.Gmm(GaussianMixture.full(HmmMissingCommandTest.vector(expected.get("weights")),
                means, covariances), false, Optional.empty()), model);
        double reference = expected.get("logLikelihood").asDouble();

        EmCommandTest.Run score = em("gmm", "score", "--model", model.toString(), "--data", data.toString(),
                "--missing");
        assertThat(score.code()).as(score.err()).isZero();
        JsonNode json = JSON.readTree(score.out());
        assertThat(json.get("logLikelihood").asDouble()).isCloseTo(reference, within(1e-9 * Math.abs(reference)));
        assertThat(json.get("n").asInt()).isEqualTo(150);

        EmCommandTest.Run perSample = em("gmm", "score", "--model", model.toString(), "--data", data.toString(),
                "--missing", "--per-sample");
        assertThat(perSample.code()).as(perSample.err()).isZero();
        List<String> lines = perSample.out().lines().toList();
        assertThat(lines).hasSize(151);
        double sum = lines.stream().skip(1).mapToDouble(Double::parseDouble).sum();
        assertThat(sum).isCloseTo(reference, within(1e-9 * Math.abs(reference)));

        EmCommandTest.Run without = em("gmm", "score", "--model", model.toString(), "--data", data.toString());
        assertThat(without.code()).isNotZero();
        assertThat(without.err()).contains("use --missing").hasLineCount(1);
    }

    @Test
    void selectFitsEveryCellOnTheObservedData() throws IOException {
        Path best = dir.resolve("best.json");
        EmCommandTest.Run select = em("gmm", "select", "--data", data.toString(), "--components", "1-4",
                "--covariance", "full,diag", "--missing", "--format", "json", "--seed", "2", "--out", best.toString(),
                "-q");
        assertThat(select.code()).as(select.err()).isZero();
        JsonNode json = JSON.readTree(select.out());
        JsonNode table = json.get("table");
        assertThat(table).hasSize(8);
        int n = 150;
        for (JsonNode row : table) {
            assertThat(row.get("status").asText()).as(row.toString()).isEqualTo("ok");
            int k = row.get("components").asInt();
            int p = row.get("model").asText().endsWith("full") ? (k - 1) + k * 4 + k * 10 : (k - 1) + k * 4 + k * 4;
            assertThat(row.get("parameters").asInt()).isEqualTo(p);
            assertThat(row.get("bic").asDouble()).isCloseTo(-2 * row.get("logLikelihood").asDouble()
                    + p * Math.log(n), within(1e-6));
        }
        // three clusters in the fixture's data
        assertThat(json.get("best").get("components").asInt()).isEqualTo(3);
        JsonNode chosen = null;
        for (JsonNode row : table) {
            if (row.get("components").equals(json.get("best").get("components"))
                    && row.get("model").equals(json.get("best").get("model"))) {
                chosen = row;
            }
        }
        // the written model scores (observed data) at least the table's log-likelihood, and close to it
        EmCommandTest.Run score = em("gmm", "score", "--model", best.toString(), "--data", data.toString(),
                "--missing");
        assertThat(score.code()).as(score.err()).isZero();
        double scored = JSON.readTree(score.out()).get("logLikelihood").asDouble();
        double tabled = chosen.get("logLikelihood").asDouble();
        assertThat(scored).isGreaterThanOrEqualTo(tabled - 1e-9 * Math.abs(tabled)).isCloseTo(tabled, within(1.0));

        EmCommandTest.Run hc = em("gmm", "select", "--data", data.toString(), "--components", "1-2", "--init", "hc",
                "--missing");
        assertThat(hc.code()).isNotZero();
        assertThat(hc.err()).isEqualTo("em: --init hc cannot be combined with --missing: the hierarchy needs complete"
                + " rows; use --init kmeans++\n");
    }
}
