package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.gmm.GaussianMixture;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.ModelFiles;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A library user reads what {@code em} writes with em-io's ModelFiles alone, and the tool reads what ModelFiles writes. */
class ModelFilesFromTheCliTest {

    @TempDir
    Path dir;

    @Test
    void aGmmFitTheToolWroteReadsWithModelFilesWithItsFitRecord() throws IOException {
        Path data = dir.resolve("x.csv");
        Files.writeString(data, "3.6,79\n1.8,54\n3.333,74\n2.283,62\n4.533,85\n2.883,55\n4.7,88\n3.6,85\n1.95,51\n"
                + "4.35,85\n1.833,54\n3.917,84\n4.2,78\n1.75,47\n4.7,83\n2.167,52\n1.75,62\n4.8,84\n1.6,52\n4.25,79\n");
        Path out = dir.resolve("m.json");
        EmCommandTest.Run fit = em("gmm", "fit", "--data", data.toString(), "--components", "2", "--covariance", "tied",
                "--out", out.toString(), "-q");
        assertThat(fit.code()).as(fit.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());

        SavedModel.Gmm saved = ModelFiles.read(out, SavedModel.Gmm.class);
        GaussianMixture mixture = saved.mixture();
        assertThat(mixture.weights()[1]).isEqualTo(json.get("weights").get(1).doubleValue());
        assertThat(mixture.means()[0][1]).isEqualTo(json.get("means").get(0).get(1).doubleValue());
        FitSummary summary = saved.fit().orElseThrow();
        assertThat(summary.logLikelihood()).isEqualTo(json.get("logLikelihood").doubleValue());
        assertThat(summary.iterations()).isEqualTo(json.get("iterations").intValue());
        assertThat(summary.trace().length()).isEqualTo(summary.iterations());
        assertThat(ModelFiles.toJson(saved)).isEqualTo(Files.readString(out));

        // and the tool predicts from a file the library wrote
        Path copy = dir.resolve("copy.json");
        ModelFiles.write(mixture, copy);
        EmCommandTest.Run a = em("gmm", "predict", "--model", out.toString(), "--data", data.toString());
        EmCommandTest.Run b = em("gmm", "predict", "--model", copy.toString(), "--data", data.toString());
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(b.out()).isEqualTo(a.out());

        Path missing = dir.resolve("none.json");
        EmCommandTest.Run none = em("gmm", "predict", "--model", missing.toString(), "--data", data.toString());
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("em: " + missing + ": no such file\n");
    }
}
