package io.emkit.hmm;

import static io.emkit.hmm.HmmFixtures.assertClose;
import static io.emkit.hmm.HmmFixtures.flatten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code hmm} fixture of the repository's fixtures/, within its recorded tolerance. */
class HmmFixtureTest {

    static List<String> names() {
        return HmmFixtures.NAMES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void initialLogLikelihood(String name) {
        HmmFixtures f = HmmFixtures.load(name);
        double expected = (Double) f.expected.get("initLogLikelihood");
        double actual = FittedHmm.of(f.init).logLikelihood(f.sequences);
        assertThat(actual).isCloseTo(expected, within(f.tolerance * Math.abs(expected)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void viterbiPathsAndLogProbabilities(String name) {
        HmmFixtures f = HmmFixtures.load(name);
        int[][] paths = Json.intMatrix(f.expected.get("viterbi"));
        double[] logProbabilities = Json.vector(f.expected.get("viterbiLogProb"));
        List<FittedHmm.ViterbiPath> decoded = FittedHmm.of(f.init).decode(f.sequences);
        double[] actual = new double[decoded.size()];
        for (int r = 0; r < paths.length; r++) {
            assertThat(decoded.get(r).states().toArray()).as("path %d", r).containsExactly(paths[r]);
            actual[r] = decoded.get(r).logProbability();
        }
        assertClose("viterbiLogProb", actual, logProbabilities, f.tolerance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void posteriorsOfTheFirstSequence(String name) {
        HmmFixtures f = HmmFixtures.load(name);
        double[][] expected = Json.matrix(f.expected.get("posteriorsFirstSequence"));
        double[][] actual = FittedHmm.of(f.init).posteriors(f.sequences, 0);
        assertClose("posteriors", flatten(actual), flatten(expected), f.tolerance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void trainedParametersAfterTheFixtureIterations(String name) {
        HmmFixtures f = HmmFixtures.load(name);
        BaumWelch model = BaumWelch.builder()
                .states(f.init.states())
                .emission(f.categorical
                        ? EmissionFamily.categorical(((CategoricalEmission) f.init.emission()).symbols())
                        : EmissionFamily.gaussian(CovarianceType.FULL, 0.0))
                .build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(f.iterations).threads(2).build();
        EmResult<HmmParameters> result = Em.fit(model, f.sequences, f.init, options);
        assertThat(result.iterations()).isEqualTo(f.iterations);

        HmmParameters expected = f.parameters(f.trained);
        HmmParameters actual = result.parameters();
        assertClose("startProb", actual.startProbabilities().toArray(),
                expected.startProbabilities().toArray(), f.tolerance);
        assertClose("transitions", actual.transitions().toRowMajor(), expected.transitions().toRowMajor(),
                f.tolerance);
        Map<String, Object> emissions = Json.asObject(f.trained.get("emissions"));
        if (f.categorical) {
            assertClose("probs", flatten(((CategoricalEmission) actual.emission()).toArray()),
                    flatten(Json.matrix(emissions.get("probs"))), f.tolerance);
        } else {
            GaussianEmission g = (GaussianEmission) actual.emission();
            double[][] means = new double[g.states()][];
            double[][][] covariances = new double[g.states()][][];
            for (int s = 0; s < g.states(); s++) {
                means[s] = g.gaussian(s).mean();
                covariances[s] = g.gaussian(s).covariance().toArray();
            }
            assertClose("means", flatten(means), flatten(Json.matrix(emissions.get("means"))), f.tolerance);
            assertClose("covariances", flatten(covariances), flatten(Json.cube(emissions.get("covariances"))),
                    f.tolerance);
        }
        double expectedLogLikelihood = (Double) f.trained.get("logLikelihood");
        assertThat(result.logLikelihood())
                .isCloseTo(expectedLogLikelihood, within(f.tolerance * Math.abs(expectedLogLikelihood)));
        assertThat(result.trace().get(0)).isCloseTo((Double) f.expected.get("initLogLikelihood"),
                within(f.tolerance * Math.abs((Double) f.expected.get("initLogLikelihood"))));
    }
}
