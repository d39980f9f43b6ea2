package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import org.junit.jupiter.api.Test;

/** BIC/AIC selection over the number of states. */
class SelectionTest {

    @Test
    void bicPicksTheTrueNumberOfStatesAndReturnsTheWholeTable() {
        Sequences data = TestModels.sample(TestModels.gaussian3(), 10, 300, 300, 77).data();
        HmmSelection selection = HmmSelection.byStates(
                s -> BaumWelch.builder().states(s).emission(EmissionFamily.gaussian(CovarianceType.FULL)).build(),
                data, new int[] {1, 2, 3, 4},
                EmOptions.builder().tolerance(1e-6).maxIterations(200).restarts(3).threads(2).seed(5).build());
        assertThat(selection.rows()).extracting(HmmSelection.Row::states).containsExactly(1, 2, 3, 4);
        // 1-D full Gaussian: (S - 1) + S (S - 1) + 2 S
        assertThat(selection.rows()).extracting(HmmSelection.Row::parameterCount).containsExactly(2, 7, 14, 23);
        assertThat(selection.best(HmmSelection.Criterion.BIC).states()).isEqualTo(3);
        HmmSelection.Row three = selection.rows().get(2);
        FittedHmm fitted = BaumWelch.builder().states(3).emission(EmissionFamily.gaussian(CovarianceType.FULL))
                .build().fitted(three.result().parameters());
        assertThat(fitted.bic(data)).isCloseTo(three.bic(), within(1e-9 * Math.abs(three.bic())));
        assertThat(fitted.aic(data)).isCloseTo(-2 * three.logLikelihood() + 2 * 14, within(1e-9 * Math.abs(three.aic())));
        assertThat(three.bic()).isEqualTo(-2 * three.logLikelihood() + 14 * Math.log(3000));
    }
}
