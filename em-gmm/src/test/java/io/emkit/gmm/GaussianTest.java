package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.numeric.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {
    /** Closed forms evaluated in double; a few ulps apart from the Cholesky route. */
    private static final double CLOSED_FORM = 1e-13;

    @Test
    void oneDimensionalDensityMatchesClosedForm() {
        Gaussian g = Gaussian.of(new double[] {2.0}, Matrix.of(new double[][] {{4.0}}));
        // log N(3.5 | 2, 4) = -½ log(2π·4) - (1.5)²/(2·4)
        double expected = -0.5 * Math.log(2 * Math.PI * 4) - 1.5 * 1.5 / 8;
        assertThat(g.logDensity(new double[] {3.5})).isCloseTo(expected, within(CLOSED_FORM));
    }

    @Test
    void twoDimensionalDensityMatchesClosedForm() {
        Gaussian g = Gaussian.of(new double[] {1, -1}, Matrix.of(new double[][] {{2, 0.6}, {0.6, 1}}));
        // |Σ| = 1.64, (x-μ) = (1, 1.5), (x-μ)ᵀΣ⁻¹(x-μ) = (1 - 1.8 + 4.5) / 1.64
        double expected = -Math.log(2 * Math.PI) - 0.5 * Math.log(1.64) - 0.5 * 3.7 / 1.64;
        assertThat(g.logDensity(new double[] {2, 0.5})).isCloseTo(expected, within(CLOSED_FORM));
        assertThat(g.logDensity(new double[] {9, 9, 2, 0.5}, 2)).isCloseTo(expected, within(CLOSED_FORM));
        double[] out = new double[3];
        g.logDensities(new double[] {2, 0.5, 1, -1}, 2, out, 1);
        assertThat(out[1]).isCloseTo(expected, within(CLOSED_FORM));
        assertThat(out[2]).isCloseTo(-Math.log(2 * Math.PI) - 0.5 * Math.log(1.64), within(CLOSED_FORM));
        assertThat(out[0]).isZero();
    }

    @Test
    void samplesHaveTheRightMeanAndCovariance() {
        Gaussian g = Gaussian.of(new double[] {1, -1}, Matrix.of(new double[][] {{2, 0.6}, {0.6, 1}}));
        SplittableRandom random = new SplittableRandom(3);
        NaiveMoments stats = new NaiveMoments(2);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            stats.add(g.sample(random), 0, 1.0);
        }
        // standard errors: mean ~ sqrt(2/n) = 0.01, covariance entries ~ 2·sqrt(2/n) = 0.02; 5 SE
        assertThat(stats.mean()[0]).isCloseTo(1, within(0.05));
        assertThat(stats.mean()[1]).isCloseTo(-1, within(0.05));
        assertThat(stats.covariance().get(0, 0)).isCloseTo(2, within(0.1));
        assertThat(stats.covariance().get(0, 1)).isCloseTo(0.6, within(0.1));
        assertThat(stats.covariance().get(1, 1)).isCloseTo(1, within(0.1));
    }

    @Test
    void rejectsBadParametersNamingTheProblem() {
        Matrix identity = Matrix.identity(2);
        assertThatIllegalArgumentException().isThrownBy(() -> Gaussian.of(new double[] {1, 2, 3}, identity))
                .withMessageContaining("dimension mismatch");
        assertThatIllegalArgumentException().isThrownBy(() -> Gaussian.of(new double[] {Double.NaN, 0}, identity))
                .withMessageContaining("mean[0] is NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Gaussian.of(new double[] {0, 0}, Matrix.of(new double[][] {{1, 0.5}, {0.4, 1}})))
                .withMessageContaining("not symmetric");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Gaussian.of(new double[] {0, 0}, Matrix.of(new double[][] {{1, 2}, {2, 1}})))
                .withMessageContaining("not positive definite");
        assertThatIllegalArgumentException().isThrownBy(() -> Gaussian.of(new double[2], Matrix.identity(2)).logDensity(new double[3]))
                .withMessageContaining("dimension mismatch");
    }

    @Test
    void covarianceTypeNamesAndParameterCounts() {
        assertThat(CovarianceType.fromName("diag")).isEqualTo(CovarianceType.DIAGONAL);
        assertThat(CovarianceType.fromName("diagonal")).isEqualTo(CovarianceType.DIAGONAL);
        for (CovarianceType type : CovarianceType.values()) {
            assertThat(CovarianceType.fromName(type.jsonName())).isEqualTo(type);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> CovarianceType.fromName("banana"))
                .withMessageContaining("banana");
        assertThat(CovarianceType.FULL.parameterCount(3, 4)).isEqualTo(30);
        assertThat(CovarianceType.DIAGONAL.parameterCount(3, 4)).isEqualTo(12);
        assertThat(CovarianceType.SPHERICAL.parameterCount(3, 4)).isEqualTo(3);
        assertThat(CovarianceType.TIED.parameterCount(3, 4)).isEqualTo(10);
    }

}
