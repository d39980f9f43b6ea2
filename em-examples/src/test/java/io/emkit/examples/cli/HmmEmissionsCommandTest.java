package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code em hmm} over every emission family of the family layer: Gaussian with each covariance
 * structure (native JSON shapes, read back as the same type), Gaussian mixtures per state, Poisson
 * counts and Bernoulli vectors; each sampled, fitted and decoded end to end.
 */
class HmmEmissionsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** Samples from a model file and returns the observations as a sequence CSV (id, then values). */
    private Path sampled(Path model, int length, int sequences) throws IOException {
        EmCommandTest.Run sample = em("hmm", "sample", "--model", model.toString(), "--length", "" + length,
                "--sequences", "" + sequences, "--seed", "4");
        assertThat(sample.code()).as(sample.err()).isZero();
        StringBuilder text = new StringBuilder();
        for (String line : sample.out().lines().skip(1).toList()) {
            String[] cells = line.split(",");
            text.append(cells[0]);
            for (int c = 3; c < cells.length; c++) {
                text.append(',').append(cells[c]);
            }
            text.append('\n');
        }
        return write("sampled.csv", text.toString());
    }

    private JsonNode fit(Path data, String... flags) throws IOException {
        Path out = dir.resolve("fit.json");
        String[] args = new String[flags.length + 7];
        args[0] = "hmm";
        args[1] = "fit";
        args[2] = "--data";
        args[3] = data.toString();
        args[4] = "--out";
        args[5] = out.toString();
        args[6] = "-q";
        System.arraycopy(flags, 0, args, 7, flags.length);
        EmCommandTest.Run run = em(args);
        assertThat(run.code()).as(run.err()).isZero();
        EmCommandTest.Run decode = em("hmm", "decode", "--model", out.toString(), "--data", data.toString());
        assertThat(decode.code()).as(decode.err()).isZero();
        return JSON.readTree(out.toFile());
    }

    private static final String GAUSSIAN_2D = "{\"kind\":\"hmm\",\"emission\":\"gaussian\",\"covarianceType\":\"full\","
            + "\"startProb\":[0.5,0.5],\"transitions\":[[0.9,0.1],[0.2,0.8]],\"emissions\":{\"means\":[[0,0],[6,-6]],"
            + "\"covariances\":[[[1,0.3],[0.3,1]],[[2,0],[0,0.5]]]}}";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"full", "diag", "spherical", "tied"})
    void gaussianEmissionsKeepTheirNativeShape(String covariance) throws IOException {
        Path data = sampled(write("truth.json", GAUSSIAN_2D), 150, 3);
        JsonNode json = fit(data, "--states", "2", "--emission", "gaussian", "--covariance", covariance,
                "--max-iter", "30");
        assertThat(json.get("covarianceType").asText()).isEqualTo(covariance);
        JsonNode covariances = json.get("emissions").get("covariances");
        switch (covariance) {
            case "full" -> assertThat(covariances.get(0).get(0)).hasSize(2); // [S][d][d]
            case "diag" -> assertThat(covariances.get(0).get(0).isNumber()).isTrue(); // [S][d]
            case "spherical" -> assertThat(covariances.get(0).isNumber()).isTrue(); // [S]
            default -> assertThat(covariances).hasSize(2).allMatch(row -> row.size() == 2); // [d][d]
        }
        // read back as the same type: a warm start from the file continues with the same structure
        Path model = dir.resolve("fit.json");
        Path again = dir.resolve("again.json");
        EmCommandTest.Run rerun = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission",
                "gaussian", "--covariance", covariance, "--init", model.toString(), "--max-iter", "1",
                "--out", again.toString(), "-q");
        assertThat(rerun.code()).as(rerun.err()).isZero();
        assertThat(JSON.readTree(again.toFile()).get("covarianceType").asText()).isEqualTo(covariance);
    }

    @Test
    void gaussianMixtureEmissionsPerState() throws IOException {
        Path data = sampled(write("truth.json", GAUSSIAN_2D), 150, 3);
        JsonNode json = fit(data, "--states", "2", "--emission", "gmm", "--mixture-components", "2",
                "--max-iter", "20");
        assertThat(json.get("emission").asText()).isEqualTo("gmm");
        JsonNode e = json.get("emissions");
        assertThat(e.get("weights")).hasSize(2).allMatch(row -> row.size() == 2); // [S][M]
        assertThat(e.get("means").get(0)).hasSize(2); // [S][M][d]
        assertThat(e.get("means").get(0).get(0)).hasSize(2);
        assertThat(e.get("covariances").get(1).get(1)).hasSize(2); // [S][M][d][d]
        assertThat(e.get("covariances").get(1).get(1).get(0)).hasSize(2);
        for (JsonNode row : e.get("weights")) {
            assertThat(row.get(0).asDouble() + row.get(1).asDouble()).isCloseTo(1.0,
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void poissonCountsAreFittedAndARateIsRecovered() throws IOException {
        Path truth = write("poisson.json", "{\"kind\":\"hmm\",\"emission\":\"poisson\",\"startProb\":[0.5,0.5],"
                + "\"transitions\":[[0.95,0.05],[0.05,0.95]],\"emissions\":{\"rates\":[[2],[15]]}}");
        JsonNode json = fit(sampled(truth, 400, 4), "--states", "2", "--emission", "poisson", "--max-iter", "100",
                "--restarts", "2");
        JsonNode rates = json.get("emissions").get("rates");
        double low = Math.min(rates.get(0).get(0).asDouble(), rates.get(1).get(0).asDouble());
        double high = Math.max(rates.get(0).get(0).asDouble(), rates.get(1).get(0).asDouble());
        assertThat(low).isBetween(1.7, 2.3);
        assertThat(high).isBetween(14.0, 16.0);
    }

    @Test
    void bernoulliVectorsUseTheUserWrittenFamily() throws IOException {
        Path truth = write("bernoulli.json", "{\"kind\":\"hmm\",\"emission\":\"bernoulli\",\"startProb\":[1,0],"
                + "\"transitions\":[[0.9,0.1],[0.1,0.9]],\"emissions\":{\"probabilities\":[[0.9,0.9,0.1],"
                + "[0.1,0.2,0.9]]}}");
        JsonNode json = fit(sampled(truth, 300, 3), "--states", "2", "--emission", "bernoulli", "--max-iter", "60");
        assertThat(json.get("emission").asText()).isEqualTo("bernoulli");
        assertThat(json.get("emissions").get("probabilities")).hasSize(2).allMatch(row -> row.size() == 3);
    }

    @Test
    void anUnknownEmissionNamesTheChoices() throws IOException {
        Path data = write("x.csv", "a,1\na,2\n");
        EmCommandTest.Run run = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "beta");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--emission must be categorical, gaussian, gmm, poisson or bernoulli");
    }
}
