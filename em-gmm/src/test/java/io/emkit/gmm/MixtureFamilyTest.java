package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.RecordingContext;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureAccumulator;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureSet;
import io.emkit.core.mixture.MixtureStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MixtureFamily} over the Gaussian family: with M = 1 it is the Gaussian family; a mixture
 * of it is a mixture of S·M Gaussians, checked against a textbook EM step written here; its
 * accumulators merge and scale; its sets validate.
 */
class MixtureFamilyTest {

    private static final double REG = 1e-6;
    private static final GaussianFamily GAUSSIAN = GaussianFamily.of(CovarianceType.FULL, REG);

    /** Repairs that record what they are told. */
    private static final class Recorder implements Repairs {
        final List<FitWarning> warnings = new ArrayList<>();
        final List<Integer> empty = new ArrayList<>();

        @Override
        public int iteration() {
            return 1;
        }

        @Override
        public void warn(FitWarning warning) {
            warnings.add(warning);
        }

        @Override
        public void empty(int component, double weight) {
            empty.add(component);
        }
    }

    private static double[][] data(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double shift = (i % 3) * 2.5;
            for (int a = 0; a < d; a++) {
                x[i][a] = shift + (a + 1) * random.nextGaussian() + 0.3 * (a > 0 ? x[i][a - 1] : 0);
            }
        }
        return x;
    }

    /** k random full-covariance Gaussian components. */
    private static GaussianComponents components(int k, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] means = new double[k][d];
        double[][][] cov = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            double[][] b = new double[d][d];
            for (int a = 0; a < d; a++) {
                means[j][a] = random.nextDouble(-2, 5);
                for (int c = 0; c < d; c++) {
                    b[a][c] = random.nextDouble(-1, 1);
                }
            }
            for (int a = 0; a < d; a++) {
                for (int c = 0; c < d; c++) {
                    double s = a == c ? 0.5 + j : 0;
                    for (int t = 0; t < d; t++) {
                        s += b[a][t] * b[c][t];
                    }
                    cov[j][a][c] = s;
                }
            }
        }
        return GaussianComponents.of(CovarianceType.FULL, means, cov);
    }

    /** Accumulates rows [from, to) with weights {@code weight(i, j)} block by block. */
    private static <C, A extends Accumulator<A>> A accumulate(Family<C, A> family, C set, Dataset data, int from,
            int to, Weights weight) {
        int k = family.components(set);
        int d = data.dimension();
        int bs = Family.BLOCK_ROWS;
        Kernel<A> kernel = family.kernel(set);
        double[] rows = new double[bs * d];
        double[] w = new double[k * bs];
        for (int start = from; start < to; start += bs) {
            int nb = Math.min(bs, to - start);
            data.copyRows(start, start + nb, rows, 0);
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < nb; i++) {
                    w[j * bs + i] = weight.of(start + i, j);
                }
            }
            kernel.accumulate(rows, 0, nb, w, 0, bs);
        }
        return kernel.finish();
    }

    @FunctionalInterface
    private interface Weights {
        double of(int row, int component);
    }

    private static double weightOf(int row, int component) {
        return ((row * 7 + component * 3) % 11 + 1) / 11.0;
    }

    private static void assertClose(double actual, double expected, double relative, String what) {
        double tolerance = relative * Math.max(1.0, Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected)
                .isLessThanOrEqualTo(tolerance);
    }

    @Test
    void withOneComponentPerStateItIsTheInnerFamily() {
        int k = 3;
        int d = 3;
        Dataset data = Dataset.of(data(150, d, 1));
        GaussianComponents gaussians = components(k, d, 2);
        MixtureFamily<GaussianComponents, GaussianAccumulator> family = MixtureFamily.of(GAUSSIAN, 1);
        MixtureSet<GaussianComponents> set = MixtureSet.of(GAUSSIAN, new double[][] {{1}, {1}, {1}}, gaussians);

        double[] expected = Families.logDensities(GAUSSIAN, gaussians, data);
        double[] actual = Families.logDensities(family, set, data);
        for (int i = 0; i < expected.length; i++) {
            assertClose(actual[i], expected[i], 1e-12, "log density " + i);
        }

        GaussianAccumulator plain = accumulate(GAUSSIAN, gaussians, data, 0, data.size(),
                MixtureFamilyTest::weightOf);
        MixtureAccumulator<GaussianAccumulator> mixed = accumulate(family, set, data, 0, data.size(),
                MixtureFamilyTest::weightOf);
        for (int j = 0; j < k; j++) {
            assertClose(mixed.weight(j, 0), plain.weight(j), 1e-12, "N_" + j);
        }
        Recorder repairs = new Recorder();
        GaussianComponents byGaussian = GAUSSIAN.estimate(plain, gaussians, new Recorder());
        MixtureSet<GaussianComponents> byMixture = family.estimate(mixed, set, repairs);
        assertThat(repairs.empty).isEmpty();
        for (int j = 0; j < k; j++) {
            assertThat(byMixture.weight(j, 0)).isEqualTo(1.0);
            double[] m1 = byMixture.inner().mean(j);
            double[] m0 = byGaussian.mean(j);
            double[][] c1 = byMixture.inner().covariance(j).toArray();
            double[][] c0 = byGaussian.covariance(j).toArray();
            for (int a = 0; a < d; a++) {
                assertClose(m1[a], m0[a], 1e-12, "mean " + j + "," + a);
                for (int b = 0; b < d; b++) {
                    assertClose(c1[a][b], c0[a][b], 1e-12, "covariance " + j + "," + a + "," + b);
                }
            }
        }
        assertThat(family.parameterCount(set)).isEqualTo(gaussians.parameterCount());
        assertThat(family.name()).isEqualTo("mixture-of-gaussian");
    }

    /** log N(x | μ, Σ) by a textbook Cholesky, independent of the library's kernels. */
    private static double logNormal(double[] x, double[] mu, double[][] sigma) {
        int d = x.length;
        double[][] l = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double s = sigma[a][b];
                for (int t = 0; t < b; t++) {
                    s -= l[a][t] * l[b][t];
                }
                l[a][b] = a == b ? Math.sqrt(s) : s / l[b][b];
            }
        }
        double[] z = new double[d];
        double quad = 0;
        double logDet = 0;
        for (int a = 0; a < d; a++) {
            double s = x[a] - mu[a];
            for (int t = 0; t < a; t++) {
                s -= l[a][t] * z[t];
            }
            z[a] = s / l[a][a];
            quad += z[a] * z[a];
            logDet += 2 * Math.log(l[a][a]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
    }

    @Test
    void aMixtureOfMixturesIsAMixtureOfAllInnerGaussians() {
        int states = 2;
        int m = 3;
        int d = 2;
        int n = 203;
        double[][] x = data(n, d, 5);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.25 + (i % 5) * 0.5;
        }
        Dataset data = Dataset.of(x, v);
        GaussianComponents gaussians = components(states * m, d, 6);
        double[] pi = {0.35, 0.65};
        double[][] w = {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        MixtureFamily<GaussianComponents, GaussianAccumulator> family = MixtureFamily.of(GAUSSIAN, m);
        MixtureParameters<MixtureSet<GaussianComponents>> start = MixtureParameters.of(family, pi,
                MixtureSet.of(GAUSSIAN, w, gaussians));
        Mixture<MixtureSet<GaussianComponents>, MixtureAccumulator<GaussianAccumulator>> mixture =
                Mixture.builder(family).components(states).build();

        RecordingContext context = new RecordingContext();
        MixtureStatistics<MixtureAccumulator<GaussianAccumulator>> stats = mixture.expect(start, data);
        MixtureParameters<MixtureSet<GaussianComponents>> next = mixture.maximize(stats, start, context);
        assertThat(context.warnings()).isEmpty();

        // the textbook step: joint weights π_s w_sm N(x | μ_sm, Σ_sm) over all S·M pairs
        int k = states * m;
        double[][] r = new double[n][k];
        double logLikelihood = 0;
        for (int i = 0; i < n; i++) {
            double[] logJoint = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < states; s++) {
                for (int c = 0; c < m; c++) {
                    int j = s * m + c;
                    logJoint[j] = Math.log(pi[s]) + Math.log(w[s][c])
                            + logNormal(x[i], gaussians.mean(j), gaussians.covariance(j).toArray());
                    max = Math.max(max, logJoint[j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logJoint[j] - max);
            }
            for (int j = 0; j < k; j++) {
                // r_i(s) · w_sm f_sm / Σ_m' w_sm' f_sm' = π_s w_sm f_sm / p(x_i)
                r[i][j] = Math.exp(logJoint[j] - max) / sum;
            }
            logLikelihood += v[i] * (max + Math.log(sum));
        }
        assertClose(stats.logLikelihood(), logLikelihood, 1e-10, "log-likelihood");

        double totalWeight = 0;
        for (double vi : v) {
            totalWeight += vi;
        }
        for (int s = 0; s < states; s++) {
            double ns = 0;
            double[] nsm = new double[m];
            for (int c = 0; c < m; c++) {
                for (int i = 0; i < n; i++) {
                    nsm[c] += v[i] * r[i][s * m + c];
                }
                ns += nsm[c];
            }
            assertClose(next.weights().get(s), ns / totalWeight, 1e-10, "outer weight " + s);
            for (int c = 0; c < m; c++) {
                int j = s * m + c;
                assertClose(next.components().weight(s, c), nsm[c] / ns, 1e-10, "inner weight " + s + "," + c);
                double[] mu = new double[d];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        mu[a] += v[i] * r[i][j] * x[i][a] / nsm[c];
                    }
                }
                double[][] sigma = new double[d][d];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        for (int b = 0; b < d; b++) {
                            sigma[a][b] += v[i] * r[i][j] * (x[i][a] - mu[a]) * (x[i][b] - mu[b]) / nsm[c];
                        }
                    }
                }
                double[] mean = next.components().inner().mean(j);
                double[][] cov = next.components().inner().covariance(j).toArray();
                for (int a = 0; a < d; a++) {
                    assertClose(mean[a], mu[a], 1e-10, "mean " + j + "," + a);
                    for (int b = 0; b < d; b++) {
                        assertClose(cov[a][b], sigma[a][b] + (a == b ? REG : 0), 1e-10,
                                "covariance " + j + "," + a + "," + b);
                    }
                }
            }
        }
    }

    @Test
    void mergeInAnyOrderAgreesAndScaleHalvesTheWeights() {
        int d = 2;
        Dataset data = Dataset.of(data(190, d, 9));
        MixtureFamily<GaussianComponents, GaussianAccumulator> family = MixtureFamily.of(GAUSSIAN, 2);
        MixtureSet<GaussianComponents> set = MixtureSet.of(GAUSSIAN, new double[][] {{0.3, 0.7}, {0.5, 0.5}},
                components(4, d, 10));
        int[] cuts = {0, 70, 71, 190};
        List<MixtureAccumulator<GaussianAccumulator>> parts1 = new ArrayList<>();
        List<MixtureAccumulator<GaussianAccumulator>> parts2 = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            parts1.add(accumulate(family, set, data, cuts[p], cuts[p + 1], MixtureFamilyTest::weightOf));
            parts2.add(accumulate(family, set, data, cuts[p], cuts[p + 1], MixtureFamilyTest::weightOf));
        }
        MixtureAccumulator<GaussianAccumulator> forward = parts1.get(0).merge(parts1.get(1)).merge(parts1.get(2));
        MixtureAccumulator<GaussianAccumulator> backward = parts2.get(2).merge(parts2.get(0)).merge(parts2.get(1));
        MixtureAccumulator<GaussianAccumulator> whole = accumulate(family, set, data, 0, data.size(),
                MixtureFamilyTest::weightOf);
        for (int s = 0; s < 2; s++) {
            for (int c = 0; c < 2; c++) {
                int j = s * 2 + c;
                assertClose(backward.weight(s, c), forward.weight(s, c), 1e-12, "N " + j);
                assertClose(whole.weight(s, c), forward.weight(s, c), 1e-12, "N " + j + " unsplit");
                assertClose(backward.inner().weight(j), forward.inner().weight(j), 1e-12, "inner N " + j);
                for (int a = 0; a < d; a++) {
                    assertClose(backward.inner().mean(j)[a], forward.inner().mean(j)[a], 1e-12, "inner mean");
                    for (int b = 0; b < d; b++) {
                        assertClose(backward.inner().scatter(j, a, b), forward.inner().scatter(j, a, b), 1e-12,
                                "inner scatter");
                    }
                }
                // the inner accumulator saw the same weights as N
                assertClose(forward.inner().weight(j), forward.weight(s, c), 1e-12, "inner vs outer N " + j);
            }
            assertClose(forward.stateWeight(s), forward.weight(s, 0) + forward.weight(s, 1), 1e-15, "state weight");
        }

        double[] before = {forward.weight(0, 0), forward.weight(1, 1), forward.inner().weight(3)};
        forward.scale(0.5);
        assertThat(forward.weight(0, 0)).isEqualTo(before[0] / 2);
        assertThat(forward.weight(1, 1)).isEqualTo(before[1] / 2);
        assertThat(forward.inner().weight(3)).isEqualTo(before[2] / 2);
        assertThatThrownBy(() -> forward.scale(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor (-1.0)");

        MixtureAccumulator<GaussianAccumulator> empty = forward.emptyCopy();
        assertThat(empty.weight(1, 0)).isZero();
        assertThat(empty.inner().weight(2)).isZero();
        assertThat(empty.merge(backward).weight(1, 0)).isEqualTo(backward.weight(1, 0));

        MixtureFamily<GaussianComponents, GaussianAccumulator> three = MixtureFamily.of(GAUSSIAN, 1);
        MixtureAccumulator<GaussianAccumulator> other = accumulate(three,
                MixtureSet.of(GAUSSIAN, new double[][] {{1}, {1}, {1}, {1}}, components(4, d, 10)), data, 0, 10,
                MixtureFamilyTest::weightOf);
        assertThatThrownBy(() -> forward.merge(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S = 4, M = 1 into S = 2, M = 2");
    }

    @Test
    void validationNamesTheProblem() {
        GaussianComponents four = components(4, 2, 11);
        assertThatThrownBy(() -> MixtureSet.of(GAUSSIAN, new double[][] {{0.5, 0.5}, {0.5, 0.4}}, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights of state 1 sum to 0.9");
        assertThatThrownBy(() -> MixtureSet.of(GAUSSIAN, new double[][] {{1.5, -0.5}, {0.5, 0.5}}, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[0][0] is 1.5; must be in [0, 1]");
        assertThatThrownBy(() -> MixtureSet.of(GAUSSIAN, new double[][] {{0.5, 0.5}, {1}}, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights[1] has 1 entries but weights[0] has 2");
        assertThatThrownBy(() -> MixtureSet.of(GAUSSIAN, new double[][] {{1}, {1}, {1}}, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inner set has 4 components but S x M = 3 x 1 = 3");
        assertThatThrownBy(() -> MixtureFamily.of(GAUSSIAN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perState (0) must be >= 1");
        MixtureSet<GaussianComponents> twoByTwo = MixtureSet.of(GAUSSIAN, new double[][] {{0.5, 0.5}, {1, 0}}, four);
        assertThatThrownBy(() -> MixtureFamily.of(GAUSSIAN, 1).kernel(twoByTwo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set has M = 2 inner components per state but the family has 1");
        assertThat(twoByTwo.weights()).isDeepEqualTo(new double[][] {{0.5, 0.5}, {1, 0}});
        assertThat(MixtureFamily.of(GAUSSIAN, 2).parameterCount(twoByTwo)).isEqualTo(2 + four.parameterCount());
    }

    @Test
    void anEmptyStateKeepsItsWeightsAndAnEmptyInnerComponentDropsToWeightZero() {
        int d = 2;
        Dataset data = Dataset.of(data(120, d, 12));
        double[][] means = {{0, 0}, {1000, 1000}, {1, 1}, {2, 2}};
        double[][][] cov = new double[4][][];
        for (int j = 0; j < 4; j++) {
            cov[j] = new double[][] {{1, 0}, {0, 1}};
        }
        GaussianComponents gaussians = GaussianComponents.of(CovarianceType.FULL, means, cov);
        double[][] w = {{0.5, 0.5}, {0.25, 0.75}};
        MixtureFamily<GaussianComponents, GaussianAccumulator> family = MixtureFamily.of(GAUSSIAN, 2);
        MixtureSet<GaussianComponents> set = MixtureSet.of(GAUSSIAN, w, gaussians);
        // state 1 gets no weight at all; inner component (0, 1) is far from every row
        MixtureAccumulator<GaussianAccumulator> stats = accumulate(family, set, data, 0, data.size(),
                (row, state) -> state == 0 ? 1.0 : 0.0);
        assertThat(stats.weight(0, 1)).isZero();
        Recorder repairs = new Recorder();
        MixtureSet<GaussianComponents> next = family.estimate(stats, set, repairs);

        assertThat(repairs.empty).containsExactly(1);
        assertThat(next.weights()[1]).containsExactly(0.25, 0.75);
        assertThat(next.inner().mean(2)).containsExactly(1, 1);
        assertThat(next.weight(0, 0)).isEqualTo(1.0);
        assertThat(next.weight(0, 1)).isZero();
        assertThat(next.inner().mean(1)).containsExactly(1000, 1000);
        assertThat(repairs.warnings).hasSize(1);
        assertThat(repairs.warnings.get(0).message()).contains("state 0: inner component 1 (inner index 1)");

        // once at weight 0 it is not reported again
        Recorder again = new Recorder();
        family.estimate(accumulate(family, next, data, 0, data.size(), (row, state) -> state == 0 ? 1.0 : 0.0), next,
                again);
        assertThat(again.warnings).isEmpty();
    }

    @Test
    void fitsThroughTheDriverFromItsOwnStart() {
        Dataset data = Dataset.of(data(300, 2, 13));
        MixtureFamily<GaussianComponents, GaussianAccumulator> family = MixtureFamily.of(GAUSSIAN, 2);
        Mixture<MixtureSet<GaussianComponents>, MixtureAccumulator<GaussianAccumulator>> mixture =
                Mixture.builder(family).components(2).build();
        EmResult<MixtureParameters<MixtureSet<GaussianComponents>>> result = mixture.fit(data,
                EmOptions.builder().seed(3).build());
        double[] trace = result.trace().toArray();
        for (int t = 1; t < trace.length; t++) {
            assertThat(trace[t]).as("trace[%s]", t)
                    .isGreaterThanOrEqualTo(trace[t - 1] - 1e-9 * Math.abs(trace[t - 1]));
        }
        MixtureSet<GaussianComponents> fitted = result.parameters().components();
        // a valid set: MixtureSet.of re-validates the fitted weights
        MixtureSet.of(GAUSSIAN, fitted.weights(), fitted.inner());
        assertThat(result.logLikelihood()).isCloseTo(result.parameters().logLikelihood(data),
                within(1e-8 * Math.abs(result.logLikelihood())));
        assertThat(result.parameters().parameterCount()).isEqualTo(1 + 2 + 4 * (2 + 3));
    }
}
