package io.emkit.examples.usermodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The user-written {@link BernoulliFamily} as HMM emissions against the textbook Baum-Welch case
 * {@code fixtures/families/hmm-bernoulli-d6-2state.json} (no pseudo-counts, so {@code alpha = 0}).
 */
class BernoulliHmmFixtureTest {

    private static JsonNode fixture() throws IOException {
        Path dir = Path.of(System.getProperty("emkit.fixtures.dir", "../fixtures"));
        return new ObjectMapper().readTree(dir.resolve("families/hmm-bernoulli-d6-2state.json").toFile());
    }

    private static double[] vector(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode node) {
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(node.get(i));
        }
        return out;
    }

    private static HmmParameters parameters(JsonNode p, BernoulliFamily family) {
        double[][] probabilities = matrix(p.get("emissions").get("probabilities"));
        int k = probabilities.length;
        int d = probabilities[0].length;
        double[] flat = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(probabilities[j], 0, flat, j * d, d);
        }
        return HmmParameters.of(vector(p.get("startProb")), matrix(p.get("transitions")),
                FamilyEmission.of(family, new BernoulliFamily.Components(k, d, flat)));
    }

    /** |a - e| <= tolerance · max|e| (the fixtures' rule). */
    private static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance * scale));
        }
    }

    @Test
    void baumWelchOverTheUserFamilyMatchesTheTextbookCase() throws IOException {
        JsonNode json = fixture();
        double tolerance = json.get("tolerance").asDouble();
        BernoulliFamily family = new BernoulliFamily(0);
        JsonNode seqs = json.get("sequences");
        double[][][] sequences = new double[seqs.size()][][];
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = matrix(seqs.get(r));
        }
        Sequences data = Sequences.ofVectors(sequences);
        HmmParameters init = parameters(json.get("init"), family);
        JsonNode expected = json.get("expected");
        double initLogLikelihood = expected.get("initLogLikelihood").asDouble();
        assertThat(FittedHmm.of(init).logLikelihood(data))
                .isCloseTo(initLogLikelihood, within(tolerance * Math.abs(initLogLikelihood)));

        BaumWelch model = BaumWelch.builder().states(init.states()).emission(EmissionFamily.of(family)).build();
        int iterations = json.get("iterations").asInt();
        EmResult<HmmParameters> result = Em.fit(model, data, init,
                EmOptions.builder().tolerance(0).maxIterations(iterations).threads(2).build());
        JsonNode trained = expected.get("trained");
        HmmParameters want = parameters(trained, family);
        assertClose("startProb", result.parameters().startProbabilities().toArray(),
                want.startProbabilities().toArray(), tolerance);
        assertClose("transitions", result.parameters().transitions().toRowMajor(), want.transitions().toRowMajor(),
                tolerance);
        BernoulliFamily.Components got = (BernoulliFamily.Components) ((FamilyEmission<?, ?>) result.parameters()
                .emission()).components();
        BernoulliFamily.Components wanted = (BernoulliFamily.Components) ((FamilyEmission<?, ?>) want.emission())
                .components();
        double[] a = new double[got.k * got.d];
        double[] b = new double[a.length];
        for (int j = 0; j < got.k; j++) {
            for (int c = 0; c < got.d; c++) {
                a[j * got.d + c] = got.get(j, c);
                b[j * got.d + c] = wanted.get(j, c);
            }
        }
        assertClose("probabilities", a, b, tolerance);
        double logLikelihood = trained.get("logLikelihood").asDouble();
        assertThat(result.logLikelihood()).isCloseTo(logLikelihood, within(tolerance * Math.abs(logLikelihood)));
    }
}
