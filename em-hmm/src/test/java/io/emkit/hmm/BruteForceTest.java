package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-checkable tiny cases: forward probability, posteriors and Viterbi against enumeration of
 * every state path (an independent reference, not our own output).
 */
class BruteForceTest {

    /** Round-off allowed between path enumeration and the scaled recursions on 2^6 paths. */
    private static final double TOLERANCE = 1e-13;

    private static final HmmParameters MODEL = HmmParameters.of(new double[] {0.6, 0.4},
            new double[][] {{0.7, 0.3}, {0.0, 1.0}}, // a structural zero: state 1 is absorbing
            CategoricalEmission.of(new double[][] {{0.5, 0.4, 0.1}, {0.1, 0.3, 0.6}}));

    @Test
    void twoStepForwardProbabilityByHand() {
        // P(O = 0, 2) = sum over paths: pi_i b_i(0) a_ij b_j(2)
        double expected = 0.6 * 0.5 * (0.7 * 0.1 + 0.3 * 0.6) + 0.4 * 0.1 * (1.0 * 0.6);
        Sequences data = Sequences.ofSymbols(new int[][] {{0, 2}});
        assertThat(FittedHmm.of(MODEL).logLikelihood(data)).isCloseTo(Math.log(expected), within(1e-15));
    }

    @Test
    void allQueriesAgreeWithPathEnumeration() {
        int[] observations = {0, 1, 2, 2, 0, 1};
        Sequences data = Sequences.ofSymbols(new int[][] {observations});
        int length = observations.length;
        double total = 0;
        double best = 0;
        int bestPath = -1;
        double[][] marginal = new double[length][2];
        for (int path = 0; path < (1 << length); path++) {
            double p = MODEL.startProbabilities().get(state(path, 0))
                    * emission(state(path, 0), observations[0]);
            for (int t = 1; t < length; t++) {
                p *= MODEL.transitions().get(state(path, t - 1), state(path, t))
                        * emission(state(path, t), observations[t]);
            }
            total += p;
            for (int t = 0; t < length; t++) {
                marginal[t][state(path, t)] += p;
            }
            if (p > best) {
                best = p;
                bestPath = path;
            }
        }
        FittedHmm fitted = FittedHmm.of(MODEL);
        assertThat(fitted.logLikelihood(data)).isCloseTo(Math.log(total), within(TOLERANCE));
        double[][] posteriors = fitted.posteriors(data, 0);
        for (int t = 0; t < length; t++) {
            for (int s = 0; s < 2; s++) {
                assertThat(posteriors[t][s]).as("gamma[%d][%d]", t, s).isCloseTo(marginal[t][s] / total, within(TOLERANCE));
            }
        }
        List<FittedHmm.ViterbiPath> paths = fitted.decode(data);
        for (int t = 0; t < length; t++) {
            assertThat(paths.get(0).states().get(t)).isEqualTo(state(bestPath, t));
        }
        assertThat(paths.get(0).logProbability()).isCloseTo(Math.log(best), within(TOLERANCE));
    }

    @Test
    void aSequenceOfLengthOneWorks() {
        Sequences data = Sequences.ofSymbols(new int[][] {{2}});
        FittedHmm fitted = FittedHmm.of(MODEL);
        double p0 = 0.6 * 0.1;
        double p1 = 0.4 * 0.6;
        assertThat(fitted.logLikelihood(data)).isCloseTo(Math.log(p0 + p1), within(1e-15));
        assertThat(fitted.posteriors(data, 0)[0]).containsExactly(new double[] {p0 / (p0 + p1), p1 / (p0 + p1)},
                within(1e-15));
        assertThat(fitted.decode(data).get(0).states().toArray()).containsExactly(1);
        // Baum-Welch on length-1 sequences: no transitions observed, rows kept with a warning
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(3)).build();
        var result = io.emkit.core.Em.fit(model, data, MODEL,
                io.emkit.core.EmOptions.builder().tolerance(0).maxIterations(2).threads(1).build());
        assertThat(result.parameters().transitions()).isEqualTo(MODEL.transitions());
        assertThat(result.parameters().startProbabilities().toArray()).containsExactly(new double[] {0.2, 0.8}, within(1e-15)); // gamma_0 = (0.06, 0.24) / 0.3, then a fixed point
        assertThat(result.warnings()).hasSize(4); // two rows kept in each of two iterations
        assertThat(result.logLikelihood()).isFinite();
    }

    private static int state(int path, int t) {
        return (path >> t) & 1;
    }

    private static double emission(int state, int symbol) {
        return ((CategoricalEmission) MODEL.emission()).probability(state, symbol);
    }
}
