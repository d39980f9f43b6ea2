package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import org.junit.jupiter.api.Test;

/** A sequence with zero probability is reported as -Infinity, never as NaN. */
class ImpossibleSequenceTest {

    // symbol 2 can never be emitted
    private static final HmmParameters MODEL = HmmParameters.of(new double[] {0.5, 0.5},
            new double[][] {{0.9, 0.1}, {0.1, 0.9}},
            CategoricalEmission.of(new double[][] {{0.5, 0.5, 0}, {0.2, 0.8, 0}}));

    @Test
    void queriesReportMinusInfinity() {
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 1}, {0, 2, 1}});
        FittedHmm fitted = FittedHmm.of(MODEL);
        double[] each = fitted.logLikelihoods(data);
        assertThat(each[0]).isFinite();
        assertThat(each[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(fitted.decode(data).get(1).logProbability()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.posteriors(data, 1))
                .withMessageContaining("sequence 1 has zero probability");
    }

    @Test
    void baumWelchSkipsImpossibleSequencesInTheStatistics() {
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 1, 1, 0}, {0, 2, 1}});
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(3)).build();
        EmResult<HmmParameters> result = Em.fit(model, data, MODEL,
                EmOptions.builder().tolerance(0).maxIterations(3).threads(1).build());
        assertThat(result.logLikelihood()).isEqualTo(Double.NEGATIVE_INFINITY);
        EmResult<HmmParameters> possibleOnly = Em.fit(model, data.range(0, 1), MODEL,
                EmOptions.builder().tolerance(0).maxIterations(3).threads(1).build());
        assertThat(ParameterVectors.of(result.parameters())).containsExactly(ParameterVectors.of(possibleOnly.parameters()));
    }
}
