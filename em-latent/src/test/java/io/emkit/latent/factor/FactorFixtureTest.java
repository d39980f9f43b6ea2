package io.emkit.latent.factor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FA and PPCA against scikit-learn's FactorAnalysis and the numpy PPCA closed form
 * (fixtures/factor/make_factor_fixtures.py): the same maximum, on synthetic and real data.
 */
class FactorFixtureTest {

    /** Issue #13: the log-likelihood to 1e-8 relative. */
    static final double LOG_LIKELIHOOD_TOLERANCE = 1e-8;
    /** Issue #13: W Wᵀ + Ψ and the mean to 1e-6 (relative to the largest entry). */
    static final double COVARIANCE_TOLERANCE = 1e-6;

    static final String[] NAMES = {"synthetic-d8-q2", "iris-versicolor-q1", "iris-setosa-q1", "digits300-q3"};

    static JsonNode read(String name) {
        Path dir = Path.of(System.getProperty("basedir", ".")).resolve("../fixtures/factor").normalize();
        try {
            return new ObjectMapper().readTree(Files.readString(dir.resolve(name + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] vector(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }

    static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(a.get(i));
        }
        return out;
    }

    /**
     * A fixed number of iterations: EM for FA converges linearly, so the log-likelihood settles to
     * round-off (1e-16 relative) long before W Wᵀ + Ψ does; a stop on the log-likelihood's change cannot
     * see the last 1e-6. Iterations on the moments are cheap (well under a millisecond here).
     */
    static EmOptions tight(String name) {
        int iterations = name.startsWith("synthetic") ? 8000 : name.startsWith("iris") ? 2500 : 600;
        return EmOptions.builder().tolerance(0).maxIterations(iterations).threads(1).build();
    }

    static double relativeMaxDifference(Matrix a, double[][] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b[i].length; j++) {
                diff = Math.max(diff, Math.abs(a.get(i, j) - b[i][j]));
                scale = Math.max(scale, Math.abs(b[i][j]));
            }
        }
        return diff / scale;
    }

    static double relativeMaxDifference(double[] a, double[] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return diff / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthetic-d8-q2", "iris-versicolor-q1", "iris-setosa-q1", "digits300-q3"})
    void factorAnalysisReachesScikitLearnsMaximum(String name) {
        JsonNode f = read(name);
        Dataset data = Dataset.of(matrix(f.get("data")));
        JsonNode fa = f.get("fa");
        EmResult<FactorParameters> result = FactorAnalysis.builder().factors(f.get("q").intValue()).build()
                .fit(data, tight(name));
        double expected = fa.get("logLikelihood").doubleValue();
        FactorParameters p = result.parameters();
        assertThat(Math.abs(p.logLikelihood(data) - expected)).isLessThanOrEqualTo(
                LOG_LIKELIHOOD_TOLERANCE * Math.abs(expected));
        assertThat(Math.abs(result.logLikelihood() - expected)).isLessThanOrEqualTo(
                LOG_LIKELIHOOD_TOLERANCE * Math.abs(expected));
        assertThat(relativeMaxDifference(p.covariance(), matrix(fa.get("covariance")))).isLessThanOrEqualTo(
                COVARIANCE_TOLERANCE);
        assertThat(relativeMaxDifference(p.mean(), vector(fa.get("mean")))).isLessThanOrEqualTo(COVARIANCE_TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"synthetic-d8-q2", "iris-versicolor-q1", "iris-setosa-q1", "digits300-q3"})
    void ppcaClosedFormAndEmMatchNumpy(String name) {
        JsonNode f = read(name);
        Dataset data = Dataset.of(matrix(f.get("data")));
        JsonNode ppca = f.get("ppca");
        int q = f.get("q").intValue();
        double expected = ppca.get("logLikelihood").doubleValue();
        FactorParameters closed = PPCA.builder().factors(q).build().closedForm(data);
        assertThat(Math.abs(closed.logLikelihood(data) - expected)).isLessThanOrEqualTo(1e-10 * Math.abs(expected));
        assertThat(relativeMaxDifference(closed.covariance(), matrix(ppca.get("covariance")))).isLessThanOrEqualTo(1e-9);
        assertThat(closed.noiseVariance()).isCloseTo(ppca.get("noiseVariance").doubleValue(),
                org.assertj.core.data.Percentage.withPercentage(1e-7));
        // EM from a random start reaches the closed form
        EmResult<FactorParameters> em = PPCA.builder().factors(q).randomStart(true).build().fit(data, tight(name));
        assertThat(Math.abs(em.logLikelihood() - expected)).isLessThanOrEqualTo(
                LOG_LIKELIHOOD_TOLERANCE * Math.abs(expected));
        assertThat(relativeMaxDifference(em.parameters().covariance(), matrix(ppca.get("covariance"))))
                .isLessThanOrEqualTo(COVARIANCE_TOLERANCE);
    }
}
