package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Gaussian HMM emissions on partly missing steps (some coordinates NaN, issue #14): the observed
 * marginal density, checked by brute force over state paths with 2 × 2 algebra written here, and
 * Baum-Welch on the expected sufficient statistics.
 */
class PartlyMissingStepsTest {
    private static final double NA = Double.NaN;
    private static final double[] START = {0.6, 0.4};
    private static final double[][] A = {{0.7, 0.3}, {0.2, 0.8}};
    private static final double[][] MU = {{0, 1}, {3, -2}};
    private static final double[][][] SIGMA = {{{1.0, 0.6}, {0.6, 2.0}}, {{1.5, -0.4}, {-0.4, 0.8}}};

    /** The bivariate normal density at x, or its observed marginal when one coordinate is NaN. */
    static double density(double[] x, double[] mu, double[][] c) {
        if (Double.isNaN(x[0]) || Double.isNaN(x[1])) {
            int a = Double.isNaN(x[0]) ? 1 : 0;
            double r = x[a] - mu[a];
            return Math.exp(-0.5 * r * r / c[a][a]) / Math.sqrt(2 * Math.PI * c[a][a]);
        }
        double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
        double p = x[0] - mu[0];
        double q = x[1] - mu[1];
        double m = (c[1][1] * p * p - 2 * c[0][1] * p * q + c[0][0] * q * q) / det;
        return Math.exp(-0.5 * m) / (2 * Math.PI * Math.sqrt(det));
    }

    static GaussianEmission emission() {
        return GaussianEmission.of(List.of(Gaussian.of(MU[0], Matrix.of(SIGMA[0])),
                Gaussian.of(MU[1], Matrix.of(SIGMA[1]))));
    }

    @Test
    void logLikelihoodIsTheSumOverPathsOfTheMarginalDensities() {
        double[][] x = {{0.5, NA}, {2.5, -1}, {NA, 0.3}, {NA, NA}, {1.0, 1.0}};
        double total = 0;
        for (int path = 0; path < 1 << x.length; path++) {
            double p = 1;
            int previous = -1;
            for (int t = 0; t < x.length; t++) {
                int s = (path >> t) & 1;
                p *= previous < 0 ? START[s] : A[previous][s];
                p *= Double.isNaN(x[t][0]) && Double.isNaN(x[t][1]) ? 1 : density(x[t], MU[s], SIGMA[s]);
                previous = s;
            }
            total += p;
        }
        FittedHmm hmm = FittedHmm.of(HmmParameters.of(START, A, emission()));
        Sequences data = Sequences.ofVectorsWithMissing(new double[][][] {x});
        assertThat(data.partlyMissingSteps()).isEqualTo(2);
        assertThat(data.missingSteps()).isEqualTo(1);
        assertThat(hmm.logLikelihood(data)).isCloseTo(Math.log(total), within(1e-12));
        assertThat(data.values(0)[1]).isNaN();
        assertThat(data.values(0)[0]).isEqualTo(0.5);
    }

    @Test
    void oneStateMStepUsesTheConditionalMeanAndCovarianceCorrection() {
        // one state, weight 1 per step: the new mean is the average of the completed points, the new
        // covariance the average of (x̂ - m)(x̂ - m)ᵀ plus the conditional variance at partly missing steps
        double[][] x = {{1, 2}, {NA, 4}, {-1, NA}, {3, 0}, {NA, NA}, {2, 2}};
        double[] mu = MU[0];
        double[][] c = SIGMA[0];
        double[][] completed = new double[x.length][];
        double[] correction = new double[x.length]; // conditional variance of the missing coordinate
        int[] missingAxis = new int[x.length];
        int n = 0;
        for (int t = 0; t < x.length; t++) {
            missingAxis[t] = -1;
            if (Double.isNaN(x[t][0]) && Double.isNaN(x[t][1])) {
                continue;
            }
            n++;
            completed[t] = x[t].clone();
            for (int m = 0; m < 2; m++) {
                if (Double.isNaN(x[t][m])) {
                    int o = 1 - m;
                    completed[t][m] = mu[m] + c[m][o] / c[o][o] * (x[t][o] - mu[o]);
                    correction[t] = c[m][m] - c[m][o] * c[m][o] / c[o][o];
                    missingAxis[t] = m;
                }
            }
        }
        double[] mean = new double[2];
        for (double[] row : completed) {
            for (int a = 0; row != null && a < 2; a++) {
                mean[a] += row[a] / n;
            }
        }
        double[][] cov = new double[2][2];
        for (int t = 0; t < x.length; t++) {
            if (completed[t] == null) {
                continue;
            }
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    cov[a][b] += (completed[t][a] - mean[a]) * (completed[t][b] - mean[b]) / n;
                }
            }
            if (missingAxis[t] >= 0) {
                cov[missingAxis[t]][missingAxis[t]] += correction[t] / n;
            }
        }
        BaumWelch model = BaumWelch.builder().states(1).emission(EmissionFamily.gaussian(CovarianceType.FULL, 0))
                .build();
        HmmParameters start = HmmParameters.of(new double[] {1}, new double[][] {{1}},
                GaussianEmission.of(List.of(Gaussian.of(mu, Matrix.of(c)))));
        EmOptions one = EmOptions.builder().tolerance(0).maxIterations(1).threads(1).build();
        EmResult<HmmParameters> fit = Em.fit(model, Sequences.ofVectorsWithMissing(new double[][][] {x}), start, one);
        Gaussian g = ((GaussianEmission) fit.parameters().emission()).gaussian(0);
        assertThat(g.mean()[0]).isCloseTo(mean[0], within(1e-12));
        assertThat(g.mean()[1]).isCloseTo(mean[1], within(1e-12));
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                assertThat(g.covariance().get(a, b)).as("cov[%d][%d]", a, b).isCloseTo(cov[a][b], within(1e-12));
            }
        }
    }

    static double[][][] sample(SplittableRandom random, double missingRate) {
        double[][][] out = new double[6][150][];
        for (int r = 0; r < out.length; r++) {
            int s = 0;
            for (int t = 0; t < out[r].length; t++) {
                s = random.nextDouble() < A[s][0] ? 0 : 1;
                double z0 = random.nextGaussian();
                double z1 = random.nextGaussian();
                double l00 = Math.sqrt(SIGMA[s][0][0]);
                double l10 = SIGMA[s][1][0] / l00;
                double l11 = Math.sqrt(SIGMA[s][1][1] - l10 * l10);
                double[] x = {MU[s][0] + l00 * z0, MU[s][1] + l10 * z0 + l11 * z1};
                if (random.nextDouble() < missingRate) {
                    x[random.nextInt(2)] = NA;
                }
                out[r][t] = x;
            }
        }
        return out;
    }

    @Test
    void baumWelchNeverDecreasesWithPartlyMissingSteps() {
        for (CovarianceType type : CovarianceType.values()) {
            double[][][] x = sample(new SplittableRandom(3), 0.3);
            BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(type, 1e-6)).build();
            EmOptions options = EmOptions.builder().tolerance(0).maxIterations(25).threads(1).seed(4).build();
            EmResult<HmmParameters> fit = Em.fit(model, Sequences.ofVectorsWithMissing(x), options);
            double[] trace = fit.trace().toArray();
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).as("%s trace[%d]", type, i)
                        .isGreaterThanOrEqualTo(trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]));
            }
            // the fitted log-likelihood is that of the marginal densities under the fitted model
            assertThat(FittedHmm.of(fit.parameters()).logLikelihood(Sequences.ofVectorsWithMissing(x)))
                    .isGreaterThanOrEqualTo(trace[trace.length - 1] - 1e-9 * Math.abs(trace[trace.length - 1]));
        }
    }

    @Test
    void withoutMissingCellsTheFitIsBitIdentical() {
        double[][][] x = sample(new SplittableRandom(5), 0);
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.gaussian(CovarianceType.FULL, 1e-6))
                .build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(10).threads(2).seed(1).build();
        EmResult<HmmParameters> plain = Em.fit(model, Sequences.ofVectors(x), options);
        EmResult<HmmParameters> viaMissing = Em.fit(model, Sequences.ofVectorsWithMissing(x), options);
        assertThat(viaMissing.trace().toArray()).isEqualTo(plain.trace().toArray());
        assertThat(viaMissing.parameters()).isEqualTo(plain.parameters());
    }

    @Test
    void otherEmissionsRefusePartlyMissingSteps() {
        Sequences data = Sequences.ofVectorsWithMissing(new double[][][] {{{1, NA}, {2, 3}}});
        Emission poisson = EmissionFamily.poisson().initialize(Sequences.ofVectors(new double[][][] {{{1, 0}, {2, 3},
            {4, 1}}}), 2, new SplittableRandom(1));
        assertThatIllegalArgumentException().isThrownBy(() -> poisson.checkCompatible(data))
                .withMessageContaining("1 partly missing steps").withMessageContaining("only gaussian emissions");
    }
}
