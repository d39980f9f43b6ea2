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

/** {@code em hmm fit ... --stream}: the in-memory model from a file read sequence by sequence. */
class HmmStreamCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** 40 sequences of a two-state switching process: words (categorical) or numbers (gaussian). */
    private Path sequences(String name, boolean words) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        StringBuilder text = new StringBuilder(words ? "id,weather\n" : "id,x,y\n");
        String[][] symbols = {{"sun", "sun", "cloud"}, {"rain", "cloud", "rain"}};
        for (int s = 0; s < 40; s++) {
            int state = 0;
            int length = 30 + random.nextInt(120);
            for (int t = 0; t < length; t++) {
                if (random.nextDouble() < 0.1) {
                    state = 1 - state;
                }
                text.append("run-").append(s).append(',');
                if (words) {
                    text.append(symbols[state][random.nextInt(3)]);
                } else {
                    text.append(state * 3 + random.nextGaussian()).append(',').append(-state + random.nextGaussian());
                }
                text.append('\n');
            }
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private JsonNode fit(String... args) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".json");
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out", out.toString(), "-q")).toArray(String[]::new);
        EmCommandTest.Run run = em(all);
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(out.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("fitSeconds");
        return json;
    }

    private static String[] with(String[] common, String... more) {
        return Stream.concat(Stream.of(common), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aStreamedCategoricalFitWritesTheInMemoryModelWithItsSymbols() throws IOException {
        Path data = sequences("w.csv", true);
        String[] common = {"hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical",
            "--seed", "3", "--threads", "2", "--tol", "0"};
        JsonNode memory = fit(with(common, "--max-iter", "40"));
        JsonNode streamed = fit(with(common, "--max-iter", "40", "--stream"));
        assertThat(streamed).isEqualTo(memory); // every key and every double, the symbols included
        assertThat(streamed.get("symbols")).hasSize(3); // sun, cloud, rain in order of first appearance
        // from the cache now, and warm-started from a model file with its alphabet
        Path start = dir.resolve("start.json");
        Files.writeString(start, memory.toString());
        JsonNode warmMemory = fit(with(common, "--init", start.toString(), "--max-iter", "5"));
        JsonNode warmStreamed = fit(with(common, "--init", start.toString(), "--max-iter", "5", "--stream"));
        assertThat(warmStreamed).isEqualTo(warmMemory);
    }

    @Test
    void aStreamedGaussianFitIsTheInMemoryFitForEveryChunkingOfItsSample() throws IOException {
        Path data = sequences("g.csv", false);
        String[] common = {"hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "gaussian",
            "--seed", "1", "--tol", "1e-8"};
        JsonNode memory = fit(common);
        assertThat(fit(with(common, "--stream", "--threads", "1"))).isEqualTo(memory);
        assertThat(fit(with(common, "--stream", "--no-cache", "--threads", "2"))).isEqualTo(memory);
        EmCommandTest.Run run = em(with(common, "--stream", "--sample-size", "500"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("hmm fit: 2 states, gaussian emissions, 40 sequences (").contains("streamed");
        // online EM over the file too, sequences as the unit
        JsonNode online = fit(with(common, "--stream", "--online", "--batch-size", "1000", "--passes", "3"));
        double steps = Files.readAllLines(data).size() - 1;
        assertThat((memory.get("logLikelihood").asDouble() - online.get("logLikelihood").asDouble()) / steps)
                .isBetween(-1e-9, 1e-2);
    }

    @Test
    void anInterleavedIdIsTheInMemoryError() throws IOException {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, "id,x\na,1\na,2\nb,1\na,0\n");
        String[] common = {"hmm", "fit", "--data", data.toString(), "--states", "2", "--emission", "categorical"};
        EmCommandTest.Run memory = em(common);
        EmCommandTest.Run streamed = em(with(common, "--stream"));
        assertThat(memory.code()).isEqualTo(1);
        assertThat(streamed.code()).isEqualTo(1);
        assertThat(streamed.err()).isEqualTo(memory.err())
                .isEqualTo("em: " + data + ": sequence id \"a\" reappears at line 5 after other ids (its rows so far"
                        + " end at line 3); group each sequence's rows together\n");
        Files.writeString(data, "id,x\na,1\na,2\nb,1\n");
        assertThat(em("hmm", "fit", "--data", data.toString(), "--states", "9", "--emission", "categorical",
                "--stream").err())
                .isEqualTo("em: --states (9) exceeds the number of observations (3) in " + data + "\n");
    }
}
