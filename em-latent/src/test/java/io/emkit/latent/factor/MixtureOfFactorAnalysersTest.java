package io.emkit.latent.factor;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.numeric.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mixture of factor analysers as Mixture over FactorAnalyserFamily: monotone EM, recovery, queries. */
class MixtureOfFactorAnalysersTest {

    static final int K = 3;
    static final int D = 10;
    static final int Q = 2;
    static final int PER_CLUSTER = 500;

    /** Three clusters, each near its own random 2-plane in R^10, noise sd 0.2. */
    record Planted(Dataset data, double[][][] loadings, double[][] means) {}

    static Planted planted(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][][] w = new double[K][D][Q];
        double[][] mu = new double[K][D];
        double[][] rows = new double[K * PER_CLUSTER][D];
        for (int j = 0; j < K; j++) {
            for (int a = 0; a < D; a++) {
                mu[j][a] = 8 * rng.nextGaussian();
                for (int c = 0; c < Q; c++) {
                    w[j][a][c] = rng.nextGaussian();
                }
            }
            for (int i = 0; i < PER_CLUSTER; i++) {
                double[] z = {rng.nextGaussian(), rng.nextGaussian()};
                double[] row = rows[j * PER_CLUSTER + i];
                for (int a = 0; a < D; a++) {
                    row[a] = mu[j][a] + w[j][a][0] * z[0] + w[j][a][1] * z[1] + 0.2 * rng.nextGaussian();
                }
            }
        }
        return new Planted(Dataset.of(rows), w, mu);
    }

    /** Orthonormal basis of the columns of a d × q matrix (modified Gram-Schmidt). */
    static double[][] orthonormal(double[][] w) {
        int d = w.length;
        int q = w[0].length;
        double[][] out = new double[d][q];
        for (int c = 0; c < q; c++) {
            double[] v = new double[d];
            for (int a = 0; a < d; a++) {
                v[a] = w[a][c];
            }
            for (int e = 0; e < c; e++) {
                double dot = 0;
                for (int a = 0; a < d; a++) {
                    dot += out[a][e] * v[a];
                }
                for (int a = 0; a < d; a++) {
                    v[a] -= dot * out[a][e];
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int a = 0; a < d; a++) {
                out[a][c] = v[a] / norm;
            }
        }
        return out;
    }

    /** Principal angles (degrees) between the column spaces of two d × q matrices, largest first. */
    static double[] principalAngles(double[][] a, double[][] b) {
        double[][] qa = orthonormal(a);
        double[][] qb = orthonormal(b);
        int q = a[0].length;
        double[] m = new double[q * q]; // (QaᵀQb)ᵀ(QaᵀQb): eigenvalues are cos² of the angles
        double[][] p = new double[q][q];
        for (int c = 0; c < q; c++) {
            for (int e = 0; e < q; e++) {
                for (int r = 0; r < a.length; r++) {
                    p[c][e] += qa[r][c] * qb[r][e];
                }
            }
        }
        for (int c = 0; c < q; c++) {
            for (int e = 0; e < q; e++) {
                for (int r = 0; r < q; r++) {
                    m[c * q + e] += p[r][c] * p[r][e];
                }
            }
        }
        double[] values = new double[q];
        FactorKernels.symmetricEigen(m, q, values, new double[q * q]);
        double[] angles = new double[q];
        for (int c = 0; c < q; c++) {
            angles[c] = Math.toDegrees(Math.acos(Math.min(1, Math.sqrt(Math.max(values[q - 1 - c], 0)))));
        }
        return angles;
    }

    @Test
    void recoversPlantedSubspacesWithALikelihoodThatNeverDecreases() {
        Planted planted = planted(13);
        Mixture<FactorAnalysers, FactorMoments> mfa = FactorMixtures.factorAnalysers(K, Q);
        EmResult<MixtureParameters<FactorAnalysers>> fit = mfa.fit(planted.data(),
                EmOptions.builder().tolerance(1e-8).maxIterations(300).restarts(3).seed(1).build());
        double[] trace = fit.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
        }
        assertThat(fit.warnings()).noneMatch(w -> w instanceof FitWarning.LikelihoodDecreased);
        FactorAnalysers set = fit.parameters().components();
        StringBuilder report = new StringBuilder();
        for (int j = 0; j < K; j++) {
            // the fitted component nearest the planted mean
            int best = 0;
            for (int m = 1; m < K; m++) {
                if (distance(set.mean(m), planted.means()[j]) < distance(set.mean(best), planted.means()[j])) {
                    best = m;
                }
            }
            assertThat(distance(set.mean(best), planted.means()[j])).isLessThan(0.5);
            double[] angles = principalAngles(planted.loadings()[j], set.loadings(best).toArray());
            report.append(String.format(java.util.Locale.ROOT, " cluster %d: %.3f, %.3f deg;", j, angles[0], angles[1]));
            // subspace estimated from 500 points at noise sd 0.2 against unit loadings: within a few degrees
            assertThat(angles[0]).as("principal angles:%s", report).isLessThan(5.0);
            assertThat(fit.parameters().weights().get(best)).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-3));
            for (double psi : set.noiseVariances(best)) {
                assertThat(psi).isBetween(0.02, 0.08); // true 0.04
            }
        }
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void withOneComponentTheMixtureIsFactorAnalysis() {
        Dataset data = FactorModelTest.synthetic();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(30).build();
        EmResult<MixtureParameters<FactorAnalysers>> one = FactorMixtures.factorAnalysers(1, 2).fit(data, options);
        EmResult<FactorParameters> fa = FactorAnalysis.builder().factors(2).build().fit(data, options);
        for (int i = 0; i < 30; i++) {
            assertThat(one.trace().get(i)).isCloseTo(fa.trace().get(i),
                    org.assertj.core.data.Offset.offset(1e-9 * Math.abs(fa.trace().get(i))));
        }
    }

    @Test
    void mppcaHasIsotropicNoiseAndItsParameterCount() {
        Planted planted = planted(7);
        Mixture<FactorAnalysers, FactorMoments> mppca = Mixture.builder(FactorAnalyserFamily.probabilisticPca(Q))
                .components(K).build();
        EmResult<MixtureParameters<FactorAnalysers>> fit = mppca.fit(planted.data(),
                EmOptions.builder().maxIterations(100).restarts(2).build());
        assertThat(fit.parameters().components().isIsotropic()).isTrue();
        assertThat(fit.parameters().parameterCount()).isEqualTo(2 + 3L * (D + D * Q - 1 + 1));
        MixtureParameters<FactorAnalysers> p = fit.parameters();
        assertThat(p.bic(planted.data())).isEqualTo(-2 * p.logLikelihood(planted.data())
                + p.parameterCount() * Math.log(planted.data().size()));
    }

    @Test
    void transformAndReconstructUseEachRowsComponent() {
        Planted planted = planted(13);
        EmResult<MixtureParameters<FactorAnalysers>> fit = FactorMixtures.factorAnalysers(K, Q).fit(planted.data(),
                EmOptions.builder().maxIterations(100).restarts(3).seed(1).build());
        MixtureParameters<FactorAnalysers> p = fit.parameters();
        Dataset head = planted.data().rows(0, 20);
        Matrix r = FactorMixtures.reconstruct(p, head);
        // the clusters are well separated and the noise small: reconstructions are within a few noise sd
        for (int i = 0; i < 20; i++) {
            double[] x = head.row(i);
            assertThat(distance(r.row(i), x)).isLessThan(0.2 * Math.sqrt(D) * 3);
        }
        int[] labels = p.labels(head);
        Matrix z = FactorMixtures.transform(p, head);
        Matrix z0 = FactorMixtures.transform(p, head, labels[0]);
        assertThat(z.row(0)).containsExactly(z0.row(0));
        // sampling draws from the fitted components, with their weights
        MixtureParameters.Sample s = p.sample(3000, new SplittableRandom(4));
        assertThat(s.points().rows()).isEqualTo(3000);
    }
}
