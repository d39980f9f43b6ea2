package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampling an HMM block by block: the in-memory sample, one block held at a time. */
class BlockSampleTest {

    @Test
    void upToOneBlockTheSampleIsThePathThenItsObservations() {
        // the reference: the whole path from the start and transition rows, then every observation
        HmmParameters casino = TestModels.casino();
        int length = FittedHmm.SAMPLE_BLOCK;
        SplittableRandom reference = new SplittableRandom(21);
        double[] start = casino.startProbabilities().toArray();
        double[] transitions = casino.transitions().toRowMajor();
        int[] path = new int[length];
        path[0] = CategoricalEmission.draw(start, 0, 2, reference);
        for (int t = 1; t < length; t++) {
            path[t] = CategoricalEmission.draw(transitions, path[t - 1] * 2, 2, reference);
        }
        int[] symbols = casino.emission().sample(path, reference).symbols(0);
        FittedHmm.SampledSequence sample = FittedHmm.of(casino).sample(length, new SplittableRandom(21));
        assertThat(sample.states().toArray()).isEqualTo(path);
        assertThat(sample.observations().symbols(0)).isEqualTo(symbols);
    }

    @Test
    void longPathsComeInBlocksThatContinueTheChain() {
        HmmParameters gaussian = TestModels.gaussian2d();
        long length = 3L * FittedHmm.SAMPLE_BLOCK + 7;
        List<FittedHmm.SampledSequence> blocks = new ArrayList<>();
        FittedHmm.of(gaussian).sample(length, new SplittableRandom(4), blocks::add);
        assertThat(blocks).extracting(b -> b.states().length())
                .containsExactly(FittedHmm.SAMPLE_BLOCK, FittedHmm.SAMPLE_BLOCK, FittedHmm.SAMPLE_BLOCK, 7);
        FittedHmm.SampledSequence whole = FittedHmm.of(gaussian).sample((int) length, new SplittableRandom(4));
        int at = 0;
        int switches = 0;
        int previous = -1;
        for (FittedHmm.SampledSequence block : blocks) {
            int[] states = block.states().toArray();
            assertThat(whole.states().subArray(at, at + states.length).toArray()).isEqualTo(states);
            double[] values = block.observations().values(0);
            double[] all = whole.observations().values(0);
            assertThat(java.util.Arrays.copyOfRange(all, 2 * at, 2 * (at + states.length))).isEqualTo(values);
            for (int state : states) {
                switches += previous >= 0 && state != previous ? 1 : 0;
                previous = state;
            }
            at += states.length;
        }
        // the chain leaves a state at rate 0.1 (state 0) or 0.2 (state 1); stationary (2/3, 1/3) gives
        // 2 * (2/3) * 0.1 = 0.133 switches per step; over 12 295 steps the sd is about 0.004
        assertThat(switches / (double) length).isCloseTo(2 * (2.0 / 3) * 0.1, within(0.02));
    }
}
