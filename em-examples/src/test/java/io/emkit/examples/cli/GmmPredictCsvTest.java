package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code em gmm predict --format csv}: a header, row ids, labels, probabilities and log densities. */
class GmmPredictCsvTest {

    @TempDir
    Path dir;

    @Test
    void csvHasAHeaderRowIdsProbabilitiesAndLogDensities() throws IOException {
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0,0],[10,10]],\"covariances\":[1,1]}", StandardCharsets.UTF_8);
        Path data = dir.resolve("x.csv");
        Files.writeString(data, "a,b\n0,0\n10,10\n", StandardCharsets.UTF_8);
        EmCommandTest.Run run = em("gmm", "predict", "--model", model.toString(), "--data", data.toString(),
                "--proba", "--format", "csv");
        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,label,p0,p1,logDensity");
        assertThat(lines.get(1)).startsWith("0,0,1.0,");
        assertThat(lines.get(2)).startsWith("1,1,");
        // log p(x) at a component's mean: log(0.5) - log(2π) (the other component adds ~e^-100)
        double logDensity = Double.parseDouble(lines.get(1).split(",")[4]);
        assertThat(logDensity).isCloseTo(Math.log(0.5) - Math.log(2 * Math.PI), within(1e-12));
        EmCommandTest.Run plain = em("gmm", "predict", "--model", model.toString(), "--data", data.toString());
        assertThat(plain.out().lines().toList()).containsExactly("0", "1");
    }
}
