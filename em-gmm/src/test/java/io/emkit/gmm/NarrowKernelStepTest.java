package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.numeric.LogSumExp;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One EM step of the kernel on both sides of {@link GaussianKernel#COLUMN_WIDTH} (narrow products
 * accumulated in per-slot lanes, wide ones by per-row saxpys), for every covariance type, against a
 * naive reference built from {@link Gaussian} one sample at a time and {@link NaiveMoments}; chunk
 * sizes leave partial blocks, and the result must not depend on the thread count.
 */
class NarrowKernelStepTest {

    private static final double TOLERANCE = 1e-10;

    @ParameterizedTest(name = "{0}, d = {1}, k = {2}, chunk = {3}")
    @CsvSource({
        "FULL, 1, 2, 100", "FULL, 2, 3, 100", "FULL, 4, 3, 37", "FULL, 5, 3, 100",
        "DIAGONAL, 2, 3, 100", "DIAGONAL, 7, 4, 37", "DIAGONAL, 8, 4, 100",
        "SPHERICAL, 3, 3, 100", "SPHERICAL, 7, 2, 37", "SPHERICAL, 9, 2, 100",
    })
    void oneStepMatchesTheNaiveReference(CovarianceType type, int d, int k, int chunkSize) {
        SplittableRandom random = new SplittableRandom(d * 131L + k);
        int n = 301;
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                rows[i][a] = 2.5 * (i % k) * ((a % 3) - 1) + 10 + random.nextGaussian() * (1 + 0.2 * a);
            }
            for (int a = 1; a < d; a++) {
                rows[i][a] += 0.4 * rows[i][a - 1];
            }
        }
        double[] weights = new double[k];
        double[][] means = new double[k][];
        double[][] variances = new double[k][d];
        double[] spherical = new double[k];
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            weights[j] = (1.0 + j) / (k * (k + 1) / 2.0);
            means[j] = rows[random.nextInt(n)].clone();
            spherical[j] = 1.5 + j;
            for (int a = 0; a < d; a++) {
                variances[j][a] = 1 + 0.3 * a + 0.2 * j;
                covariances[j][a][a] = variances[j][a];
                for (int b = 0; b < a; b++) {
                    covariances[j][a][b] = covariances[j][b][a] = 0.1 * Math.sqrt(variances[j][a]);
                }
            }
        }
        GaussianMixture start = switch (type) {
            case FULL -> GaussianMixture.full(weights, means, covariances);
            case DIAGONAL -> GaussianMixture.diagonal(weights, means, variances);
            case SPHERICAL -> GaussianMixture.spherical(weights, means, spherical);
            case TIED -> throw new AssertionError("not a case here");
        };
        double regCovar = 1e-6;
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).covarianceType(type)
                .regCovar(regCovar).build();
        EmOptions.Builder options = EmOptions.builder().tolerance(0).maxIterations(1).chunkSize(chunkSize);
        FittedGaussianMixture fit = model.fit(Dataset.of(rows), start, options.threads(2).build());
        FittedGaussianMixture serial = model.fit(Dataset.of(rows), start, options.threads(1).build());

        NaiveMoments[] stats = new NaiveMoments[k];
        for (int j = 0; j < k; j++) {
            stats[j] = new NaiveMoments(d);
        }
        double logLikelihood = 0;
        double[] logJoint = new double[k];
        for (double[] row : rows) {
            for (int j = 0; j < k; j++) {
                logJoint[j] = Math.log(weights[j]) + start.component(j).logDensity(row);
            }
            double total = LogSumExp.of(logJoint);
            logLikelihood += total;
            for (int j = 0; j < k; j++) {
                stats[j].add(row, 0, Math.exp(logJoint[j] - total));
            }
        }
        assertThat(fit.result().trace().get(0)).isCloseTo(logLikelihood, within(TOLERANCE * Math.abs(logLikelihood)));
        for (int j = 0; j < k; j++) {
            Gaussian expected = stats[j].toGaussian(type, regCovar);
            assertThat(fit.weights()[j]).isCloseTo(stats[j].weight() / n, within(TOLERANCE));
            assertClose(fit.means()[j], expected.mean());
            assertClose(fit.covariance(j).toRowMajor(), expected.covariance().toRowMajor());
            assertThat(fit.covariance(j).toRowMajor()).containsExactly(serial.covariance(j).toRowMajor());
            assertThat(fit.means()[j]).containsExactly(serial.means()[j]);
        }
    }

    private static void assertClose(double[] actual, double[] expected) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(TOLERANCE * scale));
        }
    }
}
