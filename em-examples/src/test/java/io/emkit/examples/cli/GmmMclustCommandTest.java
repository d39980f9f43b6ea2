package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em gmm select --models}, {@code fit --model}, {@code score}: CLI.md's exact keys, against mclust. */
class GmmMclustCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path mclust(String file) {
        return EmCommandTest.fixturesDir().resolve("mclust").resolve(file);
    }

    @Test
    void selectJsonIsMclustsTable() throws IOException {
        Path plot = dir.resolve("bic.png");
        EmCommandTest.Run run = EmCommandTest.em("gmm", "select", "--data", mclust("faithful.csv").toString(),
                "--components", "1-4", "--models", "EEE,VVV,VEV", "--init", "hc", "--format", "json", "--plot",
                plot.toString(), "--quiet");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("criterion", "table", "best");
        assertThat(root.get("criterion").asText()).isEqualTo("bic");
        assertThat(root.get("table")).hasSize(12);
        JsonNode first = root.get("table").get(0);
        List<String> rowKeys = new ArrayList<>();
        first.fieldNames().forEachRemaining(rowKeys::add);
        assertThat(rowKeys).containsExactly("model", "components", "logLikelihood", "parameters", "bic", "status");
        assertThat(root.get("best").get("model").asText()).isEqualTo("EEE");
        assertThat(root.get("best").get("components").asInt()).isEqualTo(3);
        // mclust's EEE, G = 3 cell: loglik -1126.3262, df 11, BIC (mclust's sign) -2314.3163
        JsonNode eee3 = null;
        for (JsonNode row : root.get("table")) {
            if (row.get("model").asText().equals("EEE") && row.get("components").asInt() == 3) {
                eee3 = row;
            }
        }
        assertThat(eee3).isNotNull();
        assertThat(eee3.get("parameters").asInt()).isEqualTo(11);
        assertThat(eee3.get("bic").asDouble()).isCloseTo(2314.31629566578, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Files.size(plot)).isPositive();
    }

    @Test
    void fitWithModelWritesMclustJsonAndScoreReadsIt() throws IOException {
        Path model = dir.resolve("vev.json");
        EmCommandTest.Run fit = EmCommandTest.em("gmm", "fit", "--data", mclust("iris.csv").toString(),
                "--components", "2", "--model", "VEV", "--init", "hc", "--out", model.toString(), "--quiet");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = JSON.readTree(model.toFile());
        assertThat(json.get("covarianceModel").asText()).isEqualTo("VEV");
        assertThat(json.get("covariances")).hasSize(2);
        assertThat(json.get("covariances").get(0)).hasSize(4);
        EmCommandTest.Run score = EmCommandTest.em("gmm", "score", "--model", model.toString(), "--data",
                mclust("iris.csv").toString());
        assertThat(score.code()).as(score.err()).isZero();
        JsonNode s = JSON.readTree(score.out());
        List<String> keys = new ArrayList<>();
        s.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("logLikelihood", "mean", "n");
        // mclust: Mclust(iris[,1:4], G = 2, modelNames = "VEV")$loglik = -215.7260
        assertThat(s.get("logLikelihood").asDouble()).isCloseTo(-215.726, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(s.get("n").asInt()).isEqualTo(150);
        assertThat(s.get("mean").asDouble()).isCloseTo(s.get("logLikelihood").asDouble() / 150,
                org.assertj.core.data.Offset.offset(1e-12));
        EmCommandTest.Run perSample = EmCommandTest.em("gmm", "score", "--model", model.toString(), "--data",
                mclust("iris.csv").toString(), "--per-sample");
        assertThat(perSample.out().split("\n")).hasSize(151);
    }

    @Test
    void unknownModelIsAUsageError() {
        EmCommandTest.Run run = EmCommandTest.em("gmm", "fit", "--data", mclust("iris.csv").toString(),
                "--components", "2", "--model", "XYZ");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--model").contains("EII").doesNotContain("Exception");
    }
}
