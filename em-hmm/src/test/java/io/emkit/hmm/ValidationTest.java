package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.EmOptions;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear exception naming the argument, index and value. */
class ValidationTest {

    private static final CategoricalEmission COIN = CategoricalEmission.of(new double[][] {{0.5, 0.5}, {0.9, 0.1}});

    @Test
    void emptySequenceList() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofSymbols(new int[0][]))
                .withMessageContaining("at least one sequence");
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofScalars(new double[0][]))
                .withMessageContaining("at least one sequence");
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofVectors(new double[0][][]))
                .withMessageContaining("at least one sequence");
    }

    @Test
    void emptySequence() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofSymbols(new int[][] {{1}, {}}))
                .withMessageContaining("sequences[1] is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofScalars(new double[][] {{}}))
                .withMessageContaining("sequences[0] is empty");
    }

    @Test
    void negativeSymbol() {
        assertThatIllegalArgumentException().isThrownBy(() -> Sequences.ofSymbols(new int[][] {{0, 1, -2}}))
                .withMessageContaining("sequences[0][2] (-2)");
    }

    @Test
    void symbolOutOfRangeForTheModelAndTheParameters() {
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 1}, {1, 0, 2}});
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(2)).build();
        assertThatIllegalArgumentException().isThrownBy(() -> model.fit(data, EmOptions.defaults()))
                .withMessageContaining("sequences[1][2] (2) is out of range");
        assertThatIllegalArgumentException().isThrownBy(() -> FittedHmm.of(parameters(COIN)).decode(data))
                .withMessageContaining("sequences[1][2] (2) is out of range");
    }

    @Test
    void nanAndInfiniteObservations() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Sequences.ofScalars(new double[][] {{1, 2}, {3, Double.NaN}}))
                .withMessageContaining("sequences[1][1][0] is NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Sequences.ofVectors(new double[][][] {{{1, Double.POSITIVE_INFINITY}}}))
                .withMessageContaining("sequences[0][0][1] is Infinity");
    }

    @Test
    void dimensionMismatch() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Sequences.ofVectors(new double[][][] {{{1, 2}, {3}}}))
                .withMessageContaining("sequences[0][1] has dimension 1, expected 2");
        GaussianEmission oneD = GaussianEmission.of(List.of(
                Gaussian.of(new double[] {0}, Matrix.of(new double[][] {{1}})),
                Gaussian.of(new double[] {1}, Matrix.of(new double[][] {{1}}))));
        Sequences twoD = Sequences.ofVectors(new double[][][] {{{1, 2}, {3, 4}}});
        assertThatIllegalArgumentException().isThrownBy(() -> FittedHmm.of(parameters(oneD)).logLikelihood(twoD))
                .withMessageContaining("data dimension (2) does not match the emission dimension (1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FittedHmm.of(parameters(oneD)).logLikelihood(Sequences.ofSymbols(new int[][] {{0}})))
                .withMessageContaining("numeric sequences");
    }

    @Test
    void rowsThatDoNotSumToOneOrHoldNegatives() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TransitionMatrix.of(new double[][] {{0.5, 0.5}, {0.3, 0.5}}))
                .withMessageContaining("transitions[1] sums to 0.8");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TransitionMatrix.of(new double[][] {{1.2, -0.2}, {0.5, 0.5}}))
                .withMessageContaining("transitions[0][0] (1.2)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TransitionMatrix.of(new double[][] {{0.5, 0.5}, {-0.1, 1.1}}))
                .withMessageContaining("transitions[1][0] (-0.1)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TransitionMatrix.of(new double[][] {{Double.NaN, 1}, {0.5, 0.5}}))
                .withMessageContaining("transitions[0][0] (NaN)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TransitionMatrix.of(new double[][] {{1, 0}}))
                .withMessageContaining("expected 1 (square)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CategoricalEmission.of(new double[][] {{0.5, 0.5}, {0.2, 0.2}}))
                .withMessageContaining("emissions[1] sums to 0.4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HmmParameters.of(new double[] {0.7, 0.7}, new double[][] {{1, 0}, {0, 1}}, COIN))
                .withMessageContaining("startProbabilities sums to 1.4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HmmParameters.of(new double[] {1}, new double[][] {{1}}, COIN))
                .withMessageContaining("emission has 2 states but transitions has 1");
    }

    @Test
    void badWeightsAndBuilderArguments() {
        Sequences data = Sequences.ofSymbols(new int[][] {{0}, {1}});
        assertThatIllegalArgumentException().isThrownBy(() -> data.withWeights(new double[] {1, -1}))
                .withMessageContaining("sequenceWeights[1] (-1.0)");
        assertThatIllegalArgumentException().isThrownBy(() -> data.withWeights(new double[] {1}))
                .withMessageContaining("length 1, expected 2");
        assertThatIllegalArgumentException().isThrownBy(() -> BaumWelch.builder().states(0)
                .emission(EmissionFamily.categorical(2)).build()).withMessageContaining("states (0)");
        assertThatIllegalArgumentException().isThrownBy(() -> BaumWelch.builder().states(2).build())
                .withMessageContaining("emission family");
        assertThatIllegalArgumentException().isThrownBy(() -> EmissionFamily.gaussian(CovarianceType.FULL, -1))
                .withMessageContaining("regCovar (-1.0)");
        assertThatIllegalArgumentException().isThrownBy(() -> BaumWelch.builder().states(3)
                .emission(EmissionFamily.categorical(2)).initialParameters(parameters(COIN)).build())
                .withMessageContaining("initialParameters have 2 states, expected 3");
    }

    private static HmmParameters parameters(Emission emission) {
        return HmmParameters.of(new double[] {0.5, 0.5}, new double[][] {{0.9, 0.1}, {0.2, 0.8}}, emission);
    }
}
