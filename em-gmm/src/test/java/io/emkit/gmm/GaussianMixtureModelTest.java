package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.FitWarning;
import io.emkit.core.StopReason;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GaussianMixtureModelTest {
    private static final EmOptions FIVE = EmOptions.builder().tolerance(0).maxIterations(5).chunkSize(50).build();

    private static GaussianMixtureModel model(int k, CovarianceType type) {
        return GaussianMixtureModel.builder().components(k).covarianceType(type).build();
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void weightTwoEqualsDuplicatingTheRow(CovarianceType type) {
        double[][] x = GaussianMixturePropertiesTest.clusters(3, 60);
        double[] w = new double[x.length];
        double[][] duplicated = new double[x.length + x.length / 4][];
        int m = 0;
        for (int i = 0; i < x.length; i++) {
            w[i] = i % 4 == 0 ? 2 : 1;
            duplicated[m++] = x[i];
            if (i % 4 == 0) {
                duplicated[m++] = x[i];
            }
        }
        GaussianMixture start = GaussianMixturePropertiesTest.retype(GaussianMixturePropertiesTest.start(0, 1), type);
        GaussianMixture a = model(3, type).fit(Dataset.of(x, w), start, FIVE).mixture();
        GaussianMixture b = model(3, type).fit(Dataset.of(duplicated), start, FIVE).mixture();
        GmmFixtureTest.assertClose(a.weights(), b.weights(), 1e-12, "weights");
        GmmFixtureTest.assertClose(GmmFixtureTest.flat(a.means()), GmmFixtureTest.flat(b.means()), 1e-12, "means");
        GmmFixtureTest.assertClose(GmmFixtureTest.flatNative(a), GmmFixtureTest.flatNative(b), 1e-11, "covariances");
        assertThat(a.logLikelihood(Dataset.of(x, w))).isCloseTo(b.logLikelihood(Dataset.of(duplicated)), within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(GaussianMixtureModel.Initialisation.class)
    void everyInitialisationRecoversSeparatedClusters(GaussianMixtureModel.Initialisation init) {
        double[][] x = GaussianMixturePropertiesTest.clusters(5, 300);
        FittedGaussianMixture fit = GaussianMixtureModel.builder().components(3).initialisation(init).build()
                .fit(Dataset.of(x), EmOptions.builder().restarts(3).seed(1).maxIterations(200).build());
        double[][] means = fit.means();
        java.util.Arrays.sort(means, java.util.Comparator.comparingDouble(r -> r[0] + 10 * r[1]));
        // centres (0,0), (6,1), (2,7); 100 points each with sd <= 1.3, so the mean's SE is ~0.13
        assertThat(means[0][0]).isCloseTo(0, within(0.5));
        assertThat(means[1][0]).isCloseTo(6, within(0.5));
        assertThat(means[2][1]).isCloseTo(7, within(0.5));
        assertThat(fit.stopReason()).isEqualTo(StopReason.TOLERANCE_REACHED);
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[0][])).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1, 2}, {3}}))
                .withMessageContaining("ragged");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1, Double.NaN}}))
                .withMessageContaining("x[0][1] is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1}, {2}}, new double[] {1, -1}))
                .withMessageContaining("weights[1]");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1}, {2}}, new double[] {0, 0}))
                .withMessageContaining("all zero");
        assertThatIllegalArgumentException().isThrownBy(() -> GaussianMixtureModel.builder().components(0))
                .withMessageContaining("k (0)");
        Dataset three = Dataset.of(new double[][] {{1}, {2}, {3}});
        assertThatIllegalArgumentException().isThrownBy(() -> model(5, CovarianceType.FULL).fit(three, FIVE))
                .withMessageContaining("k (5) must be <= n (3)");
        GaussianMixture twoD = GaussianMixturePropertiesTest.start(0, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> twoD.logDensities(three))
                .withMessageContaining("dimension mismatch");
        assertThatIllegalArgumentException().isThrownBy(() -> model(3, CovarianceType.FULL).fit(three, twoD, FIVE))
                .withMessageContaining("dimension mismatch");
        assertThatIllegalArgumentException().isThrownBy(() -> GaussianMixture.full(new double[] {0.5, 0.6},
                new double[][] {{0}, {1}}, new double[][][] {{{1}}, {{1}}})).withMessageContaining("weights sum to 1.1");
        assertThatIllegalArgumentException().isThrownBy(() -> GaussianMixture.full(new double[] {0.5, 0.5},
                new double[][] {{0, 0}, {1, 1}}, new double[][][] {{{1, 0}, {0, 1}}, {{1, 2}, {2, 1}}}))
                .withMessageContaining("covariances[1] is not positive definite");
        assertThatIllegalArgumentException().isThrownBy(() -> GaussianMixture.diagonal(new double[] {1},
                new double[][] {{0, 0}}, new double[][] {{1, -2}})).withMessageContaining("variances[0][1] is -2.0");
        assertThatIllegalArgumentException().isThrownBy(() -> GaussianMixture.spherical(new double[] {1.5, -0.5},
                new double[][] {{0}, {1}}, new double[] {1, 1})).withMessageContaining("weights[0] is 1.5");
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void degenerateButLegalDataFitWithoutNaN(CovarianceType type) {
        double[][][] cases = {
            {{1, 2}, {1, 2}, {1, 2}, {3, 4}, {3, 4}, {3, 4}}, // duplicated points
            {{1, 5}, {2, 5}, {3, 5}, {10, 5}, {11, 5}, {12, 5}}, // a constant column
            {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}, // collinear
            {{0, 1}, {4, 2}, {9, 9}}, // n = k
        };
        for (double reg : new double[] {0, 1e-6}) {
            for (double[][] x : cases) {
                FittedGaussianMixture fit = GaussianMixtureModel.builder().components(x.length == 3 ? 3 : 2)
                        .covarianceType(type).regCovar(reg).build()
                        .fit(Dataset.of(x), EmOptions.builder().maxIterations(30).build());
                double[] all = GaussianMixtureFlat.all(fit.mixture());
                assertThat(java.util.Arrays.stream(all).allMatch(Double::isFinite)).as("finite parameters").isTrue();
                assertThat(fit.logLikelihood()).isNotNaN();
            }
        }
    }

    @Test
    void collapsedComponentIsReseededAndReported() {
        // component 2 starts far from every point: its responsibility underflows to zero
        double[][] x = GaussianMixturePropertiesTest.clusters(8, 90);
        GaussianMixture start = GaussianMixture.spherical(new double[] {0.4, 0.4, 0.2},
                new double[][] {{0, 0}, {4, 4}, {1e4, 1e4}}, new double[] {4, 4, 0.01});
        FittedGaussianMixture fit = model(3, CovarianceType.SPHERICAL).fit(Dataset.of(x), start, FIVE);
        assertThat(fit.reseedings()).isNotEmpty();
        assertThat(fit.reseedings().get(0).component()).isEqualTo(2);
        assertThat(java.util.Arrays.stream(GaussianMixtureFlat.all(fit.mixture())).allMatch(Double::isFinite)).isTrue();
        assertThat(fit.weights()[2]).isGreaterThan(0);
    }

    @Test
    void frozenParametersStayFixed() {
        double[][] x = GaussianMixturePropertiesTest.clusters(4, 90);
        GaussianMixture start = GaussianMixturePropertiesTest.start(0, 1);
        for (GaussianMixtureModel.Parameter p : GaussianMixtureModel.Parameter.values()) {
            GaussianMixture out = GaussianMixtureModel.builder().components(3).freeze(p).build()
                    .fit(Dataset.of(x), start, FIVE).mixture();
            switch (p) {
                case WEIGHTS:
                    assertThat(out.weights()).containsExactly(start.weights());
                    assertThat(out.means()[0]).isNotEqualTo(start.means()[0]);
                    break;
                case MEANS:
                    assertThat(out.means()).isDeepEqualTo(start.means());
                    assertThat(out.weights()).isNotEqualTo(start.weights());
                    break;
                default:
                    assertThat(out.fullCovariances()).isDeepEqualTo(start.fullCovariances());
                    assertThat(out.means()[0]).isNotEqualTo(start.means()[0]);
            }
        }
    }

    @Test
    void criteriaFollowTheirFormulas() {
        double[][] x = GaussianMixturePropertiesTest.clusters(6, 90);
        Dataset data = Dataset.of(x);
        FittedGaussianMixture fit = model(3, CovarianceType.FULL).fit(data, GaussianMixturePropertiesTest.start(0, 1), FIVE);
        // p = (k-1) + k d + k d(d+1)/2 = 2 + 6 + 9
        assertThat(fit.parameterCount()).isEqualTo(17);
        double ll = fit.mixture().logLikelihood(data);
        assertThat(ll).isCloseTo(fit.logLikelihood(), within(1e-9 * Math.abs(ll)));
        assertThat(fit.bic(data)).isCloseTo(-2 * ll + 17 * Math.log(90), within(1e-9));
        assertThat(fit.aic(data)).isCloseTo(-2 * ll + 34, within(1e-9));
        assertThat(fit.icl(data)).isGreaterThanOrEqualTo(fit.bic(data));
        assertThat(fit.score(data)).isCloseTo(ll / 90, within(1e-12));
        io.emkit.core.mixture.MixtureParameters.Sample sample = fit.sample(30, new SplittableRandom(1));
        assertThat(sample.points().rows()).isEqualTo(30);
        assertThat(sample.labels().length()).isEqualTo(30);
    }

    @Test
    void selectionTabulatesEveryCandidateAndPicksThreeClusters() {
        Dataset data = Dataset.of(GaussianMixturePropertiesTest.clusters(7, 300));
        GaussianMixtureSelection.Result result = GaussianMixtureSelection.select(data, 1, 4,
                EnumSet.of(CovarianceType.FULL, CovarianceType.SPHERICAL), GaussianMixtureModel.builder().build(),
                EmOptions.builder().restarts(2).build(), GaussianMixtureSelection.Criterion.BIC);
        assertThat(result.table()).hasSize(8);
        assertThat(result.best().k()).isEqualTo(3);
        for (GaussianMixtureSelection.Row row : result.table()) {
            assertThat(row.bic()).isCloseTo(-2 * row.logLikelihood() + row.parameterCount() * Math.log(300),
                    within(1e-9));
            assertThat(row.bic()).isGreaterThanOrEqualTo(result.best().bic());
        }
    }

    @Test
    void varianceFloorBoundsEveryVarianceAndMakesTheModelNonMonotone() {
        // 1-D-like data in 2-D: the second column is nearly constant, so its variance would collapse
        double[][] x = GaussianMixturePropertiesTest.clusters(2, 90);
        for (double[] row : x) {
            row[1] = 1e-9 * row[1];
        }
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).varianceFloor(0.01).build();
        assertThat(model.guaranteesMonotoneLikelihood()).isFalse();
        assertThat(GaussianMixtureModel.builder().regCovar(0).build().guaranteesMonotoneLikelihood()).isTrue();
        FittedGaussianMixture fit = model.fit(Dataset.of(x), EmOptions.builder().maxIterations(20).build());
        for (int j = 0; j < 3; j++) {
            for (double v : fit.covariance(j).diagonal()) {
                assertThat(v).isGreaterThanOrEqualTo(0.01);
            }
        }
    }

    @Test
    void chunkSizeDoesNotChangeTheFit() {
        double[][] x = GaussianMixturePropertiesTest.clusters(12, 200);
        GaussianMixture start = GaussianMixturePropertiesTest.start(0, 1);
        GaussianMixture small = GaussianMixtureModel.builder().components(3).build()
                .fit(Dataset.of(x), start, FIVE.toBuilder().chunkSize(7).build()).mixture();
        GaussianMixture large = GaussianMixtureModel.builder().components(3).build()
                .fit(Dataset.of(x), start, FIVE).mixture();
        GmmFixtureTest.assertClose(GaussianMixtureFlat.all(small), GaussianMixtureFlat.all(large), 1e-12, "parameters");
    }
}
