package io.emkit.latent.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.RecordingContext;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mixtures of factor analysers with missing cells: EM invariants and agreement with the other code paths. */
class IncompleteFactorMixtureTest {

    private static IncompleteFactorMixture model(int k, int q, boolean isotropic, double floor) {
        FactorAnalyserFamily family = (isotropic ? FactorAnalyserFamily.probabilisticPca(q)
                : FactorAnalyserFamily.factorAnalysers(q)).withNoiseFloor(floor);
        return IncompleteFactorMixture.of(Mixture.builder(family).components(k).build());
    }

    /** Two shifted clusters of {@link IncompleteFactorTest#randomIncomplete} rows. */
    private static IncompleteDataset twoClusters(SplittableRandom rng, int n, int d, double rate) {
        double[][] a = IncompleteFactorTest.randomIncomplete(rng, n, d, rate).toArray();
        double[][] b = IncompleteFactorTest.randomIncomplete(rng, n, d, rate).toArray();
        double[][] rows = new double[2 * n][];
        for (int i = 0; i < n; i++) {
            rows[i] = a[i];
            rows[n + i] = b[i].clone();
            for (int c = 0; c < d; c++) {
                rows[n + i][c] += 8; // NaN stays NaN
            }
        }
        return IncompleteDataset.of(rows);
    }

    @Test
    void componentsThatEmptyTogetherAreReSeededAtDifferentWorstExplainedRows() {
        // a bulk near the origin and two far rows, each missing a cell; components 1 and 2 start where
        // no row is, so both empty in the same M-step and each goes to one of the two worst rows
        SplittableRandom rng = new SplittableRandom(3);
        double[][] rows = new double[42][];
        for (int i = 0; i < 40; i++) {
            rows[i] = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
        }
        rows[40] = new double[] {60, Double.NaN, 0};
        rows[41] = new double[] {-60, 0, Double.NaN};
        FactorAnalyserFamily family = FactorAnalyserFamily.factorAnalysers(1);
        Mixture<FactorAnalysers, FactorMoments> mixture = Mixture.builder(family).components(3).build();
        double[][] means = {{0, 0, 0}, {500, 500, 500}, {-500, 500, -500}};
        double[][][] loadings = {{{0.1}, {0.1}, {0.1}}, {{0.01}, {0.01}, {0.01}}, {{0.01}, {0.01}, {0.01}}};
        double[][] noise = {{1, 1, 1}, {1e-3, 1e-3, 1e-3}, {1e-3, 1e-3, 1e-3}};
        MixtureParameters<FactorAnalysers> start = MixtureParameters.of(family, new double[] {0.8, 0.1, 0.1},
                FactorAnalysers.of(means, loadings, noise));
        IncompleteFactorMixture model = IncompleteFactorMixture.of(mixture);
        RecordingContext context = new RecordingContext();
        MixtureParameters<FactorAnalysers> next = model.maximize(model.expect(start, IncompleteDataset.of(rows)),
                start, context);

        assertThat(context.warnings()).filteredOn(FitWarning.ComponentReseeded.class::isInstance)
                .extracting(w -> ((FitWarning.ComponentReseeded) w).component()).containsExactly(1, 2);
        assertThat(new double[] {next.components().mean(1)[0], next.components().mean(2)[0]})
                .containsExactlyInAnyOrder(60, -60);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void observedLogLikelihoodNeverDecreasesAndIsTheReportedOne(boolean isotropic) {
        SplittableRandom rng = new SplittableRandom(isotropic ? 11 : 12);
        for (int trial = 0; trial < 4; trial++) {
            int d = 3 + rng.nextInt(4);
            int q = 1 + rng.nextInt(d - 1);
            int k = 1 + rng.nextInt(3);
            IncompleteDataset data = twoClusters(rng, 40 + rng.nextInt(40), d, 0.1 + 0.3 * rng.nextDouble());
            assertThat(data.isComplete()).isFalse();
            EmResult<MixtureParameters<FactorAnalysers>> fit = model(k, q, isotropic, 0).fit(data,
                    EmOptions.builder().tolerance(0).maxIterations(40).seed(trial).threads(1).build());
            double[] trace = fit.trace().toArray();
            assertThat(trace).hasSize(40);
            for (int i = 1; i < trace.length; i++) {
                assertThat(trace[i]).as("trial %s, k = %s, d = %s, q = %s, iteration %s", trial, k, d, q, i)
                        .isGreaterThanOrEqualTo(trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]));
            }
            assertThat(trace[trace.length - 1]).isGreaterThan(trace[0]);
            // the reported log-likelihood is the observed-data one of the returned parameters
            double ll = IncompleteFactorMixture.logLikelihood(fit.parameters(), data);
            assertThat(fit.logLikelihood()).isCloseTo(ll, Offset.offset(1e-9 * Math.abs(ll)));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withOneComponentItIsTheMissingValueFactorFit(boolean isotropic) {
        SplittableRandom rng = new SplittableRandom(4);
        IncompleteDataset data = IncompleteFactorTest.randomIncomplete(rng, 120, 5, 0.25);
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(30).build();
        EmResult<MixtureParameters<FactorAnalysers>> one = model(1, 2, isotropic, 0).fit(data, options);
        SingleFactorModel single = isotropic ? PPCA.builder().factors(2).build()
                : FactorAnalysis.builder().factors(2).build();
        EmResult<FactorParameters> fa = single.fit(data, options);
        assertThat(one.trace().length()).isEqualTo(30);
        for (int i = 0; i < 30; i++) {
            assertThat(one.trace().get(i)).as("iteration %s", i).isCloseTo(fa.trace().get(i),
                    Offset.offset(1e-9 * Math.abs(fa.trace().get(i))));
        }
    }

    @Test
    void withoutMissingCellsIdenticalToTheCompleteFit() {
        SplittableRandom rng = new SplittableRandom(9);
        double[][] rows = new double[120][4];
        for (int i = 0; i < rows.length; i++) {
            double z = rng.nextGaussian();
            for (int a = 0; a < 4; a++) {
                rows[i][a] = (i % 2 == 0 ? 8 : 0) + (a + 1) * z + rng.nextGaussian();
            }
        }
        Mixture<FactorAnalysers, FactorMoments> mixture = Mixture.builder(FactorAnalyserFamily.factorAnalysers(2))
                .components(2).build();
        EmOptions options = EmOptions.builder().maxIterations(50).restarts(2).seed(3).build();
        EmResult<MixtureParameters<FactorAnalysers>> complete = mixture.fit(Dataset.of(rows), options);
        EmResult<MixtureParameters<FactorAnalysers>> incomplete = IncompleteFactorMixture.of(mixture)
                .fit(IncompleteDataset.of(rows), options);
        assertThat(incomplete.logLikelihood()).isEqualTo(complete.logLikelihood());
        assertThat(incomplete.trace().toArray()).containsExactly(complete.trace().toArray());
        for (int j = 0; j < 2; j++) {
            assertThat(incomplete.parameters().components().covariance(j).toRowMajor())
                    .containsExactly(complete.parameters().components().covariance(j).toRowMajor());
        }
        assertThat(incomplete.parameters().weights().toArray())
                .containsExactly(complete.parameters().weights().toArray());
    }

    @Test
    void aChunkWithBothKindsOfRowsMergesTheirStatistics() {
        // complete rows take the kernel path and incomplete ones the conditional one: E-step on all rows
        // equals the sum of the E-steps on two halves (split so that each half has both kinds)
        IncompleteDataset data = twoClusters(new SplittableRandom(2), 50, 4, 0.2);
        IncompleteFactorMixture m = model(2, 1, false, 0);
        MixtureParameters<FactorAnalysers> p = m.initialize(data, new SplittableRandom(1));
        double whole = m.expect(p, data).logLikelihood();
        double halves = m.expect(p, data.rows(0, 50)).logLikelihood() + m.expect(p, data.rows(50, 100))
                .logLikelihood();
        assertThat(whole).isCloseTo(halves, Offset.offset(1e-9 * Math.abs(whole)));
        assertThat(whole).isCloseTo(IncompleteFactorMixture.logLikelihood(p, data),
                Offset.offset(1e-9 * Math.abs(whole)));
    }

    @Test
    void refusesTooManyFactors() {
        IncompleteDataset data = IncompleteFactorTest.randomIncomplete(new SplittableRandom(1), 30, 3, 0.2);
        assertThatThrownBy(() -> model(2, 3, false, 0).fit(data, EmOptions.builder().build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors q (3) must be < d (3)");
    }
}
