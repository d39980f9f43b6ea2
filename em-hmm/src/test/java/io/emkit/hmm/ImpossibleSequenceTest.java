package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.Gaussian;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sequence with zero probability: the forward algorithm reports -Infinity (never NaN), and decoding
 * and posteriors refuse it with a message naming the sequence, the step and the cause.
 */
class ImpossibleSequenceTest {

    // symbol 2 can never be emitted
    private static final HmmParameters MODEL = HmmParameters.of(new double[] {0.5, 0.5},
            new double[][] {{0.9, 0.1}, {0.1, 0.9}},
            CategoricalEmission.of(new double[][] {{0.5, 0.5, 0}, {0.2, 0.8, 0}}));

    // state 0 emits only symbol 0, state 1 only symbol 1, and state 1 is absorbing: 1 -> 0 is impossible
    private static final HmmParameters ONE_WAY = HmmParameters.of(new double[] {1, 0},
            new double[][] {{0.5, 0.5}, {0, 1}},
            CategoricalEmission.of(new double[][] {{1, 0}, {0, 1}}));

    @Test
    void queriesReportMinusInfinityAndRefuseToDecode() {
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 1}, {0, 2, 1}});
        FittedHmm fitted = FittedHmm.of(MODEL);
        double[] each = fitted.logLikelihoods(data);
        assertThat(each[0]).isFinite();
        assertThat(each[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(fitted.decode(data, 0).logProbability()).isFinite();
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.decode(data))
                .withMessage("sequence 1 has probability zero under the model: at step 1, symbol 2 has emission"
                        + " probability 0 in every state");
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.decode(data, 1))
                .withMessageStartingWith("sequence 1 has probability zero under the model: at step 1,");
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.posteriors(data, 1))
                .withMessageStartingWith("sequence 1 has probability zero under the model: at step 1, symbol 2");
        ZeroProbability zero = fitted.zeroProbability(data, 1).orElseThrow();
        assertThat(zero.step()).isEqualTo(1);
        assertThat(zero.cause()).isEqualTo(ZeroProbability.Cause.EMISSION);
        assertThat(fitted.zeroProbability(data, 0)).isEmpty();
    }

    @Test
    void anImpossibleTransitionNamesItsStepAndTheStates() {
        // 0 0 1 1 is possible; 0 1 0 needs the forbidden move 1 -> 0 at step 2
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 0, 1, 1}, {0, 1, 0}});
        FittedHmm fitted = FittedHmm.of(ONE_WAY);
        assertThat(fitted.decode(data, 0).states().toArray()).containsExactly(0, 0, 1, 1);
        assertThat(fitted.logLikelihoods(data)[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        ZeroProbability zero = fitted.zeroProbability(data, 1).orElseThrow();
        assertThat(zero.step()).isEqualTo(2);
        assertThat(zero.cause()).isEqualTo(ZeroProbability.Cause.TRANSITION);
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.decode(data))
                .withMessage("sequence 1 has probability zero under the model: at step 2, symbol 0 can be emitted"
                        + " only by state(s) [0], which no state possible at step 1 can move to (transition"
                        + " probability 0)");
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.posteriors(data, 1))
                .withMessageContaining("at step 2, symbol 0 can be emitted only by state(s) [0]");
    }

    @Test
    void aFirstObservationOnlyAnUnstartableStateEmitsIsAStartCause() {
        Sequences data = Sequences.ofSymbols(new int[][] {{1, 1}});
        ZeroProbability zero = FittedHmm.of(ONE_WAY).zeroProbability(data, 0).orElseThrow();
        assertThat(zero.step()).isZero();
        assertThat(zero.cause()).isEqualTo(ZeroProbability.Cause.START);
        assertThat(zero.message()).contains("state(s) [1], whose start probability is 0");
    }

    @Test
    void aGaussianObservationWhoseDensityUnderflowsIsReportedNotDecodedAsZeros() {
        HmmParameters model = HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.1, 0.9}},
                GaussianEmission.of(List.of(Gaussian.of(new double[] {0}, Matrix.of(new double[][] {{1}})),
                        Gaussian.of(new double[] {5}, Matrix.of(new double[][] {{1}})))));
        // (1e200 - mu)² overflows, so log b = -Infinity in both states
        Sequences data = Sequences.ofScalars(new double[][] {{0.1, 4.9, 0.2}, {0.1, 5.2, 1e200, 0.3}});
        FittedHmm fitted = FittedHmm.of(model);
        assertThat(fitted.decode(data, 0).states().toArray()).containsExactly(0, 1, 0);
        assertThat(fitted.logLikelihoods(data)[1]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.decode(data))
                .withMessageStartingWith("sequence 1 has probability zero under the model: at step 2, observation"
                        + " [1.0E200] has emission density 0 in every state");
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.posteriors(data, 1))
                .withMessageContaining("at step 2, observation [1.0E200]");
        assertThat(fitted.zeroProbability(data, 1).orElseThrow().cause()).isEqualTo(ZeroProbability.Cause.EMISSION);
    }

    @Test
    void aProbabilityBelowTheDoubleRangeIsAnUnderflowAtTheStepWhereItHappens() {
        HmmParameters model = HmmParameters.of(new double[] {1}, new double[][] {{1}},
                GaussianEmission.of(List.of(Gaussian.of(new double[] {0}, Matrix.of(new double[][] {{1}})))));
        // each step: log b = -x²/2 - ... ≈ -0.85e308 is finite; the third step takes the sum past -Double.MAX_VALUE
        Sequences data = Sequences.ofScalars(new double[][] {{1.3e154, 1.3e154, 1.3e154, 1.3e154}});
        FittedHmm fitted = FittedHmm.of(model);
        ZeroProbability zero = fitted.zeroProbability(data, 0).orElseThrow();
        assertThat(zero.cause()).isEqualTo(ZeroProbability.Cause.UNDERFLOW);
        assertThat(zero.step()).isEqualTo(2);
        assertThatIllegalArgumentException().isThrownBy(() -> fitted.decode(data))
                .withMessageContaining("at step 2, the log-probability");
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
