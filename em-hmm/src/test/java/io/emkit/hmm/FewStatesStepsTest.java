package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar steps for few states (and the written-out ones for two and three) and the blocked steps for
 * many add the same terms in the same order: on the same sequences they give the same bits
 * (log-likelihood, posteriors, expected transitions), at state counts on both sides of a block of four,
 * for sequences of one step, fewer steps than a block of pending transitions, and more; and with a
 * structural zero and a near-impossible step.
 */
class FewStatesStepsTest {

    @Test
    void scalarAndBlockedStepsGiveTheSameBits() {
        SplittableRandom random = new SplittableRandom(21);
        int symbols = 4;
        for (int s : new int[] {1, 2, 3, 4, 5, 8}) {
            double[] start = TestModels.randomProbabilities(random, s);
            double[][] transitions = new double[s][];
            double[][] emissions = new double[s][];
            for (int i = 0; i < s; i++) {
                transitions[i] = TestModels.randomProbabilities(random, s);
                emissions[i] = TestModels.randomProbabilities(random, symbols);
            }
            if (s > 2) {
                transitions[1][2] = 0;
                transitions[1] = TestModels.renormalised(transitions[1]);
                emissions[0][3] = 1e-300; // a step only state 0 can barely emit drives the scale to the edge
                emissions[0] = TestModels.renormalised(emissions[0]);
            }
            HmmParameters model = HmmParameters.of(start, transitions, CategoricalEmission.of(emissions));
            int[][] sequences = new int[4][];
            int[] lengths = {1, 3, 9, 400};
            for (int r = 0; r < sequences.length; r++) {
                sequences[r] = random.ints(lengths[r], 0, symbols).toArray();
            }
            Sequences data = Sequences.ofSymbols(sequences);
            double[] flat = model.transitions().raw();
            double[] pi = model.startProbabilities().toArray();
            ForwardBackward blocked = new ForwardBackward(s, data.maxLength(), ForwardBackward.Steps.BLOCKED);
            List<ForwardBackward.Steps> forms = switch (s) {
                case 2 -> List.of(ForwardBackward.Steps.FEW, ForwardBackward.Steps.TWO);
                case 3 -> List.of(ForwardBackward.Steps.FEW, ForwardBackward.Steps.THREE);
                default -> List.of(ForwardBackward.Steps.FEW);
            };
            for (ForwardBackward.Steps form : forms) {
                ForwardBackward scalar = new ForwardBackward(s, data.maxLength(), form);
                for (int r = 0; r < sequences.length; r++) {
                    int n = data.length(r) * s;
                    double a = scalar.run(pi, flat, model.emission(), data, r, true);
                    double b = blocked.run(pi, flat, model.emission(), data, r, true);
                    assertThat(a).as("S=%d %s sequence %d: log P(O)", s, form, r).isEqualTo(b).isFinite();
                    assertThat(Arrays.copyOf(scalar.posteriors(), n)).as("S=%d %s sequence %d: gamma", s, form, r)
                            .containsExactly(Arrays.copyOf(blocked.posteriors(), n));
                    assertThat(scalar.expectedTransitions()).as("S=%d %s sequence %d: xi", s, form, r)
                            .containsExactly(blocked.expectedTransitions());
                    if (s > 2) {
                        assertThat(scalar.expectedTransitions()[s + 2]).as("structural zero").isZero();
                    }
                    assertThat(scalar.run(pi, flat, model.emission(), data, r, false)).as("forward only")
                            .isEqualTo(a);
                }
            }
        }
    }
}
