package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.Gaussian;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Wholly missing steps of HMMs emit with probability 1 (issue #14), checked by brute force over paths. */
class MissingStepsTest {
    private static final double[] START = {0.6, 0.4};
    private static final double[][] A = {{0.7, 0.3}, {0.2, 0.8}};
    private static final double[][] B = {{0.5, 0.3, 0.2}, {0.1, 0.3, 0.6}};
    private static final double NA = Double.NaN;

    /** Σ over state paths of π A ∏ b(o_t), with b = 1 at a missing step (symbol -1). */
    static double bruteForce(int[] o) {
        int length = o.length;
        double total = 0;
        for (int path = 0; path < (1 << length); path++) {
            double p = 1;
            for (int t = 0; t < length; t++) {
                int s = (path >> t) & 1;
                p *= t == 0 ? START[s] : A[(path >> (t - 1)) & 1][s];
                p *= o[t] < 0 ? 1 : B[s][o[t]];
            }
            total += p;
        }
        return Math.log(total);
    }

    @Test
    void categoricalLikelihoodMarginalisesMissingSymbols() {
        FittedHmm hmm = FittedHmm.of(HmmParameters.of(START, A, CategoricalEmission.of(B)));
        int[][] sequences = {{0, -1, 2, -1, -1, 1}, {-1, 2}};
        Sequences data = Sequences.ofSymbolsWithMissing(sequences);
        assertThat(data.missingSteps()).isEqualTo(4);
        assertThat(data.isMissing(0, 1)).isTrue();
        assertThat(data.symbols(0)).containsExactly(0, -1, 2, -1, -1, 1);
        double[] each = hmm.logLikelihoods(data);
        assertThat(each[0]).isCloseTo(bruteForce(sequences[0]), within(1e-12));
        assertThat(each[1]).isCloseTo(bruteForce(sequences[1]), within(1e-12));
        assertThat(each[1]).isCloseTo(Math.log(0.6 * 0.7 * 0.2 + 0.6 * 0.3 * 0.6 + 0.4 * 0.2 * 0.2
                + 0.4 * 0.8 * 0.6), within(1e-12));
    }

    @Test
    void gaussianMissingStepEqualsTheSumOverItsState() {
        Gaussian g0 = Gaussian.of(new double[] {0}, io.emkit.core.numeric.Matrix.of(new double[][] {{1}}));
        Gaussian g1 = Gaussian.of(new double[] {3}, io.emkit.core.numeric.Matrix.of(new double[][] {{2}}));
        FittedHmm hmm = FittedHmm.of(HmmParameters.of(START, A, GaussianEmission.of(List.of(g0, g1))));
        Sequences data = Sequences.ofVectorsWithMissing(new double[][][] {{{0.5}, {NA}, {2.5}}});
        // by hand: Σ_{s0,s2} π_s0 f_s0(0.5) (A²)_{s0 s2} f_s2(2.5)
        double[] f0 = {Math.exp(g0.logDensity(new double[] {0.5})), Math.exp(g1.logDensity(new double[] {0.5}))};
        double[] f2 = {Math.exp(g0.logDensity(new double[] {2.5})), Math.exp(g1.logDensity(new double[] {2.5}))};
        double total = 0;
        for (int a = 0; a < 2; a++) {
            for (int c = 0; c < 2; c++) {
                double a2 = A[a][0] * A[0][c] + A[a][1] * A[1][c];
                total += START[a] * f0[a] * a2 * f2[c];
            }
        }
        assertThat(hmm.logLikelihood(data)).isCloseTo(Math.log(total), within(1e-12));
        assertThat(data.values(0)[1]).isNaN();
        // partly missing steps: PartlyMissingStepsTest
    }

    @Test
    void baumWelchOnSequencesWithMissingSymbolsNeverDecreasesAndIgnoresThem() {
        SplittableRandom random = new SplittableRandom(4);
        int[][] sequences = new int[20][60];
        int[][] observedOnly = new int[20][];
        for (int r = 0; r < sequences.length; r++) {
            int s = 0;
            for (int t = 0; t < sequences[r].length; t++) {
                s = random.nextDouble() < A[s][0] ? 0 : 1;
                double u = random.nextDouble();
                sequences[r][t] = u < B[s][0] ? 0 : u < B[s][0] + B[s][1] ? 1 : 2;
            }
            observedOnly[r] = sequences[r].clone();
            for (int t = 40; t < 60; t++) {
                sequences[r][t] = -1; // a missing tail carries no information
            }
            observedOnly[r] = java.util.Arrays.copyOf(observedOnly[r], 40);
        }
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(3)).build();
        HmmParameters start = HmmParameters.of(START, A, CategoricalEmission.of(new double[][] {{0.4, 0.3, 0.3},
            {0.2, 0.3, 0.5}}));
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(15).threads(1).build();
        EmResult<HmmParameters> withMissing = Em.fit(model, Sequences.ofSymbolsWithMissing(sequences), start, options);
        double[] trace = withMissing.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-10 * Math.abs(trace[i - 1]));
        }
        // a wholly missing tail changes neither the likelihood nor the state posteriors of the observed
        // steps, so one iteration gives the truncated data's emissions (the transitions differ: the tail
        // adds expected transitions under the current chain)
        EmOptions one = options.toBuilder().maxIterations(1).build();
        EmResult<HmmParameters> tail = Em.fit(model, Sequences.ofSymbolsWithMissing(sequences), start, one);
        EmResult<HmmParameters> truncated = Em.fit(model, Sequences.ofSymbols(observedOnly), start, one);
        assertThat(tail.trace().get(0)).isCloseTo(truncated.trace().get(0), within(1e-9));
        CategoricalEmission a = (CategoricalEmission) tail.parameters().emission();
        CategoricalEmission b = (CategoricalEmission) truncated.parameters().emission();
        for (int s = 0; s < 2; s++) {
            for (int m = 0; m < 3; m++) {
                assertThat(a.probability(s, m)).isCloseTo(b.probability(s, m), within(1e-8));
            }
        }
    }

    @Test
    void longGaussianSequencesLearnNothingFromMissingSteps() {
        // longer than a kernel block (Family.BLOCK_ROWS), so missing steps fall in later blocks too
        int length = 700;
        double[][] x = new double[length][];
        double sum = 0;
        int observed = 0;
        SplittableRandom random = new SplittableRandom(12);
        for (int t = 0; t < length; t++) {
            boolean missing = t % 7 == 3 || (t >= 300 && t < 340);
            x[t] = missing ? new double[] {NA} : new double[] {10 + random.nextGaussian() + (t == 0 ? 50 : 0)};
            if (!missing) {
                sum += x[t][0];
                observed++;
            }
        }
        BaumWelch model = BaumWelch.builder().states(1).emission(EmissionFamily.gaussian(
                io.emkit.gmm.CovarianceType.FULL, 0)).build();
        HmmParameters start = HmmParameters.of(new double[] {1}, new double[][] {{1}}, GaussianEmission.of(List.of(
                Gaussian.of(new double[] {0}, io.emkit.core.numeric.Matrix.of(new double[][] {{4}})))));
        EmOptions one = EmOptions.builder().tolerance(0).maxIterations(1).threads(1).build();
        EmResult<HmmParameters> fit = Em.fit(model, Sequences.ofVectorsWithMissing(new double[][][] {x}), start, one);
        // one state: the M-step mean is the mean of the observed values alone (the placeholder that
        // stands in for a missing step, x[0] = 60-ish, must not count)
        double mean = ((GaussianEmission) fit.parameters().emission()).gaussian(0).mean()[0];
        assertThat(mean).isCloseTo(sum / observed, within(1e-9));
    }
}
