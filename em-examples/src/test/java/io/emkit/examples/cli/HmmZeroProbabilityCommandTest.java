package io.emkit.examples.cli;

import static io.emkit.examples.cli.EmCommandTest.em;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.Gaussian;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hmm decode}, {@code posteriors} and {@code score} on a sequence of probability zero: exit 1 and
 * one line naming the file line, the sequence id, the step and the cause (never an all-zero path).
 */
class HmmZeroProbabilityCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path model(String name, HmmParameters parameters) {
        Path file = dir.resolve(name);
        ModelJson.write(io.emkit.io.model.SavedModel.of(parameters), file);
        return file;
    }

    private static void assertRefused(EmCommandTest.Run run, String... expected) {
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        for (String part : expected) {
            assertThat(run.err()).contains(part);
        }
    }

    private void assertAllRefuse(Path model, Path data, String... expected) {
        for (String command : List.of("decode", "posteriors", "score")) {
            EmCommandTest.Run run = em("hmm", command, "--model", model.toString(), "--data", data.toString());
            assertRefused(run, expected);
        }
    }

    @Test
    void aSymbolNoStateEmitsIsNamedWithItsSequenceAndStep() throws IOException {
        Path model = model("m.json", HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}},
                CategoricalEmission.of(new double[][] {{0.5, 0.5, 0}, {0.2, 0.8, 0}})));
        Path data = write("seq.csv", "id,symbol\na,0\na,1\nb,0\nb,1\nb,2\nb,1\n");
        assertAllRefuse(model, data, "seq.csv line 6: sequence \"b\" has probability zero under the model: at step 2,"
                + " symbol 2 has emission probability 0 in every state");
    }

    @Test
    void anImpossibleTransitionIsNamed() throws IOException {
        Path model = model("m.json", HmmParameters.of(new double[] {1, 0}, new double[][] {{0.5, 0.5}, {0, 1}},
                CategoricalEmission.of(new double[][] {{1, 0}, {0, 1}})));
        Path data = write("seq.csv", "s1,0\ns1,1\ns2,0\ns2,1\ns2,0\n");
        assertAllRefuse(model, data, "sequence \"s2\" has probability zero", "at step 2, symbol 0 can be emitted only"
                + " by state(s) [0], which no state possible at step 1 can move to");
        EmCommandTest.Run possible = em("hmm", "decode", "--model", model.toString(), "--data",
                write("ok.csv", "s1,0\ns1,1\n").toString());
        assertThat(possible.code()).isZero();
        assertThat(possible.out()).isEqualTo("sequence,step,state\ns1,0,0\ns1,1,1\n");
    }

    @Test
    void aGaussianObservationThatUnderflowsIsNamed() throws IOException {
        Path model = model("m.json", HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}},
                GaussianEmission.of(List.of(Gaussian.of(new double[] {0}, Matrix.of(new double[][] {{1}})),
                        Gaussian.of(new double[] {5}, Matrix.of(new double[][] {{1}}))))));
        Path data = write("seq.csv", "id,x\nq,0.1\nq,4.9\nq,1e200\nq,0.2\n");
        assertAllRefuse(model, data, "sequence \"q\" has probability zero under the model: at step 2, observation"
                + " [1.0E200] has emission density 0 in every state");
    }

    @Test
    void scorePrintsTheTotalOfPossibleSequences() throws IOException {
        Path model = model("m.json", HmmParameters.of(new double[] {1}, new double[][] {{1}},
                CategoricalEmission.of(new double[][] {{0.25, 0.75}})));
        Path data = write("seq.csv", "a,0\na,1\nb,1\n");
        EmCommandTest.Run run = em("hmm", "score", "--model", model.toString(), "--data", data.toString());
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        double expected = Math.log(0.25) + 2 * Math.log(0.75); // one state: a product of emission probabilities
        assertThat(json.get("logLikelihood").doubleValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("n").intValue()).isEqualTo(3);
        assertThat(json.get("mean").doubleValue()).isCloseTo(expected / 3, org.assertj.core.data.Offset.offset(1e-12));
        EmCommandTest.Run each = em("hmm", "score", "--model", model.toString(), "--data", data.toString(),
                "--per-sequence");
        assertThat(each.out()).startsWith("sequence,steps,logLikelihood\na,2,").contains("\nb,1," + Math.log(0.75));
    }
}
