package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import org.junit.jupiter.api.Test;

/**
 * One Gaussian M-step against the closed form computed here from the posteriors:
 * {@code mu_s = sum gamma x / sum gamma}, {@code Sigma_s = sum gamma (x - mu)(x - mu)^T / sum gamma + eps I},
 * off-diagonals dropped for DIAGONAL.
 */
class GaussianMStepTest {

    /** Agreement of two summation orders (Welford/Chan vs two-pass) over 600 points. */
    private static final double TOLERANCE = 1e-12;
    private static final double REG_COVAR = 0.01;

    @Test
    void diagonalWithRegCovarMatchesTheClosedForm() {
        check(CovarianceType.DIAGONAL);
    }

    @Test
    void fullWithRegCovarMatchesTheClosedForm() {
        check(CovarianceType.FULL);
    }

    private static void check(CovarianceType type) {
        HmmParameters start = TestModels.gaussian2d();
        Sequences data = TestModels.sample(start, 3, 200, 200, 17).data();
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(type, REG_COVAR)).build();
        assertThat(model.guaranteesMonotoneLikelihood()).isFalse();
        HmmParameters next = Em.fit(model, data, start,
                EmOptions.builder().tolerance(0).maxIterations(1).threads(1).build()).parameters();
        GaussianEmission emission = (GaussianEmission) next.emission();
        assertThat(emission.covarianceType()).isEqualTo(type);

        FittedHmm fitted = FittedHmm.of(start);
        for (int s = 0; s < 2; s++) {
            double weight = 0;
            double[] mean = new double[2];
            for (int r = 0; r < data.size(); r++) {
                double[][] gamma = fitted.posteriors(data, r);
                for (int t = 0; t < data.length(r); t++) {
                    weight += gamma[t][s];
                    for (int a = 0; a < 2; a++) {
                        mean[a] += gamma[t][s] * data.value(r, t, a);
                    }
                }
            }
            mean[0] /= weight;
            mean[1] /= weight;
            double[][] covariance = new double[2][2];
            for (int r = 0; r < data.size(); r++) {
                double[][] gamma = fitted.posteriors(data, r);
                for (int t = 0; t < data.length(r); t++) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            covariance[a][b] += gamma[t][s] * (data.value(r, t, a) - mean[a])
                                    * (data.value(r, t, b) - mean[b]) / weight;
                        }
                    }
                }
            }
            covariance[0][0] += REG_COVAR;
            covariance[1][1] += REG_COVAR;
            if (type == CovarianceType.DIAGONAL) {
                covariance[0][1] = 0;
                covariance[1][0] = 0;
            }
            assertThat(emission.gaussian(s).mean()).containsExactly(mean, within(TOLERANCE * 3));
            assertThat(HmmFixtures.flatten(emission.gaussian(s).covariance().toArray()))
                    .containsExactly(HmmFixtures.flatten(covariance), within(TOLERANCE * 3));
        }
        assertThat(BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(type, 0)).build()
                .guaranteesMonotoneLikelihood()).isTrue();
        // parameter count: 2 means + 2 variances (+1 covariance when full) per state, 1 + 2 + ...
        int perState = type == CovarianceType.FULL ? 5 : 4;
        assertThat(model.parameterCount(next)).isEqualTo(1 + 2 + 2 * perState);
    }
}
