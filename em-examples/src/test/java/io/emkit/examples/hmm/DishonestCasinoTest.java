package io.emkit.examples.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.hmm.CategoricalEmission;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DishonestCasinoTest {

    @Test
    void learnsTheLoadedDieAndDecodesMostRolls() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DishonestCasino.Outcome outcome = DishonestCasino.run(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                1500, 100, 7);
        CategoricalEmission learned = (CategoricalEmission) outcome.fit().parameters().emission();
        // the relabelled state 1 is the loaded die: sixes about half the time
        assertThat(learned.probability(DishonestCasino.LOADED, 5)).isBetween(0.35, 0.65);
        assertThat(learned.probability(DishonestCasino.FAIR, 5)).isBetween(0.08, 0.25);
        // always guessing "fair" scores about 2/3 (the stationary share of the fair die)
        assertThat(outcome.accuracy()).isGreaterThan(0.7);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Viterbi decoding", "decoded ");
    }

    @Test
    void stretchesAreMaximalLoadedRuns() {
        List<int[]> runs = DishonestCasino.loadedStretches(new int[] {0, 1, 1, 0, 1, 0, 0, 1});
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0)).containsExactly(1, 3);
        assertThat(runs.get(1)).containsExactly(4, 5);
        assertThat(runs.get(2)).containsExactly(7, 8);
    }
}
