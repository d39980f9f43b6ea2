package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em gmm fit --weights W.csv --stream}: the weights are read in lockstep with the data chunks. */
class WeightedStreamCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode fit(String... args) throws IOException {
        EmCommandTest.Run run = em(args);
        assertThat(run.code()).as(run.err()).isZero();
        ObjectNode json = (ObjectNode) JSON.readTree(run.out());
        json.remove("fitSeconds");
        return json;
    }

    @Test
    void aStreamedWeightedFitWritesTheInMemoryWeightedModel() throws IOException {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder data = new StringBuilder("x,y\n");
        StringBuilder weights = new StringBuilder("weight\n");
        for (int i = 0; i < 3000; i++) {
            int c = random.nextInt(2);
            data.append(5 * c + random.nextGaussian()).append(',').append(random.nextGaussian()).append('\n');
            weights.append(random.nextInt(4) * 0.5).append('\n');
        }
        Path x = dir.resolve("x.csv");
        Path w = dir.resolve("w.csv");
        Files.writeString(x, data);
        Files.writeString(w, weights);
        String[] common = {"gmm", "fit", "--data", x.toString(), "--weights", w.toString(), "--components", "2",
            "--seed", "3", "--threads", "2", "-q"};
        JsonNode memory = fit(common);
        JsonNode streamed = fit(java.util.stream.Stream.concat(java.util.stream.Stream.of(common),
                java.util.stream.Stream.of("--stream")).toArray(String[]::new));
        assertThat(streamed).isEqualTo(memory);
        JsonNode unweighted = fit("gmm", "fit", "--data", x.toString(), "--components", "2", "--seed", "3", "-q",
                "--stream");
        assertThat(unweighted.get("logLikelihood")).isNotEqualTo(memory.get("logLikelihood"));
        Files.writeString(w, "1\n".repeat(2999));
        EmCommandTest.Run short_ = em(java.util.stream.Stream.concat(java.util.stream.Stream.of(common),
                java.util.stream.Stream.of("--stream")).toArray(String[]::new));
        assertThat(short_.err()).isEqualTo("em: " + w + ": 2999 weights for 3000 data rows\n");
    }
}
