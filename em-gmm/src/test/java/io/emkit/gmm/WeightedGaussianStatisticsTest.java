package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedGaussianStatisticsTest {

    @Test
    void handCheckedWeightedMoments() {
        WeightedGaussianStatistics s = new WeightedGaussianStatistics(1);
        s.add(new double[] {1}, 0, 1);
        s.add(new double[] {4}, 0, 2);
        s.add(new double[] {100}, 0, 0);
        // W = 3, m = (1 + 8)/3 = 3, M = 1·4 + 2·1 = 6, covariance 2
        assertThat(s.weight()).isEqualTo(3);
        assertThat(s.mean()[0]).isCloseTo(3, within(1e-15));
        assertThat(s.covariance().get(0, 0)).isCloseTo(2, within(1e-15));
        assertThat(s.toGaussian(CovarianceType.FULL, 0.5).covariance().get(0, 0)).isCloseTo(2.5, within(1e-15));
    }

    @Test
    void mergeOfChunksEqualsSinglePass() {
        SplittableRandom random = new SplittableRandom(5);
        int d = 3;
        int n = 500;
        double[] x = new double[n * d];
        double[] w = new double[n];
        for (int i = 0; i < n * d; i++) {
            x[i] = random.nextGaussian() * (1 + i % d) + 10;
        }
        for (int i = 0; i < n; i++) {
            w[i] = random.nextDouble();
        }
        WeightedGaussianStatistics single = new WeightedGaussianStatistics(d);
        for (int i = 0; i < n; i++) {
            single.add(x, i * d, w[i]);
        }
        WeightedGaussianStatistics merged = new WeightedGaussianStatistics(d);
        for (int from = 0; from < n; from += 37) {
            WeightedGaussianStatistics chunk = new WeightedGaussianStatistics(d);
            for (int i = from; i < Math.min(n, from + 37); i++) {
                chunk.add(x, i * d, w[i]);
            }
            merged.merge(chunk);
        }
        assertThat(merged.weight()).isCloseTo(single.weight(), within(1e-12));
        assertClose(merged.mean(), single.mean(), 1e-13);
        assertClose(merged.covariance().toRowMajor(), single.covariance().toRowMajor(), 1e-12);
    }

    @Test
    void dataShiftedBy1e8KeepsFullRelativePrecision() {
        SplittableRandom random = new SplittableRandom(9);
        int d = 2;
        int n = 1000;
        double[] x = new double[n * d];
        double[] shifted = new double[n * d];
        for (int i = 0; i < n * d; i++) {
            // multiples of 2^-20, so that x + 1e8 is exact and only the accumulation is tested
            x[i] = Math.rint(random.nextGaussian() * 0x1p20) * 0x1p-20;
            shifted[i] = x[i] + 1e8;
        }
        WeightedGaussianStatistics plain = new WeightedGaussianStatistics(d);
        WeightedGaussianStatistics far = new WeightedGaussianStatistics(d);
        WeightedGaussianStatistics farMerged = new WeightedGaussianStatistics(d);
        for (int i = 0; i < n; i++) {
            plain.add(x, i * d, 1 + i % 3);
            far.add(shifted, i * d, 1 + i % 3);
            WeightedGaussianStatistics one = new WeightedGaussianStatistics(d);
            one.add(shifted, i * d, 1 + i % 3);
            farMerged.merge(one);
        }
        assertClose(far.covariance().toRowMajor(), plain.covariance().toRowMajor(), 1e-9);
        assertClose(farMerged.covariance().toRowMajor(), plain.covariance().toRowMajor(), 1e-9);
        assertThat(far.mean()[0] - 1e8).isCloseTo(plain.mean()[0], within(1e-7));
    }

    @Test
    void diagonalAndSphericalShapes() {
        WeightedGaussianStatistics s = new WeightedGaussianStatistics(2);
        s.add(new double[] {0, 0}, 0, 1);
        s.add(new double[] {2, 4}, 0, 1);
        // covariance [[1, 2], [2, 4]] (singular); diag (1, 4); spherical 2.5
        Gaussian diag = s.toGaussian(CovarianceType.DIAGONAL, 0);
        assertThat(diag.covariance().toRowMajor()).containsExactly(1, 0, 0, 4);
        Gaussian sph = s.toGaussian(CovarianceType.SPHERICAL, 0.5);
        assertThat(sph.covariance().toRowMajor()).containsExactly(3, 0, 0, 3);
        assertThatIllegalArgumentException().isThrownBy(() -> s.toGaussian(CovarianceType.FULL, 0))
                .withMessageContaining("not positive definite");
        assertThatIllegalArgumentException().isThrownBy(() -> s.toGaussian(CovarianceType.TIED, 0))
                .withMessageContaining("TIED");
        assertThatIllegalArgumentException().isThrownBy(() -> s.add(new double[] {0, 0}, 0, -1))
                .withMessageContaining("weight (-1.0)");
    }

    static void assertClose(double[] actual, double[] expected, double relative) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relative * scale));
        }
    }
}
