package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mclust-like summaries that gmm fit and hmm fit print on stderr (and -q silences). */
class FitSummaryCommandTest {

    @TempDir
    Path dir;

    @Test
    void gmmFitSummarisesTheModelAndEachComponent() throws IOException {
        Path data = dir.resolve("faithful.csv");
        try (InputStream in = getClass().getResourceAsStream("/io/emkit/examples/data/old-faithful.csv")) {
            Files.copy(in, data);
        }
        EmCommandTest.Run run = em("gmm", "fit", "--data", data.toString(), "--components", "2");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("Gaussian mixture full, 2 components, n = 272: log-likelihood -1130.26")
                .contains("11 parameters, BIC 2322.19").containsPattern("\\n +0 +0\\.6441 +175 +4\\.290, 79\\.97")
                .containsPattern("\\n +1 +0\\.3559 +97 +2\\.036, 54\\.48");
        assertThat(em("gmm", "fit", "--data", data.toString(), "--components", "2", "-q").err()).isEmpty();
    }

    @Test
    void hmmFitSummarisesEachState() throws IOException {
        Path data = dir.resolve("coins.csv");
        StringBuilder text = new StringBuilder();
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        int state = 0;
        for (int t = 0; t < 400; t++) {
            if (random.nextDouble() < 0.05) {
                state = 1 - state;
            }
            text.append("a,").append(random.nextDouble() < (state == 0 ? 0.9 : 0.2) ? 1 : 0).append('\n');
        }
        Files.writeString(data, text, StandardCharsets.UTF_8);
        EmCommandTest.Run run = em("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission",
                "categorical", "--restarts", "3");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("hidden Markov model, 2 states, categorical emissions")
                .containsPattern("\\n +0 +[01]\\.\\d{4} +0\\.9\\d{3} +most often symbol [01]")
                .containsPattern("\\n +1 +[01]\\.\\d{4} +0\\.9\\d{3} +most often symbol [01]");
    }
}
