package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.FitWarning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code gmm-*.json} in the repository's fixtures/, from its initial parameters, after its iterations. */
class GmmFixtureTest {

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(TinyJson.fixtures())) {
            List<Path> list = files.filter(p -> p.getFileName().toString().startsWith("gmm-")
                    && p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(list).as("gmm fixtures").hasSizeGreaterThanOrEqualTo(7);
            return list.stream();
        }
    }

    static GaussianMixture mixture(CovarianceType type, Map<String, Object> params) {
        double[] w = TinyJson.vector(params.get("weights"));
        double[][] m = TinyJson.matrix(params.get("means"));
        Object c = params.get("covariances");
        switch (type) {
            case FULL:
                return GaussianMixture.full(w, m, TinyJson.cube(c));
            case DIAGONAL:
                return GaussianMixture.diagonal(w, m, TinyJson.matrix(c));
            case SPHERICAL:
                return GaussianMixture.spherical(w, m, TinyJson.vector(c));
            default:
                return GaussianMixture.tied(w, m, TinyJson.matrix(c));
        }
    }

    @SuppressWarnings("unchecked")
    static FittedGaussianMixture run(Map<String, Object> fixture) {
        CovarianceType type = CovarianceType.fromName((String) fixture.get("covarianceType"));
        GaussianMixture start = mixture(type, (Map<String, Object>) fixture.get("init"));
        Dataset data = Dataset.of(TinyJson.matrix(fixture.get("data")));
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(start.components())
                .covarianceType(type).regCovar(((Number) fixture.get("regCovar")).doubleValue()).build();
        int iterations = ((Number) fixture.get("iterations")).intValue();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(1).build();
        return model.fit(data, start, options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    @SuppressWarnings("unchecked")
    void matchesFixture(Path path) throws IOException {
        Map<String, Object> fixture = TinyJson.read(path);
        assertThat(fixture.get("kind")).isEqualTo("gmm");
        double tol = ((Number) fixture.get("tolerance")).doubleValue();
        CovarianceType type = CovarianceType.fromName((String) fixture.get("covarianceType"));
        Map<String, Object> expectedMap = (Map<String, Object>) fixture.get("expected");
        GaussianMixture expected = mixture(type, expectedMap);
        FittedGaussianMixture fit = run(fixture);
        GaussianMixture actual = fit.mixture();

        assertClose(actual.weights(), expected.weights(), tol, "weights");
        assertClose(flat(actual.means()), flat(expected.means()), tol, "means");
        assertClose(flatNative(actual), flatNative(expected), tol, "covariances");
        double ll = ((Number) expectedMap.get("logLikelihood")).doubleValue();
        assertThat(fit.logLikelihood()).as("logLikelihood").isCloseTo(ll, within(tol * Math.abs(ll)));
        double[] trace = TinyJson.vector(expectedMap.get("logLikelihoodTrace"));
        double[] actualTrace = fit.result().trace().toArray();
        assertThat(actualTrace).hasSameSizeAs(trace);
        for (int i = 0; i < trace.length; i++) {
            assertThat(actualTrace[i]).as("trace[%d]", i).isCloseTo(trace[i], within(tol * Math.abs(trace[i])));
        }
        // no false alarms: the ridge case dips legitimately, the others never do
        assertThat(fit.result().warnings()).noneMatch(w -> w instanceof FitWarning.LikelihoodDecreased);
        assertThat(fit.reseedings()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void workedExampleOneDimensionalOneStep() throws IOException {
        Map<String, Object> fixture = TinyJson.read(TinyJson.fixtures().resolve("gmm-1d-worked-example.json"));
        assertThat(TinyJson.matrix(fixture.get("data"))).isDeepEqualTo(
                new double[][] {{1.5}, {2.0}, {2.5}, {8.0}, {9.0}, {9.5}});
        GaussianMixture start = GaussianMixture.full(new double[] {0.5, 0.5}, new double[][] {{2}, {9}},
                new double[][][] {{{1}}, {{1}}});
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(2).regCovar(0).build();
        FittedGaussianMixture fit = model.fit(Dataset.of(new double[][] {{1.5}, {2.0}, {2.5}, {8.0}, {9.0}, {9.5}}),
                start, EmOptions.builder().tolerance(0).maxIterations(1).build());
        // hand values: 6/3 = 2, 26.5/3 = 8.8333; (0.25+0+0.25)/3 = 0.1667, (0.6944+0.0278+0.4444)/3 = 0.3889;
        // leakage between the clusters moves them by up to ~3e-7
        double handTolerance = 1e-6;
        assertThat(fit.means()[0][0]).isCloseTo(2.0, within(handTolerance));
        assertThat(fit.means()[1][0]).isCloseTo(26.5 / 3, within(handTolerance));
        assertThat(fit.covariance(0).get(0, 0)).isCloseTo(0.5 / 3, within(handTolerance));
        assertThat(fit.covariance(1).get(0, 0)).isCloseTo(3.5 / 9, within(handTolerance));
        assertThat(fit.weights()[0]).isCloseTo(0.5, within(handTolerance));
        Map<String, Object> expected = (Map<String, Object>) fixture.get("expected");
        assertThat(fit.covariance(0).get(0, 0))
                .isCloseTo(TinyJson.cube(expected.get("covariances"))[0][0][0], within(1e-12));
    }

    static double[] flat(double[][] m) {
        return Stream.of(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    static double[] flatNative(GaussianMixture m) {
        Object c = m.nativeCovariances();
        if (c instanceof double[][][] cube) {
            return Stream.of(cube).flatMap(Stream::of).flatMapToDouble(java.util.Arrays::stream).toArray();
        }
        if (c instanceof double[][] matrix) {
            return flat(matrix);
        }
        return ((double[]) c).clone();
    }

    static void assertClose(double[] actual, double[] expected, double tol, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tol * scale));
        }
    }
}
