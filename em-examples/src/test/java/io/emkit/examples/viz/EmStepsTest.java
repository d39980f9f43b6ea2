package io.emkit.examples.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.hmm.DishonestCasino;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.hmm.BaumWelch;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.HmmParameters;
import io.emkit.hmm.Sequences;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** One iteration at a time through the warm start reproduces one multi-iteration fit bit for bit. */
class EmStepsTest {

    private static final Dataset FAITHFUL = Dataset.of(BundledData.oldFaithful().features());

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void gmmStepsEqualOneFitWithTheSameNumberOfIterations(CovarianceType type) {
        int n = 25;
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).covarianceType(type).build();
        FittedGaussianMixture fit = model.fit(FAITHFUL, GmmViz.equivalentOptions(n, 0));
        EmSteps<GaussianMixture> steps = EmSteps.run(model, FAITHFUL, GmmViz.defaultStart(model, FAITHFUL, 0), n, 0, 2);

        assertThat(steps.iterations()).isEqualTo(n);
        GaussianMixture last = steps.parameters().get(n);
        assertThat(last.weights()).isEqualTo(fit.weights());
        assertThat(last.means()).isEqualTo(fit.means());
        for (int j = 0; j < 3; j++) {
            assertThat(last.covariance(j).toArray()).isEqualTo(fit.covariance(j).toArray());
        }
        assertThat(steps.logLikelihoods().subArray(0, n).toArray()).isEqualTo(fit.result().trace().toArray());
        assertThat(steps.logLikelihoods().get(n)).isEqualTo(fit.logLikelihood());
        assertThat(steps.converged()).isFalse();
        assertThat(steps.warnings()).last().extracting(EmSteps.StepWarning::kind).isEqualTo("cap");
    }

    @Test
    void theToleranceStopsWhereTheDriverStops() {
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(2).build();
        EmResult<GaussianMixture> fit = Em.fit(model, FAITHFUL, EmOptions.builder().tolerance(1e-6).build());
        EmSteps<GaussianMixture> steps = EmSteps.run(model, FAITHFUL, GmmViz.defaultStart(model, FAITHFUL, 0), 100,
                1e-6, 1);
        assertThat(fit.converged()).isTrue();
        assertThat(steps.converged()).isTrue();
        assertThat(steps.iterations()).isEqualTo(fit.iterations());
        assertThat(steps.parameters().get(steps.iterations()).means()).isEqualTo(fit.parameters().means());
        assertThat(steps.warnings()).isEmpty();
    }

    @Test
    void hmmStepsEqualOneBaumWelchFit() {
        FittedHmm truth = FittedHmm.of(DishonestCasino.trueModel());
        SplittableRandom random = new SplittableRandom(5);
        Sequences rolls = Sequences.ofSymbols(new int[][] {
            truth.sample(200, random).observations().symbols(0), truth.sample(150, random).observations().symbols(0)});
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        int n = 12;
        EmResult<HmmParameters> fit = model.fit(rolls, EmOptions.builder().maxIterations(n).tolerance(0).build());
        HmmParameters start = model.initialize(rolls, new SplittableRandom(EmOptions.DEFAULT_SEED).split());
        EmSteps<HmmParameters> steps = EmSteps.run(model, rolls, start, n, 0, 1);
        HmmParameters last = steps.parameters().get(n);
        assertThat(last.transitions().toArray()).isEqualTo(fit.parameters().transitions().toArray());
        assertThat(last.startProbabilities().toArray()).isEqualTo(fit.parameters().startProbabilities().toArray());
        assertThat(last.emission()).isEqualTo(fit.parameters().emission());
        assertThat(steps.logLikelihoods().subArray(0, n).toArray()).isEqualTo(fit.trace().toArray());
    }

    @Test
    void theSubsampleIsSortedDistinctAndSeeded() {
        int[] rows = GmmViz.shownRows(5000, 2000, 7);
        assertThat(rows).hasSize(2000).isSorted().doesNotHaveDuplicates();
        assertThat(rows[0]).isGreaterThanOrEqualTo(0);
        assertThat(rows[1999]).isLessThan(5000);
        assertThat(GmmViz.shownRows(5000, 2000, 7)).isEqualTo(rows);
        assertThat(GmmViz.shownRows(5000, 2000, 8)).isNotEqualTo(rows);
        assertThat(GmmViz.shownRows(10, 2000, 7)).isEqualTo(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        // uniform: about 40 % of each half is drawn
        long firstHalf = Arrays.stream(rows).filter(r -> r < 2500).count();
        assertThat(firstHalf).isBetween(900L, 1100L);
    }

    @Test
    void badArgumentsAreNamed() {
        GaussianMixtureModel model = GmmViz.workedModel();
        Dataset data = Dataset.of(new double[][] {{1}, {2}, {3}});
        assertThatThrownBy(() -> EmSteps.run(model, data, GmmViz.workedStart(), 0, 0, 1))
                .hasMessage("maxIterations (0) must be >= 1");
        assertThatThrownBy(() -> EmSteps.run(model, data, GmmViz.workedStart(), 3, Double.NaN, 1))
                .hasMessage("tolerance (NaN) must be >= 0");
        assertThatThrownBy(() -> GmmViz.shownRows(3, 0, 1)).hasMessage("maxPoints (0) must be >= 1");
    }
}
