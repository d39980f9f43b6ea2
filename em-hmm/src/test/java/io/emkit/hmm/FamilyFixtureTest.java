package io.emkit.hmm;

import static io.emkit.hmm.HmmFixtures.assertClose;
import static io.emkit.hmm.HmmFixtures.flatten;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureSet;
import io.emkit.discrete.PoissonFamily;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianComponents;
import io.emkit.gmm.GaussianFamily;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HMM cases of {@code fixtures/families/} (made by the textbook numpy code beside them): Gaussian
 * emissions with diagonal, spherical and tied covariances, Gaussian-mixture emissions (GMM-HMM) and
 * Poisson emissions, each within its recorded tolerance. One family layer serves them all.
 */
class FamilyFixtureTest {

    static List<String> names() {
        return List.of("hmm-gaussian-2d-3state-diag", "hmm-gaussian-2d-2state-spherical",
                "hmm-gaussian-2d-3state-tied", "hmm-gmm-2d-2state-3mix", "hmm-gmm-1d-3state-2mix",
                "hmm-poisson-3state");
    }

    /** One case: its data, start and expectations, and the family it uses. */
    private record Case(Map<String, Object> json, Sequences sequences, HmmParameters init, EmissionFamily family,
            int iterations, double tolerance) {

        static Case load(String name) throws IOException {
            Path file = Json.fixtures().resolve("families").resolve(name + ".json");
            Map<String, Object> json = Json.read(file);
            Sequences sequences = Sequences.ofVectors(Json.cube(json.get("sequences")));
            String emission = (String) json.get("emission");
            Object typeName = json.get("covarianceType");
            CovarianceType type = typeName == null ? CovarianceType.FULL : CovarianceType.fromName((String) typeName);
            Map<String, Object> init = Json.asObject(json.get("init"));
            EmissionFamily family;
            switch (emission) {
                case "gaussian":
                    family = EmissionFamily.gaussian(type, 0.0);
                    break;
                case "gmm":
                    family = EmissionFamily.gmm(type, Json.matrix(Json.asObject(init.get("emissions"))
                            .get("weights"))[0].length, 0.0);
                    break;
                case "poisson":
                    family = EmissionFamily.poisson();
                    break;
                default:
                    throw new IllegalArgumentException(emission);
            }
            return new Case(json, sequences, parameters(init, emission, type), family,
                    ((Double) json.get("iterations")).intValue(), (Double) json.get("tolerance"));
        }
    }

    static HmmParameters parameters(Map<String, Object> p, String emission, CovarianceType type) {
        Map<String, Object> e = Json.asObject(p.get("emissions"));
        Emission out;
        switch (emission) {
            case "gaussian":
                out = GaussianEmission.of(GaussianComponents.of(type, Json.matrix(e.get("means")),
                        nativeCovariances(type, e.get("covariances"))));
                break;
            case "gmm": {
                double[][] weights = Json.matrix(e.get("weights"));
                double[][][] means = Json.cube(e.get("means"));
                int s = weights.length;
                int m = weights[0].length;
                double[][] flatMeans = new double[s * m][];
                double[][][] covariances = new double[s * m][][];
                @SuppressWarnings("unchecked")
                List<Object> perState = (List<Object>) e.get("covariances");
                for (int i = 0; i < s; i++) {
                    double[][][] c = Json.cube(perState.get(i));
                    for (int j = 0; j < m; j++) {
                        flatMeans[i * m + j] = means[i][j];
                        covariances[i * m + j] = c[j];
                    }
                }
                GaussianFamily inner = GaussianFamily.of(CovarianceType.FULL, 0.0);
                GaussianComponents components = GaussianComponents.of(CovarianceType.FULL, flatMeans, covariances);
                out = FamilyEmission.of(MixtureFamily.of(inner, m), MixtureSet.of(inner, weights, components));
                break;
            }
            default:
                out = FamilyEmission.of(PoissonFamily.INSTANCE, PoissonFamily.Rates.of(Json.matrix(e.get("rates"))));
        }
        return HmmParameters.of(Json.vector(p.get("startProb")), Json.matrix(p.get("transitions")), out);
    }

    private static Object nativeCovariances(CovarianceType type, Object json) {
        switch (type) {
            case FULL:
                return Json.cube(json);
            case DIAGONAL:
            case TIED:
                return Json.matrix(json);
            default:
                return Json.vector(json);
        }
    }

    /** Every parameter of the emissions in the fixture's order. */
    private static double[] emissionVector(Emission emission) {
        if (emission instanceof GaussianEmission g) {
            GaussianComponents c = g.components();
            return concat(flatten(c.means()), flattenNative(c.nativeCovariances()));
        }
        Object components = ((FamilyEmission<?, ?>) emission).components();
        if (components instanceof MixtureSet<?> set) {
            GaussianComponents inner = (GaussianComponents) set.inner();
            return concat(flatten(set.weights()), concat(flatten(inner.means()),
                    flattenNative(inner.nativeCovariances())));
        }
        return flatten(((PoissonFamily.Rates) components).toArray());
    }

    private static double[] flattenNative(Object covariances) {
        if (covariances instanceof double[][][] c) {
            return flatten(c);
        }
        if (covariances instanceof double[][] c) {
            return flatten(c);
        }
        return (double[]) covariances;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void scoringDecodingAndPosteriorsUnderTheStart(String name) throws IOException {
        Case c = Case.load(name);
        Map<String, Object> expected = Json.asObject(c.json().get("expected"));
        FittedHmm start = FittedHmm.of(c.init());
        double initLogLikelihood = (Double) expected.get("initLogLikelihood");
        assertThat(start.logLikelihood(c.sequences()))
                .isCloseTo(initLogLikelihood, within(c.tolerance() * Math.abs(initLogLikelihood)));
        int[][] paths = Json.intMatrix(expected.get("viterbi"));
        List<FittedHmm.ViterbiPath> decoded = start.decode(c.sequences());
        double[] logProbabilities = new double[paths.length];
        for (int r = 0; r < paths.length; r++) {
            assertThat(decoded.get(r).states().toArray()).as("path %d", r).containsExactly(paths[r]);
            logProbabilities[r] = decoded.get(r).logProbability();
        }
        assertClose("viterbiLogProb", logProbabilities, Json.vector(expected.get("viterbiLogProb")), c.tolerance());
        assertClose("posteriors", flatten(start.posteriors(c.sequences(), 0)),
                flatten(Json.matrix(expected.get("posteriorsFirstSequence"))), c.tolerance());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void trainedParametersAfterTheFixtureIterations(String name) throws IOException {
        Case c = Case.load(name);
        Map<String, Object> expected = Json.asObject(c.json().get("expected"));
        Map<String, Object> trained = Json.asObject(expected.get("trained"));
        BaumWelch model = BaumWelch.builder().states(c.init().states()).emission(c.family()).build();
        EmResult<HmmParameters> result = Em.fit(model, c.sequences(), c.init(),
                EmOptions.builder().tolerance(0).maxIterations(c.iterations()).threads(2).build());
        assertThat(result.iterations()).isEqualTo(c.iterations());
        String emission = (String) c.json().get("emission");
        Object typeName = c.json().get("covarianceType");
        CovarianceType type = typeName == null ? CovarianceType.FULL : CovarianceType.fromName((String) typeName);
        HmmParameters want = parameters(trained, emission, type);
        HmmParameters got = result.parameters();
        assertClose("startProb", got.startProbabilities().toArray(), want.startProbabilities().toArray(),
                c.tolerance());
        assertClose("transitions", got.transitions().toRowMajor(), want.transitions().toRowMajor(), c.tolerance());
        assertClose("emissions", emissionVector(got.emission()), emissionVector(want.emission()), c.tolerance());
        double logLikelihood = (Double) trained.get("logLikelihood");
        assertThat(result.logLikelihood()).isCloseTo(logLikelihood, within(c.tolerance() * Math.abs(logLikelihood)));
    }
}
