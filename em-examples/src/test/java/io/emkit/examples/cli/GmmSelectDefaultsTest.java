package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * With its default tolerance, {@code em gmm select} over the four default covariance types picks what
 * mclust picks among the same four models (VVV, VVI, VII, EEE) in fixtures/mclust: EEE (tied) with 3
 * components on Old Faithful, VVV (full) with 2 on Iris.
 */
class GmmSelectDefaultsTest {

    @TempDir
    Path dir;

    private Path bundled(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = GmmSelectDefaultsTest.class.getResourceAsStream("/io/emkit/examples/data/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"old-faithful.csv, tied, 3", "iris.csv, full, 2"})
    void selectsMclustsModelByDefault(String file, String model, int components) throws IOException {
        EmCommandTest.Run run = em("gmm", "select", "--data", bundled(file).toString(), "--components", "1-6",
                "--drop", file.startsWith("iris") ? "species" : "", "--format", "json", "-q");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode best = new ObjectMapper().readTree(run.out()).get("best");
        assertThat(best.get("model").asText()).isEqualTo(model);
        assertThat(best.get("components").asInt()).isEqualTo(components);
    }
}
