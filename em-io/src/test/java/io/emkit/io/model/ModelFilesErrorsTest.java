package io.emkit.io.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.Emission;
import io.emkit.hmm.HmmParameters;
import io.emkit.latent.factor.FactorParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files: every message names the file, the JSON path of the bad key and what to change. */
class ModelFilesErrorsTest {

    @TempDir
    Path dir;

    private static final String GMM = "{\"kind\":\"gmm\",\"covarianceType\":\"spherical\",\"weights\":[1],"
            + "\"means\":[[0,0]],\"covariances\":[1]";
    private static final String HMM = "{\"kind\":\"hmm\",\"emission\":\"categorical\",\"startProb\":[0.5,0.5],"
            + "\"transitions\":[[0.9,0.1],[0.2,0.8]],\"emissions\":{\"probs\":[[0.5,0.5],[0.1,0.9]]}";

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aDuplicateKeyIsAnErrorNamingTheKeyAndItsPath() throws IOException {
        Path top = file("dup.json", GMM + ",\"weights\":[1]}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(top))
                .withMessageStartingWith(top + ": duplicate key \"weights\" at line 1, column ")
                .withMessageEndingWith("a key may appear only once in an object; remove one");
        Path nested = file("dup2.json", HMM.replace("\"probs\":", "\"probs\":[[1,0],[0,1]],\"probs\":") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(nested))
                .withMessageStartingWith(nested + ": duplicate key \"emissions.probs\" at line 1");
    }

    @Test
    void contentAfterTheObjectIsAnError() throws IOException {
        Path trailing = file("trailing.json", GMM + "} garbage");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(trailing))
                .withMessage(trailing + ": not valid JSON at line 1, column 93: content after the end of the model"
                        + " object; the file must hold exactly one object");
        Path two = file("two.json", GMM + "}\n" + GMM + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(two))
                .withMessageContaining("content after the end of the model object");
        Path syntax = file("syntax.json", "{\"kind\": gmm}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(syntax))
                .withMessageStartingWith(syntax + ": not valid JSON at line 1, column ");
        Path array = file("array.json", "[1, 2]");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(array))
                .withMessage(array + ": expected a JSON object at the top level, not array");
    }

    @Test
    void aMissingKeyIsNamedWithItsPath() throws IOException {
        Path means = file("m.json", GMM.replace(",\"means\":[[0,0]]", "") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(means))
                .withMessage(means + ": missing field \"means\"; a gmm model file needs it (every key is listed in"
                        + " docs/model-files.md)");
        Path probs = file("p.json", HMM.replace("\"probs\"", "\"prob\"") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(probs))
                .withMessage(probs + ": missing field \"emissions.probs\"; a hmm model file needs it (every key is"
                        + " listed in docs/model-files.md)");
        Path kind = file("k.json", GMM.replace("\"kind\":\"gmm\",", "") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(kind))
                .withMessageStartingWith(kind + ": missing field \"kind\"; add \"kind\": \"gmm\", \"hmm\",");
        // asked for a type only one kind has, a file without "kind" is that kind (as the CLI always read them)
        assertThat(ModelFiles.read(kind, GaussianMixture.class).components()).isEqualTo(1);
    }

    @Test
    void aWrongShapeNamesTheArrayAndTheIndex() throws IOException {
        Path diag = file("s.json", "{\"kind\":\"gmm\",\"covarianceType\":\"diag\",\"weights\":[0.5,0.5],"
                + "\"means\":[[0,0],[1,1]],\"covariances\":[[1,1],[1]]}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(diag))
                .withMessage(diag + ": \"covariances\"[1] has 1 entries, expected 2");
        Path transitions = file("t.json", HMM.replace("[[0.9,0.1],[0.2,0.8]]", "[[0.9,0.1]]") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(transitions))
                .withMessage(transitions + ": \"transitions\" has 1 rows, expected 2");
        Path probs = file("q.json", HMM.replace("[[0.5,0.5],[0.1,0.9]]", "[[0.5,0.5],[0.1,\"x\"]]") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(probs))
                .withMessage(probs + ": \"emissions.probs\"[1][1] must be a number, not \"x\"");
        Path invalid = file("i.json", GMM.replace("\"covariances\":[1]", "\"covariances\":[-1]") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(invalid))
                .withMessageStartingWith(invalid + ": invalid gmm model: ");
    }

    @Test
    void anUnknownOrWrongKindIsAnError() throws IOException {
        Path unknown = file("u.json", "{\"kind\":\"svm\"}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(unknown))
                .withMessage(unknown + ": unknown model kind \"svm\"; \"kind\" must be one of gmm, hmm,"
                        + " factorAnalysis, ppca, mfa, lda");
        Path gmm = file("g.json", GMM + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(gmm, HmmParameters.class))
                .withMessage(gmm + ": wrong model kind: the file holds a gmm model (\"kind\": \"gmm\"), expected a"
                        + " hmm model");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(gmm, FactorParameters.class))
                .withMessageEndingWith("expected a factorAnalysis or ppca model");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(gmm, String.class))
                .withMessageStartingWith("no model file reads as java.lang.String");
    }

    @Test
    void anEmissionWithoutACodecNamesTheFixAndAMissingFileIsAnIoError() throws IOException {
        Path bernoulli = file("b.json", HMM.replace("categorical", "bernoulli") + "}");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.read(bernoulli))
                .withMessage(bernoulli + ": \"emission\" must be categorical, gaussian, gmm, poisson, not"
                        + " \"bernoulli\"; the emissions of a family of your own need its codec: read with"
                        + " ModelFiles.withCodec(codec)");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> ModelFiles.read(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void codecNamesAreUniqueAndAModelNoCodecWritesIsRefused() {
        EmissionCodec clash = new EmissionCodec() {
            @Override
            public String name() {
                return "poisson";
            }

            @Override
            public boolean writes(Emission emission) {
                return false;
            }

            @Override
            public void write(Emission emission, ModelFieldsWriter model) {}

            @Override
            public Emission read(ModelFields model, int states) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.withCodec(clash))
                .withMessageStartingWith("an emission codec named \"poisson\" is registered already");
        assertThatIllegalArgumentException().isThrownBy(() -> ModelFiles.toJson("not a model"))
                .withMessageStartingWith("no model file holds a java.lang.String");
    }

    @Test
    void covariancesAreWrittenInTheirNativeShapeAndAnythingElseIsRefused() {
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
        ModelFieldsWriter out = new ModelFieldsWriter(root);
        out.putCovariances("full", new double[][][] {{{2, 0.5}, {0.5, 1}}})
                .putCovariances("diagonal", new double[][] {{2, 1}})
                .putCovariances("spherical", new double[] {3});
        assertThat(root.get("full").get(0).get(1).get(0).asDouble()).isEqualTo(0.5);
        assertThat(root.get("diagonal").get(0).size()).isEqualTo(2);
        assertThat(root.get("spherical").get(0).asDouble()).isEqualTo(3.0);
        assertThatIllegalArgumentException().isThrownBy(() -> out.putCovariances("bad", new int[] {1}))
                .withMessage("covariances for \"bad\" must be a double[][][], double[][] or double[], not int[]");
        assertThatIllegalArgumentException().isThrownBy(() -> out.putCovariances("full", new double[] {1}))
                .withMessageStartingWith("key \"full\" is written twice");
    }
}
