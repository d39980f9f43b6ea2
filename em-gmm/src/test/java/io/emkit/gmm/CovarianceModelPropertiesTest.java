package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.numeric.Matrix;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mclust model: its constraints hold after a fit, and weights, threads and frozen means work with it. */
class CovarianceModelPropertiesTest {
    private static final double[][] IRIS = MclustTables.data("iris");
    private static final EmOptions OPTIONS = EmOptions.builder().maxIterations(30).tolerance(1e-10).threads(1).build();

    private static FittedGaussianMixture fit(CovarianceModel model, Dataset data, EmOptions options) {
        return GaussianMixtureModel.builder().components(3).covarianceModel(model).regCovar(1e-6)
                .initialisation(GaussianMixtureModel.Initialisation.HC).build().fit(data, options);
    }

    @ParameterizedTest
    @EnumSource(CovarianceModel.class)
    void constraintsHold(CovarianceModel model) {
        GaussianMixture m = fit(model, Dataset.of(IRIS), OPTIONS).mixture();
        assertThat(m.covarianceModel()).isEqualTo(model);
        int k = m.components();
        int d = m.dimension();
        String name = model.name();
        double[][] eig = new double[k][];
        double[] volume = new double[k];
        for (int j = 0; j < k; j++) {
            double[] cov = m.covariance(j).toRowMajor();
            // regCovar shifts every eigenvalue by 1e-6: take it off before comparing volumes and shapes
            for (int a = 0; a < d; a++) {
                cov[a * d + a] -= 1e-6;
            }
            eig[j] = io.emkit.core.numeric.SymmetricEigen.of(cov, 0, d).values();
            double logs = 0;
            for (double v : eig[j]) {
                logs += Math.log(v);
            }
            volume[j] = Math.exp(logs / d);
            if (name.charAt(2) == 'I') {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        if (a != b) {
                            assertThat(cov[a * d + b]).as("%s off-diagonal", name).isZero();
                        }
                    }
                }
            }
            if (name.charAt(1) == 'I') {
                for (int a = 1; a < d; a++) {
                    assertThat(cov[a * d + a]).isCloseTo(cov[0], within(1e-12 * cov[0]));
                }
            }
        }
        for (int j = 1; j < k; j++) {
            if (name.charAt(0) == 'E') {
                assertThat(volume[j]).as("%s volumes", name).isCloseTo(volume[0], within(1e-8 * volume[0]));
            }
            if (name.charAt(1) == 'E' && name.charAt(2) != 'E') {
                // equal shape, other orientation: the same sorted eigenvalues up to volume
                for (int a = 0; a < d; a++) {
                    assertThat(eig[j][a] / volume[j]).as("%s shapes", name)
                            .isCloseTo(eig[0][a] / volume[0], within(1e-6 * eig[0][a] / volume[0]));
                }
            }
            if (name.charAt(2) == 'E') {
                // common orientation: the matrices commute
                Matrix a = m.covariance(0);
                Matrix b = m.covariance(j);
                double[] ab = product(a.toRowMajor(), b.toRowMajor(), d);
                double[] ba = product(b.toRowMajor(), a.toRowMajor(), d);
                for (int t = 0; t < d * d; t++) {
                    assertThat(ab[t]).as("%s orientation", name).isCloseTo(ba[t], within(1e-7));
                }
            }
        }
    }

    private static double[] product(double[] a, double[] b, int d) {
        double[] out = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                for (int x = 0; x < d; x++) {
                    out[r * d + c] += a[r * d + x] * b[x * d + c];
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(value = CovarianceModel.class, names = {"EII", "VEI", "EVI", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV"})
    void aWeightOfTwoEqualsADuplicatedRowAndThreadsDoNotMatter(CovarianceModel model) {
        double[][] doubled = Arrays.copyOf(IRIS, IRIS.length + 1);
        doubled[IRIS.length] = IRIS[7].clone();
        double[] weights = new double[IRIS.length];
        Arrays.fill(weights, 1.0);
        weights[7] = 2.0;
        GaussianMixtureModel m = GaussianMixtureModel.builder().components(3).covarianceModel(model).build();
        GaussianMixture start = m.parametersFromLabels(Dataset.of(IRIS), new HierarchicalAgglomeration[] {
            HierarchicalAgglomeration.mclust(Dataset.of(IRIS), 0)}[0].partition(3));
        double weighted = m.fit(Dataset.of(IRIS).withWeights(weights), start, OPTIONS).logLikelihood();
        double duplicated = m.fit(Dataset.of(doubled), start, OPTIONS).logLikelihood();
        assertThat(weighted).isCloseTo(duplicated, within(1e-7 * Math.abs(duplicated)));
        double two = m.fit(Dataset.of(IRIS), start, OPTIONS.toBuilder().threads(2).chunkSize(40).build())
                .logLikelihood();
        double one = m.fit(Dataset.of(IRIS), start, OPTIONS.toBuilder().chunkSize(40).build()).logLikelihood();
        assertThat(two).isEqualTo(one);
    }

    @ParameterizedTest
    @EnumSource(value = CovarianceModel.class, names = {"VEI", "VEE", "EVE", "VEV"})
    void frozenMeansStayPut(CovarianceModel model) {
        GaussianMixtureModel free = GaussianMixtureModel.builder().components(2).covarianceModel(model).build();
        GaussianMixture start = free.parametersFromLabels(Dataset.of(IRIS),
                HierarchicalAgglomeration.mclust(Dataset.of(IRIS), 0).partition(2));
        GaussianMixtureModel frozen = free.toBuilder().freeze(GaussianMixtureModel.Parameter.MEANS).build();
        FittedGaussianMixture fit = frozen.fit(Dataset.of(IRIS), start, OPTIONS);
        assertThat(fit.mixture().means()).isDeepEqualTo(start.means());
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(start.logLikelihood(Dataset.of(IRIS)) - 1e-9);
    }
}
