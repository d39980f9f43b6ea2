package io.emkit.latent.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FA and PPCA: the E-step's algebra against direct formulas, the fit by moments, queries, messages. */
class FactorModelTest {

    static Dataset synthetic() {
        return Dataset.of(FactorFixtureTest.matrix(FactorFixtureTest.read("synthetic-d8-q2").get("data")));
    }

    /** Direct N(μ, C) by a d × d Cholesky, the reference for the Woodbury route. */
    static double directLogDensity(FactorParameters p, double[] x) {
        int d = p.dimension();
        double[] c = p.covariance().toRowMajor();
        assertThat(FactorKernels.cholesky(c, d)).isTrue();
        double[] e = new double[d];
        double[] mu = p.mean();
        for (int a = 0; a < d; a++) {
            e[a] = x[a] - mu[a];
        }
        FactorKernels.forward(c, d, e, 0);
        double quad = 0;
        double logDet = 0;
        for (int a = 0; a < d; a++) {
            quad += e[a] * e[a];
            logDet += 2 * Math.log(c[a * d + a]);
        }
        return -0.5 * (d * Math.log(2 * Math.PI) + logDet + quad);
    }

    static FactorParameters randomParameters(SplittableRandom rng, int d, int q) {
        double[] mu = new double[d];
        double[][] w = new double[d][q];
        double[] psi = new double[d];
        for (int a = 0; a < d; a++) {
            mu[a] = rng.nextGaussian() * 5;
            psi[a] = 0.1 + rng.nextDouble();
            for (int c = 0; c < q; c++) {
                w[a][c] = rng.nextGaussian() * 2;
            }
        }
        return FactorParameters.of(mu, w, psi);
    }

    @Test
    void woodburyLogDensityAndPosteriorMeanMatchTheDirectFormulas() {
        SplittableRandom rng = new SplittableRandom(3);
        FactorParameters p = randomParameters(rng, 7, 3);
        double[][] rows = new double[5][7];
        for (double[] row : rows) {
            for (int a = 0; a < 7; a++) {
                row[a] = rng.nextGaussian() * 4;
            }
        }
        Dataset data = Dataset.of(rows);
        double[] ld = p.logDensities(data);
        Matrix z = p.transform(data);
        double[] cInv = p.covariance().toRowMajor();
        double[] w = p.loadings().toRowMajor();
        double[] mu = p.mean();
        for (int i = 0; i < rows.length; i++) {
            assertThat(ld[i]).isCloseTo(directLogDensity(p, rows[i]), org.assertj.core.data.Offset.offset(1e-10));
            // E[z|x] = Wᵀ C⁻¹ (x - μ): solve C y = x - μ directly
            double[] y = new double[7];
            for (int a = 0; a < 7; a++) {
                y[a] = rows[i][a] - mu[a];
            }
            double[] chol = cInv.clone();
            FactorKernels.cholesky(chol, 7);
            FactorKernels.forward(chol, 7, y, 0);
            FactorKernels.backward(chol, 7, y, 0);
            for (int c = 0; c < 3; c++) {
                double expected = 0;
                for (int a = 0; a < 7; a++) {
                    expected += w[a * 3 + c] * y[a];
                }
                assertThat(z.get(i, c)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-10));
            }
        }
    }

    @Test
    void fitByMomentsFollowsTheSameIteratesAsEmOnTheRows() {
        Dataset data = synthetic();
        FactorAnalysis model = FactorAnalysis.builder().factors(2).build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(40).threads(2).chunkSize(97).build();
        EmResult<FactorParameters> byMoments = model.fit(data, options);
        EmResult<FactorParameters> onRows = Em.fit(model, data, options);
        assertThat(byMoments.trace().length()).isEqualTo(onRows.trace().length());
        for (int i = 0; i < onRows.trace().length(); i++) {
            double expected = onRows.trace().get(i);
            assertThat(byMoments.trace().get(i)).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(1e-11 * Math.abs(expected)));
        }
        assertThat(FactorFixtureTest.relativeMaxDifference(byMoments.parameters().covariance(),
                onRows.parameters().covariance().toArray())).isLessThan(1e-10);
        // and the trace never decreases
        for (int i = 1; i < onRows.trace().length(); i++) {
            assertThat(onRows.trace().get(i)).isGreaterThanOrEqualTo(
                    onRows.trace().get(i - 1) - 1e-12 * Math.abs(onRows.trace().get(i - 1)));
        }
    }

    @Test
    void resultsDoNotDependOnThreadsOrChunking() {
        Dataset data = synthetic();
        FactorAnalysis model = FactorAnalysis.builder().factors(2).build();
        EmResult<FactorParameters> one = Em.fit(model, data,
                EmOptions.builder().tolerance(0).maxIterations(10).threads(1).chunkSize(50).build());
        EmResult<FactorParameters> two = Em.fit(model, data,
                EmOptions.builder().tolerance(0).maxIterations(10).threads(2).chunkSize(50).build());
        assertThat(one.trace().toArray()).containsExactly(two.trace().toArray());
        assertThat(one.parameters().noiseVariances()).containsExactly(two.parameters().noiseVariances());
    }

    @Test
    void momentsMergeInAnyOrder() {
        Dataset data = synthetic();
        FactorAnalysis model = FactorAnalysis.builder().factors(2).build();
        FactorParameters p = model.initialize(data, new SplittableRandom(1));
        FactorStatistics a = model.expect(p, data.rows(0, 100));
        FactorStatistics b = model.expect(p, data.rows(100, 250));
        FactorStatistics c = model.expect(p, data.rows(250, 400));
        FactorStatistics all = model.expect(p, data);
        FactorStatistics abc = model.expect(p, data.rows(0, 100)).merge(b).merge(c);
        FactorStatistics cba = model.expect(p, data.rows(250, 400)).merge(model.expect(p, data.rows(100, 250)))
                .merge(a);
        for (FactorStatistics s : new FactorStatistics[] {abc, cba}) {
            assertThat(s.weight()).isEqualTo(400.0);
            assertThat(s.logLikelihood()).isCloseTo(all.logLikelihood(),
                    org.assertj.core.data.Offset.offset(1e-9 * Math.abs(all.logLikelihood())));
            assertThat(FactorFixtureTest.relativeMaxDifference(s.mean(), all.mean())).isLessThan(1e-13);
            assertThat(FactorFixtureTest.relativeMaxDifference(s.covariance(), all.covariance().toArray()))
                    .isLessThan(1e-12);
        }
    }

    @Test
    void reconstructionIsMeanPlusLoadingsTimesPosteriorMeanAndSamplesHaveTheModelCovariance() {
        SplittableRandom rng = new SplittableRandom(5);
        FactorParameters p = randomParameters(rng, 5, 2);
        Matrix x = p.sample(40_000, rng);
        Dataset data = Dataset.of(x.toArray());
        // sample covariance within 4 standard errors of the model's (entries of order 1-20)
        FactorStatistics s = FactorAnalysis.builder().factors(2).build().expect(p, data);
        double[][] c = p.covariance().toArray();
        Matrix sc = s.covariance();
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double se = Math.sqrt((c[a][b] * c[a][b] + c[a][a] * c[b][b]) / 40_000.0);
                assertThat(Math.abs(sc.get(a, b) - c[a][b])).isLessThan(4 * se);
            }
        }
        Matrix z = p.transform(data.rows(0, 3));
        Matrix r = p.reconstruct(data.rows(0, 3));
        double[] mu = p.mean();
        Matrix w = p.loadings();
        for (int i = 0; i < 3; i++) {
            for (int a = 0; a < 5; a++) {
                assertThat(r.get(i, a)).isCloseTo(mu[a] + w.get(a, 0) * z.get(i, 0) + w.get(a, 1) * z.get(i, 1),
                        org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void parameterCountsSubtractTheRotationFreedom() {
        SplittableRandom rng = new SplittableRandom(2);
        FactorParameters fa = randomParameters(rng, 8, 3);
        assertThat(fa.parameterCount()).isEqualTo(8 + 8 * 3 - 3 + 8);
        FactorParameters ppca = FactorParameters.isotropic(fa.mean(), fa.loadings().toArray(), 0.5);
        assertThat(ppca.parameterCount()).isEqualTo(8 + 8 * 3 - 3 + 1);
        Dataset data = synthetic();
        FactorParameters fit = FactorAnalysis.builder().factors(2).build()
                .fit(data, EmOptions.builder().maxIterations(50).build()).parameters();
        assertThat(fit.bic(data)).isEqualTo(-2 * fit.logLikelihood(data) + 31 * Math.log(400));
        assertThat(fit.aic(data)).isEqualTo(-2 * fit.logLikelihood(data) + 62);
        assertThat(fit.score(data)).isEqualTo(fit.logLikelihood(data) / 400);
    }

    @Test
    void ppcaClosedFormOnDataOfLowRankFloorsTheNoise() {
        double[][] rows = new double[20][3];
        for (int i = 0; i < 20; i++) {
            rows[i][0] = i;
            rows[i][1] = 2 * i; // every row on a line: the data span one dimension
            rows[i][2] = -i;
        }
        FactorParameters p = PPCA.builder().factors(1).build().closedForm(Dataset.of(rows));
        assertThat(p.noiseVariance()).isPositive().isLessThan(1e-9);
        assertThat(Double.isFinite(p.logLikelihood(Dataset.of(rows)))).isTrue();
    }

    @Test
    void validationMessagesNameTheProblem() {
        Dataset data = synthetic();
        assertThatIllegalArgumentException().isThrownBy(() -> FactorAnalysis.builder().factors(8).build()
                .fit(data, EmOptions.defaults())).withMessageContaining("factors q (8) must be < d (8)");
        assertThatIllegalArgumentException().isThrownBy(() -> FactorAnalysis.builder().factors(0))
                .withMessageContaining("factors q (0) must be >= 1");
        assertThatIllegalStateException().isThrownBy(() -> PPCA.builder().build())
                .withMessageContaining("factors q is required");
        assertThatIllegalArgumentException().isThrownBy(() -> FactorParameters.of(new double[] {0, 0, 0},
                new double[][] {{1}, {1}, {1}}, new double[] {1, -2, 1}))
                .withMessageContaining("noiseVariances[0][1] is -2.0; must be finite and > 0");
        assertThatIllegalArgumentException().isThrownBy(() -> FactorParameters.of(new double[] {0, 0, 0},
                new double[][] {{1}, {Double.NaN}, {1}}, new double[] {1, 1, 1}))
                .withMessageContaining("loadings[0][1][0] is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> FactorParameters.isotropic(new double[] {0, 0, 0},
                new double[][] {{1}, {1}, {1}}, 0.0)).withMessageContaining("noiseVariance (0.0) must be finite and > 0");
        FactorParameters wrongQ = FactorAnalysis.builder().factors(1).build().initialize(data, new SplittableRandom(1));
        assertThatIllegalArgumentException().isThrownBy(() -> FactorAnalysis.builder().factors(2).build()
                .fit(data, wrongQ, EmOptions.defaults())).withMessageContaining("start has q = 1 factors but the model has 2");
        assertThatIllegalArgumentException().isThrownBy(() -> wrongQ.logDensities(Dataset.of(new double[][] {{1, 2}})))
                .withMessageContaining("data have d = 2 but the model has d = 8");
        assertThatIllegalStateException().isThrownBy(wrongQ::noiseVariance).withMessageContaining("noiseVariances()");
    }
}
