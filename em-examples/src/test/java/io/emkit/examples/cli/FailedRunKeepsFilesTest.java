package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing run, and a run killed at any moment, never damage an existing {@code --out} file: it is
 * either the old file, byte for byte, or a complete new model.
 */
class FailedRunKeepsFilesTest {

    private static final String OLD = "{\"kind\": \"old model, keep me\"}\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String blobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < n; i++) {
            double c = 4 * (i % 3);
            text.append(c + random.nextGaussian()).append(',').append(c + random.nextGaussian()).append('\n');
        }
        return text.toString();
    }

    @Test
    void failingFitsLeaveTheOldModelIntact() throws IOException {
        Path out = write("model.json", OLD);
        Path data = write("data.csv", blobs(30, 1));
        StringBuilder heavy = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            heavy.append(i == 4 ? "1e300" : "1").append('\n');
        }
        Path weights = write("w.csv", heavy.toString());
        Path words = write("words.csv", "x,y\n1,2\n3,abc\n");
        Path sequences = write("seq.csv", "a,1\na,2\n");
        List<String[]> failing = List.of(
                new String[] {"gmm", "fit", "--data", data.toString(), "--components", "3", "--weights",
                    weights.toString(), "--out", out.toString()},
                new String[] {"gmm", "fit", "--data", words.toString(), "--components", "1", "--out", out.toString()},
                new String[] {"gmm", "fit", "--data", data.toString(), "--components", "31", "--out", out.toString()},
                new String[] {"hmm", "fit", "--data", sequences.toString(), "--states", "3", "--emission", "gaussian",
                    "--out", out.toString()});
        for (String[] args : failing) {
            EmCommandTest.Run run = em(args);
            assertThat(run.code()).as(String.join(" ", args)).isNotZero();
            assertThat(run.err()).startsWith("em: ").doesNotContain("Exception");
            assertThat(Files.readString(out)).isEqualTo(OLD);
        }
        assertThat(run(List.of("gmm", "fit", "--data", data.toString(), "--components", "3", "--weights",
                weights.toString())).err()).contains("weights[4] (1.0E300) carries all but 29.0 of the total weight");
    }

    private static EmCommandTest.Run run(List<String> args) {
        return em(args.toArray(new String[0]));
    }

    @Test
    void aRunKilledAtAnyMomentLeavesTheOldFileOrACompleteNewOne() throws Exception {
        Path data = write("big.csv", blobs(30_000, 2));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ObjectMapper json = new ObjectMapper();
        int replaced = 0; // how many killed runs got as far as writing depends on the machine
        for (int attempt = 0; attempt < 5; attempt++) {
            Path out = write("model" + attempt + ".json", OLD);
            List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "io.emkit.examples.cli.EmCommand", "gmm", "fit", "--data", data.toString(), "--components", "3",
                    "--max-iter", "40", "--tol", "0", "--threads", "1", "-q", "--out", out.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File(dir.toFile(), "log" + attempt)).start();
            // kill after a spread of delays: before, during and after the model is written
            // (the last run is left to finish)
            boolean finished = process.waitFor(attempt < 4 ? 300L + 700L * attempt : 120_000L, TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
            String content = Files.readString(out);
            if (!content.equals(OLD)) {
                replaced++;
                assertThat(json.readTree(content).get("kind").asText()).isEqualTo("gmm");
            }
        }
        assertThat(replaced).as("the run left to finish wrote its model").isPositive();
    }
}
