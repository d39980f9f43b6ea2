package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.examples.cli.EmCommandTest.Run;
import io.emkit.examples.data.BundledData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --accelerate}, {@code --tol-rule}, {@code eSteps} and the cap warning on the command line. */
class ConvergenceCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path faithful() throws IOException {
        StringBuilder text = new StringBuilder("eruptions,waiting\n");
        for (double[] row : BundledData.oldFaithful().features()) {
            text.append(row[0]).append(',').append(row[1]).append('\n');
        }
        Path file = dir.resolve("faithful.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static JsonNode fit(String... args) throws IOException {
        Run run = em(args);
        assertThat(run.code()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static double[] path(JsonNode json) {
        JsonNode trace = json.get("logLikelihoodTrace");
        double[] path = new double[trace.size() + 1];
        for (int i = 0; i < trace.size(); i++) {
            path[i] = trace.get(i).asDouble();
        }
        path[trace.size()] = json.get("logLikelihood").asDouble();
        return path;
    }

    @Test
    void squaremReachesAtLeastPlainEmsLikelihoodInFewerESteps() throws IOException {
        String data = faithful().toString();
        JsonNode plain = fit("gmm", "fit", "--data", data, "--components", "3", "--covariance", "tied",
                "--tol", "1e-10", "--max-iter", "10000", "-q");
        JsonNode fast = fit("gmm", "fit", "--data", data, "--components", "3", "--covariance", "tied",
                "--tol", "1e-10", "--max-iter", "10000", "--accelerate", "squarem", "-q");
        assertThat(plain.get("eSteps").asLong()).isEqualTo(plain.get("iterations").asLong() + 1);
        assertThat(plain.get("converged").asBoolean()).isTrue();
        assertThat(fast.get("converged").asBoolean()).isTrue();
        assertThat(fast.get("eSteps").asLong()).isLessThanOrEqualTo(plain.get("eSteps").asLong() / 2);
        assertThat(fast.get("logLikelihood").asDouble())
                .isGreaterThanOrEqualTo(plain.get("logLikelihood").asDouble() - 1e-9 * 272);
    }

    @Test
    void relativeRuleStopsWhereMclustWould() throws IOException {
        double tol = 1e-5;
        JsonNode json = fit("gmm", "fit", "--data", faithful().toString(), "--components", "3", "--tol", "" + tol,
                "--tol-rule", "relative", "--max-iter", "10000", "-q");
        double[] path = path(json);
        int first = -1;
        for (int t = 1; t < path.length && first < 0; t++) {
            if (Math.abs(path[t] - path[t - 1]) <= tol * (1 + Math.abs(path[t]))) {
                first = t;
            }
        }
        assertThat(json.get("converged").asBoolean()).isTrue();
        assertThat(json.get("iterations").asInt()).isEqualTo(first);
    }

    @Test
    void hmmAndLdaFitsAcceptTheOptionsAndReportESteps() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder rolls = new StringBuilder("id,roll\n");
        for (int r = 0; r < 3; r++) {
            boolean loaded = false;
            for (int t = 0; t < 200; t++) {
                loaded = random.nextDouble() < (loaded ? 0.9 : 0.05);
                int roll = loaded && random.nextBoolean() ? 5 : random.nextInt(6);
                rolls.append(r).append(',').append(roll).append('\n');
            }
        }
        Path data = dir.resolve("rolls.csv");
        Files.writeString(data, rolls, StandardCharsets.UTF_8);
        JsonNode hmm = fit("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical",
                "--tol", "1e-9", "--max-iter", "5000", "--accelerate", "squarem", "--tol-rule", "absolute", "-q");
        assertThat(hmm.get("converged").asBoolean()).isTrue();
        assertThat(hmm.get("eSteps").asLong()).isBetween(hmm.get("iterations").asLong() + 1,
                4 * hmm.get("iterations").asLong() + 1);

        Path dtm = dir.resolve("dtm.csv");
        List<String> lines = new ArrayList<>(List.of("doc,term,count"));
        for (int doc = 0; doc < 12; doc++) {
            for (int term = 0; term < 6; term++) {
                lines.add(doc + ",w" + ((term + doc % 2 * 3) % 6) + "," + (1 + (doc * term) % 3));
            }
        }
        Files.write(dtm, lines, StandardCharsets.UTF_8);
        JsonNode lda = fit("lda", "fit", "--data", dtm.toString(), "--topics", "2", "--accelerate", "squarem", "-q");
        assertThat(lda.get("eSteps").asLong()).isEqualTo(lda.get("iterations").asLong() + 1); // no vector: plain EM
    }

    @Test
    void aFitAtTheCapWarnsOnStderrAndInTheJson() throws IOException {
        Run run = em("gmm", "fit", "--data", faithful().toString(), "--components", "2", "--tol", "1e-12",
                "--max-iter", "3");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("em: warning: stopped at the iteration cap (3) before converging");
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("converged").asBoolean()).isFalse();
        assertThat(json.get("warnings").get(0).asText()).startsWith("stopped at the iteration cap (3)");
        Run exact = em("gmm", "fit", "--data", faithful().toString(), "--components", "2", "--tol", "0",
                "--max-iter", "3");
        assertThat(exact.err()).doesNotContain("warning");
    }

    @Test
    void badChoicesAreUsageErrors() throws IOException {
        Run accelerate = em("gmm", "fit", "--data", faithful().toString(), "--components", "2", "--accelerate", "fast");
        assertThat(accelerate.code()).isEqualTo(2);
        assertThat(accelerate.err()).contains("--accelerate must be squarem or none, not \"fast\"");
        Run rule = em("hmm", "fit", "--data", "x.csv", "--states", "2", "--emission", "categorical",
                "--tol-rule", "percent");
        assertThat(rule.code()).isEqualTo(2);
        assertThat(rule.err()).contains("--tol-rule must be absolute or relative, not \"percent\"");
        assertThat(em("gmm", "fit", "--help").out()).contains("--accelerate", "--tol-rule");
        assertThat(em("hmm", "fit", "--help").out()).contains("--accelerate", "--tol-rule");
        assertThat(em("lda", "fit", "--help").out()).contains("--accelerate", "--tol-rule");
    }
}
