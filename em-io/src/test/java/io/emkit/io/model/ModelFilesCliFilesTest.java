package io.emkit.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LdaParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files the {@code em} tool wrote before the format moved to em-io ({@code fixtures/model-files}, see its
 * README) read with {@link ModelFiles}, and write back byte for byte: the format did not change.
 */
class ModelFilesCliFilesTest {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    static Path file(String name) {
        return Path.of(System.getProperty("emkit.fixtures.dir", "../fixtures")).resolve("model-files").resolve(name);
    }

    /** The file parsed by plain Jackson, independently of ModelFiles. */
    private static JsonNode plain(String name) throws IOException {
        return PLAIN.readTree(file(name).toFile());
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gmm-full.json", "gmm-diag.json", "gmm-spherical.json", "gmm-tied.json",
        "gmm-mclust-vev.json", "hmm-categorical-symbols.json", "hmm-gaussian-diag.json", "hmm-gmm-spherical.json",
        "hmm-poisson.json", "factor-analysis.json", "ppca.json", "mfa.json", "lda.json"})
    void aFileTheCliWroteReadsAndWritesBackByteForByte(String name) throws IOException {
        String original = Files.readString(file(name), StandardCharsets.UTF_8);
        SavedModel saved = ModelFiles.read(file(name));
        assertThat(saved.kind()).isEqualTo(plain(name).get("kind").asText());
        assertThat(saved.fit()).isPresent();
        assertThat(saved.fit().get().logLikelihood()).isEqualTo(plain(name).get("logLikelihood").doubleValue());
        assertThat(ModelFiles.toJson(saved)).isEqualTo(original);
    }

    @Test
    void gmmFilesGiveTheirMixtureWithTheFileDoubles() throws IOException {
        for (String type : List.of("full", "diag", "spherical", "tied")) {
            GaussianMixture mixture = ModelFiles.read(file("gmm-" + type + ".json"), GaussianMixture.class);
            assertThat(mixture.covarianceType()).isEqualTo(CovarianceType.fromName(type));
            JsonNode json = plain("gmm-" + type + ".json");
            assertThat(mixture.weights()).isEqualTo(doubles(json.get("weights")));
            assertThat(mixture.means()[1]).isEqualTo(doubles(json.get("means").get(1)));
        }
        SavedModel.Gmm vev = ModelFiles.read(file("gmm-mclust-vev.json"), SavedModel.Gmm.class);
        assertThat(vev.mclustForm()).isTrue();
        assertThat(vev.mixture().covarianceModel()).isEqualTo(CovarianceModel.VEV);
        assertThat(vev.mixture().fullCovariances()[0][0])
                .isEqualTo(doubles(plain("gmm-mclust-vev.json").get("covariances").get(0).get(0)));
    }

    @Test
    void hmmFilesKeepSymbolsEmissionsAndTheFitRecord() throws IOException {
        SavedModel.Hmm coins = ModelFiles.read(file("hmm-categorical-symbols.json"), SavedModel.Hmm.class);
        assertThat(coins.symbols()).containsExactly("H", "T");
        assertThat(coins.parameters().emission()).isInstanceOf(CategoricalEmission.class);
        JsonNode json = plain("hmm-categorical-symbols.json");
        assertThat(((CategoricalEmission) coins.parameters().emission()).toArray()[0])
                .isEqualTo(doubles(json.get("emissions").get("probs").get(0)));
        FitSummary fit = coins.fit().orElseThrow();
        assertThat(fit.trace().toArray()).isEqualTo(doubles(json.get("logLikelihoodTrace")));
        assertThat(fit.iterations()).isEqualTo(json.get("iterations").intValue());
        assertThat(fit.eSteps()).isEqualTo(json.get("eSteps").longValue());
        assertThat(fit.converged()).isEqualTo(json.get("converged").booleanValue());

        HmmParameters gaussian = ModelFiles.read(file("hmm-gaussian-diag.json"), HmmParameters.class);
        assertThat(((GaussianEmission) gaussian.emission()).components().type()).isEqualTo(CovarianceType.DIAGONAL);
        assertThat(ModelFiles.format().emissionName(gaussian.emission())).isEqualTo("gaussian");
        HmmParameters gmm = ModelFiles.read(file("hmm-gmm-spherical.json"), HmmParameters.class);
        assertThat(ModelFiles.format().emissionName(gmm.emission())).isEqualTo("gmm");
        HmmParameters poisson = ModelFiles.read(file("hmm-poisson.json"), HmmParameters.class);
        assertThat(ModelFiles.format().emissionName(poisson.emission())).isEqualTo("poisson");
    }

    @Test
    void latentFilesGiveTheirModelsAndFigures() throws IOException {
        FactorParameters fa = ModelFiles.read(file("factor-analysis.json"), FactorParameters.class);
        assertThat(fa.isIsotropic()).isFalse();
        assertThat(fa.noiseVariances()).isEqualTo(doubles(plain("factor-analysis.json").get("noiseVariances")));
        SavedModel.Ppca ppca = ModelFiles.read(file("ppca.json"), SavedModel.Ppca.class);
        assertThat(ppca.parameters().noiseVariance()).isEqualTo(plain("ppca.json").get("noiseVariance").doubleValue());
        assertThat(ppca.fit().orElseThrow().figures()).containsEntry("n", 100L)
                .containsEntry("bic", plain("ppca.json").get("bic").doubleValue());
        MixtureParameters<?> mfa = ModelFiles.read(file("mfa.json"), MixtureParameters.class);
        assertThat(mfa.weights().toArray()).isEqualTo(doubles(plain("mfa.json").get("weights")));

        SavedModel.Lda lda = ModelFiles.read(file("lda.json"), SavedModel.Lda.class);
        assertThat(lda.terms()).containsExactly("bank", "loan", "money", "sail", "sea", "ship");
        assertThat(lda.integerTerms()).isFalse();
        assertThat(lda.fit().orElseThrow().figures().keySet()).containsExactly("bound", "topics", "documents",
                "tokens");
        FittedLda fitted = ModelFiles.read(file("lda.json"), FittedLda.class);
        assertThat(fitted.terms()).isEqualTo(lda.terms());
        assertThat(fitted.innerTolerance()).isEqualTo(1e-3);
        assertThat(ModelFiles.read(file("lda.json"), LdaParameters.class).topicWord()[1])
                .isEqualTo(doubles(plain("lda.json").get("topicWord").get(1)));
    }
}
