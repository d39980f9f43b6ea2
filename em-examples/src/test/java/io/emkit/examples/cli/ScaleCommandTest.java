package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --stream}, {@code --cache} and {@code --online} on {@code em gmm fit} and {@code em hmm fit}. */
class ScaleCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path clusters(int n) throws IOException {
        SplittableRandom random = new SplittableRandom(8);
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3);
            text.append(4 * c + random.nextGaussian()).append(',').append(c * c - c + random.nextGaussian())
                    .append('\n');
        }
        Path file = dir.resolve("x.csv");
        Files.writeString(file, text);
        return file;
    }

    private JsonNode fit(String... args) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".json");
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out", out.toString(), "-q")).toArray(String[]::new);
        EmCommandTest.Run run = em(all);
        assertThat(run.code()).as(run.err()).isZero();
        return JSON.readTree(out.toFile());
    }

    @Test
    void aStreamedFitWritesTheInMemoryModelAndACache() throws IOException {
        Path data = clusters(6000);
        String[] common = {"gmm", "fit", "--data", data.toString(), "--components", "3", "--seed", "2", "--tol", "1e-6",
            "--threads", "2"};
        JsonNode memory = fit(common);
        JsonNode streamed = fit(Stream.concat(Stream.of(common), Stream.of("--stream")).toArray(String[]::new));
        assertThat(streamed.get("logLikelihood")).isEqualTo(memory.get("logLikelihood"));
        assertThat(streamed.get("means")).isEqualTo(memory.get("means"));
        assertThat(streamed.get("covariances")).isEqualTo(memory.get("covariances"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("x.csv.")
                    && p.toString().endsWith(".emcache"))).hasSize(1);
        }
        Path caches = dir.resolve("caches");
        JsonNode cached = fit(Stream.concat(Stream.of(common), Stream.of("--stream", "--cache", caches.toString()))
                .toArray(String[]::new));
        assertThat(cached.get("logLikelihood")).isEqualTo(memory.get("logLikelihood"));
        try (Stream<Path> files = Files.list(caches)) {
            assertThat(files).hasSize(1);
        }
        // the summary names the streaming
        EmCommandTest.Run run = em(Stream.concat(Stream.of(common), Stream.of("--stream", "--no-cache"))
                .toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("n = 6000, d = 2, streamed without a cache");
    }

    @Test
    void onlineFitsEndNearTheBatchFitInMemoryAndStreamed() throws IOException {
        Path data = clusters(20000);
        JsonNode batch = fit("gmm", "fit", "--data", data.toString(), "--components", "3", "--tol", "1e-8",
                "--max-iter", "500");
        JsonNode online = fit("gmm", "fit", "--data", data.toString(), "--components", "3", "--online",
                "--batch-size", "1000", "--passes", "3", "--tol", "0");
        JsonNode streamed = fit("gmm", "fit", "--data", data.toString(), "--components", "3", "--online",
                "--batch-size", "1000", "--passes", "3", "--stream");
        double optimum = batch.get("logLikelihood").asDouble();
        assertThat((optimum - online.get("logLikelihood").asDouble()) / 20000).isBetween(-1e-9, 1e-3);
        assertThat((optimum - streamed.get("logLikelihood").asDouble()) / 20000).isBetween(-1e-9, 1e-3);
        assertThat(online.get("iterations").asInt()).isEqualTo(4); // burn-in and three passes (--tol 0)
        assertThat(streamed.get("iterations").asInt()).isBetween(3, 4); // the default --tol may stop after two
    }

    @Test
    void onlineHmmFit() throws IOException {
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(3);
        for (int s = 0; s < 60; s++) {
            int state = 0;
            for (int t = 0; t < 100; t++) {
                if (random.nextDouble() < 0.1) {
                    state = 1 - state;
                }
                text.append("seq").append(s).append(',').append(state * 5 + random.nextGaussian()).append('\n');
            }
        }
        Path data = dir.resolve("g.csv");
        Files.writeString(data, text);
        JsonNode batch = fit("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian",
                "--tol", "1e-9", "--max-iter", "500");
        JsonNode online = fit("hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian",
                "--online", "--batch-size", "500", "--passes", "4");
        assertThat((batch.get("logLikelihood").asDouble() - online.get("logLikelihood").asDouble()) / 6000)
                .isBetween(-1e-9, 1e-3);
    }

    @Test
    void scaleOptionsWithoutTheirSwitchAreRefused() throws IOException {
        Path data = clusters(100);
        EmCommandTest.Run run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--passes", "3");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("em: --batch-size, --passes and --kappa need --online\n");
        run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--cache", dir.toString());
        assertThat(run.err()).isEqualTo("em: --cache, --no-cache, --sample-size and --progress need --stream\n");
        Files.writeString(dir.resolve("w.csv"), "1\n".repeat(100));
        run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--stream", "--weights",
                dir.resolve("w.csv").toString());
        assertThat(run.code()).as(run.err()).isZero(); // --weights streams too (WeightedStreamCommandTest)
        run = em("gmm", "fit", "--data", dir.resolve("none.csv").toString(), "--components", "2", "--stream");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).endsWith("none.csv: no such file\n");
        run = em("gmm", "fit", "--data", data.toString(), "--components", "200", "--stream");
        assertThat(run.err()).startsWith("em: --components (200) exceeds the number of samples (100)");
        run = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--online", "--kappa", "0.4");
        assertThat(run.err()).isEqualTo("em: --kappa (0.4) must be in (0.5, 1]\n");
    }
}
