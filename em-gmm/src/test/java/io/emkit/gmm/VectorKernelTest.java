package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.RecordingContext;
import io.emkit.core.family.Family;
import io.emkit.core.family.Repairs;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optional Vector API path of {@link GaussianKernel} ({@link GaussianVectorKernels}) against the
 * plain-Java kernels: the same log densities and accumulated statistics within round-off, for full
 * and tied covariances, component counts that leave partial register tiles, blocks that end
 * mid-vector, and a component far from the chunk's centre (accumulated about its own mean). The
 * surefire configuration runs em-gmm's tests with {@code --add-modules jdk.incubator.vector}, so
 * every other test of the module runs the vector path too; this one also forces the plain path.
 */
class VectorKernelTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void theBuildRunsTheVectorPath() {
        // surefire adds the module; if this fails, the other tests ran the plain path only
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(GaussianKernel.vectorUsable()).isTrue();
    }

    @ParameterizedTest(name = "{0}, d = {1}, k = {2}")
    @CsvSource({
        "FULL, 5, 1", "FULL, 5, 3", "FULL, 10, 8", "FULL, 13, 5", "FULL, 7, 6", "TIED, 6, 1", "TIED, 9, 4",
    })
    void vectorAndPlainKernelsAgree(CovarianceType type, int d, int k) {
        assumeThat(GaussianKernel.vectorUsable()).as("jdk.incubator.vector resolved").isTrue();
        SplittableRandom random = new SplittableRandom(977L * d + k);
        double[][] means = new double[k][d];
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                means[j][a] = 3 + random.nextGaussian();
                covariances[j][a][a] = 0.5 + random.nextDouble() + (type == CovarianceType.TIED ? 0 : 0.1 * j);
                for (int b = 0; b < a; b++) {
                    int shift = type == CovarianceType.TIED ? 0 : j;
                    covariances[j][a][b] = covariances[j][b][a] = 0.05 * ((a + b + shift) % 3);
                }
            }
            if (type == CovarianceType.TIED) {
                covariances[j] = covariances[0];
            }
        }
        if (k > 1) {
            means[k - 1][0] += 500; // far beyond SHARED_REFERENCE_LIMIT: its own reference point
        }
        GaussianComponents components = GaussianComponents.of(type, means, type == CovarianceType.TIED
                ? covariances[0] : covariances);
        int bs = Family.BLOCK_ROWS;
        GaussianKernel vector = new GaussianKernel(components, true);
        GaussianKernel plain = new GaussianKernel(components, false);
        int[] blockRows = {bs, 37, bs, 5, 1, bs - 1};
        for (int nb : blockRows) {
            double[] x = new double[nb * d];
            for (int i = 0; i < nb; i++) {
                int j = random.nextInt(k);
                for (int a = 0; a < d; a++) {
                    x[i * d + a] = means[j][a] + random.nextGaussian();
                }
            }
            double[] v = new double[k * bs];
            double[] p = new double[k * bs];
            vector.logDensities(x, 0, nb, v, 0, bs);
            plain.logDensities(x, 0, nb, p, 0, bs);
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < nb; i++) {
                    double expected = p[j * bs + i];
                    assertThat(v[j * bs + i]).as("log density of row %d, component %d", i, j)
                            .isCloseTo(expected, within(TOLERANCE * Math.max(1, Math.abs(expected))));
                }
            }
            double[] w = new double[k * bs];
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextDouble();
            }
            vector.accumulate(x, 0, nb, w, 0, bs);
            plain.accumulate(x, 0, nb, w, 0, bs);
        }
        GaussianAccumulator v = vector.finish();
        GaussianAccumulator p = plain.finish();
        for (int j = 0; j < k; j++) {
            assertThat(v.weight(j)).isCloseTo(p.weight(j), within(TOLERANCE * p.weight(j)));
            double[] vm = v.mean(j);
            double[] pm = p.mean(j);
            for (int a = 0; a < d; a++) {
                assertThat(vm[a]).as("mean %d of %d", a, j).isCloseTo(pm[a], within(TOLERANCE * (1 + Math.abs(pm[a]))));
                for (int b = 0; b <= a; b++) {
                    double scale = Math.sqrt(p.scatter(j, a, a) * p.scatter(j, b, b));
                    assertThat(v.scatter(j, a, b)).as("scatter %d,%d of %d", a, b, j)
                            .isCloseTo(p.scatter(j, a, b), within(TOLERANCE * scale));
                }
            }
        }
    }

    @Test
    void theMStepChoosesTheNextKernelsFromTheRowsOfTheEStep() throws Exception {
        assumeThat(GaussianKernel.vectorUsable()).as("jdk.incubator.vector resolved").isTrue();
        assertThat(GaussianKernel.VECTOR_MIN_WORK).as("surefire sets emkit.vector.minWork=0").isZero();
        assertThat(GaussianKernel.vectorFor(0, 3, 6)).as("statistics not from kernels").isFalse();
        assertThat(GaussianKernel.vectorFor(1, 3, 6)).isTrue();
        int d = 6;
        int k = 2;
        double[][] means = {{0, 0, 0, 0, 0, 0}, {3, 3, 3, 3, 3, 3}};
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                covariances[j][a][a] = 1;
            }
        }
        GaussianComponents start = GaussianComponents.of(CovarianceType.FULL, means, covariances);
        assertThat(start.vectorKernel).as("start parameters: the first E-step runs the plain kernels").isFalse();
        int bs = Family.BLOCK_ROWS;
        SplittableRandom random = new SplittableRandom(11);
        GaussianAccumulator total = null;
        for (int chunk = 0; chunk < 2; chunk++) {
            GaussianKernel kernel = new GaussianKernel(start);
            double[] x = new double[bs * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 * (i / d % 2) + random.nextGaussian();
            }
            double[] w = new double[k * bs];
            for (int i = 0; i < w.length; i++) {
                w[i] = 0.5;
            }
            kernel.accumulate(x, 0, bs, w, 0, bs);
            kernel.accumulate(x, 0, 40, w, 0, bs);
            GaussianAccumulator acc = kernel.finish();
            assertThat(acc.rows).isEqualTo(bs + 40);
            total = total == null ? acc : total.merge(acc);
        }
        assertThat(total.rows).isEqualTo(2 * (bs + 40));
        assertThat(total.emptyCopy().rows).isZero();
        GaussianComponents next = GaussianFamily.of(CovarianceType.FULL, 1e-6).estimate(total, start,
                Repairs.of(new RecordingContext(), (component, weight) -> {}));
        assertThat(next.vectorKernel).isTrue();
        // the same components, not a copy of their numbers; a serialised copy (a cluster's executors)
        // runs the plain kernels, as the local em does
        assertThat(next.means).isSameAs(next.withVectorKernel(false).means);
        assertThat(roundTrip(next).vectorKernel).isFalse();
        assertThat(roundTrip(next).means).containsExactly(next.means);
    }

    private static GaussianComponents roundTrip(GaussianComponents components) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(components);
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (GaussianComponents) in.readObject();
        }
    }

    @Test
    void aFitOnTheVectorPathDoesNotDependOnTheThreadCount() {
        assumeThat(GaussianKernel.vectorUsable()).as("jdk.incubator.vector resolved").isTrue();
        int d = 6;
        int k = 3;
        int n = 2000;
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                rows[i][a] = 4.0 * (i % k) * ((a % 2) * 2 - 1) + random.nextGaussian();
            }
        }
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).covarianceType(CovarianceType.FULL)
                .regCovar(1e-6).build();
        EmOptions.Builder options = EmOptions.builder().tolerance(0).maxIterations(15).chunkSize(300);
        FittedGaussianMixture two = model.fit(Dataset.of(rows), options.threads(2).build());
        FittedGaussianMixture one = model.fit(Dataset.of(rows), options.threads(1).build());
        assertThat(two.result().trace().toArray()).containsExactly(one.result().trace().toArray());
        for (int j = 0; j < k; j++) {
            assertThat(two.covariance(j).toRowMajor()).containsExactly(one.covariance(j).toRowMajor());
        }
    }
}
