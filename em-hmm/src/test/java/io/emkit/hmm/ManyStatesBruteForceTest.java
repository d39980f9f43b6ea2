package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked forward-backward (four matrix rows per saxpy, expected transitions four steps at a
 * time) against enumeration of every state path: 5 states (a block of four and a remainder, above
 * {@link ForwardBackward#FEW_STATES}), sequences
 * of 7 and 4 steps (a full block of pending steps and remainders), a structural zero; one and two
 * threads give the same bits.
 */
class ManyStatesBruteForceTest {

    private static final int S = 5;
    private static final int M = 3;

    @Test
    void posteriorsAndOneBaumWelchStepAgreeWithPathEnumeration() {
        assertThat(S).as("this test is of the blocked steps").isGreaterThan(ForwardBackward.FEW_STATES);
        SplittableRandom random = new SplittableRandom(5);
        double[] start = TestModels.randomProbabilities(random, S);
        double[][] transitions = new double[S][];
        double[][] emissions = new double[S][];
        for (int i = 0; i < S; i++) {
            transitions[i] = TestModels.randomProbabilities(random, S);
            emissions[i] = TestModels.randomProbabilities(random, M);
        }
        transitions[1][3] = 0;
        transitions[1] = TestModels.renormalised(transitions[1]);
        HmmParameters model = HmmParameters.of(start, transitions, CategoricalEmission.of(emissions));
        int[][] sequences = {{0, 1, 2, 2, 0, 1, 1}, {2, 0, 0, 1}};

        double[][] xi = new double[S][S];
        double[] firstState = new double[S];
        double logLikelihood = 0;
        FittedHmm fitted = FittedHmm.of(model);
        for (int r = 0; r < sequences.length; r++) {
            int[] o = sequences[r];
            int length = o.length;
            double total = 0;
            double[][] marginal = new double[length][S];
            double[][] pairs = new double[S][S];
            int[] path = new int[length];
            int paths = (int) Math.pow(S, length);
            for (int code = 0; code < paths; code++) {
                for (int t = 0, c = code; t < length; t++, c /= S) {
                    path[t] = c % S;
                }
                double p = start[path[0]] * emissions[path[0]][o[0]];
                for (int t = 1; t < length; t++) {
                    p *= transitions[path[t - 1]][path[t]] * emissions[path[t]][o[t]];
                }
                total += p;
                for (int t = 0; t < length; t++) {
                    marginal[t][path[t]] += p;
                }
                for (int t = 1; t < length; t++) {
                    pairs[path[t - 1]][path[t]] += p;
                }
            }
            logLikelihood += Math.log(total);
            double[][] posteriors = fitted.posteriors(Sequences.ofSymbols(new int[][] {o}), 0);
            for (int t = 0; t < length; t++) {
                for (int s = 0; s < S; s++) {
                    assertThat(posteriors[t][s]).as("sequence %d gamma[%d][%d]", r, t, s)
                            .isCloseTo(marginal[t][s] / total, within(1e-13));
                }
            }
            for (int i = 0; i < S; i++) {
                firstState[i] += marginal[0][i] / total;
                for (int j = 0; j < S; j++) {
                    xi[i][j] += pairs[i][j] / total;
                }
            }
        }
        Sequences data = Sequences.ofSymbols(sequences);
        assertThat(fitted.logLikelihood(data)).isCloseTo(logLikelihood, within(1e-12));

        BaumWelch baumWelch = BaumWelch.builder().states(S).emission(EmissionFamily.categorical(M)).build();
        HmmParameters[] fits = new HmmParameters[2];
        for (int threads : new int[] {1, 2}) {
            HmmParameters next = Em.fit(baumWelch, data, model,
                    EmOptions.builder().tolerance(0).maxIterations(1).threads(threads).chunkSize(4).build()).parameters();
            fits[threads - 1] = next;
            for (int i = 0; i < S; i++) {
                double row = 0;
                for (int j = 0; j < S; j++) {
                    row += xi[i][j];
                }
                for (int j = 0; j < S; j++) {
                    assertThat(next.transitions().get(i, j)).as("a[%d][%d]", i, j).isCloseTo(xi[i][j] / row,
                            within(1e-12));
                }
                assertThat(next.startProbabilities().get(i)).isCloseTo(firstState[i] / sequences.length, within(1e-12));
            }
            assertThat(next.transitions().get(1, 3)).isZero();
        }
        for (int i = 0; i < S; i++) { // the same bits at any thread count
            for (int j = 0; j < S; j++) {
                assertThat(fits[1].transitions().get(i, j)).isEqualTo(fits[0].transitions().get(i, j));
            }
            assertThat(fits[1].startProbabilities().get(i)).isEqualTo(fits[0].startProbabilities().get(i));
        }
    }
}
