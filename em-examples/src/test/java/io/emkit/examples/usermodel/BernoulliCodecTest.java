package io.emkit.examples.usermodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.io.model.ModelFiles;
import io.emkit.io.model.ModelFormat;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-family extension point of em-io's model files: the examples' {@link BernoulliCodec}, registered
 * with {@code ModelFiles.withCodec}, reads an HMM file the {@code em} tool wrote before the codec existed
 * ({@code fixtures/model-files/hmm-bernoulli.json}) and writes it back byte for byte.
 */
class BernoulliCodecTest {

    private static final ModelFormat FORMAT = ModelFiles.withCodec(new BernoulliCodec());

    @TempDir
    Path dir;

    private static Path fixture() {
        return Path.of(System.getProperty("emkit.fixtures.dir", "../fixtures")).resolve("model-files")
                .resolve("hmm-bernoulli.json");
    }

    @Test
    void aBernoulliHmmFileReadsThroughTheCodecAndWritesBackByteForByte() throws IOException {
        String original = Files.readString(fixture(), StandardCharsets.UTF_8);
        SavedModel.Hmm saved = FORMAT.read(fixture(), SavedModel.Hmm.class);
        assertThat(FORMAT.emissionName(saved.parameters().emission())).isEqualTo("bernoulli");
        BernoulliFamily.Components c = (BernoulliFamily.Components)
                ((FamilyEmission<?, ?>) saved.parameters().emission()).components();
        JsonNode probabilities = new ObjectMapper().readTree(original).get("emissions").get("probabilities");
        for (int j = 0; j < 2; j++) {
            for (int a = 0; a < 3; a++) {
                assertThat(c.get(j, a)).isEqualTo(probabilities.get(j).get(a).doubleValue());
            }
        }
        assertThat(FORMAT.toJson(saved)).isEqualTo(original);

        Path copy = dir.resolve("copy.json");
        FORMAT.write(new SavedModel.Hmm(saved.parameters(), java.util.List.of(), Optional.empty()), copy);
        HmmParameters again = FORMAT.read(copy, HmmParameters.class);
        assertThat(again.transitions().toArray()).isDeepEqualTo(saved.parameters().transitions().toArray());
    }

    @Test
    void withoutTheCodecTheFileAndTheModelAreRefusedWithTheFix() {
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(fixture()))
                .withMessageContaining("\"emission\" must be categorical, gaussian, gmm, poisson, not \"bernoulli\"")
                .withMessageEndingWith("read with ModelFiles.withCodec(codec)");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.toJson(
                        FORMAT.read(fixture(), HmmParameters.class)))
                .withMessageContaining("register the family's codec with ModelFiles.withCodec(codec)");
    }

    @Test
    void badProbabilitiesNameTheKey() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"kind\":\"hmm\",\"emission\":\"bernoulli\",\"startProb\":[1],\"transitions\":[[1]],"
                + "\"emissions\":{\"probabilities\":[[0.5,1.5]]}}");
        assertThatIllegalArgumentException().isThrownBy(() -> FORMAT.read(bad))
                .withMessageStartingWith(bad + ": \"emissions.probabilities\" is not a set of probabilities: ")
                .withMessageContaining("p[0][1] is 1.5");
    }
}
