package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The occasionally dishonest casino (Durbin et al., Biological Sequence Analysis, 3.2): train from
 * a perturbed start on sampled rolls, then Viterbi must recover the loaded-die stretches.
 */
class CasinoTest {

    /**
     * Always answering "fair" scores 2/3 (the stationary share of the fair die); Viterbi must do
     * clearly better. With the true parameters it scores about 0.8 on such data.
     */
    private static final double MIN_ACCURACY = 0.75;
    /** The trained model may lose at most this much accuracy against the true parameters. */
    private static final double MAX_LOSS_TO_TRUTH = 0.03;

    @Test
    void viterbiAfterTrainingRecoversTheLoadedStretches() {
        TestModels.Sample sample = TestModels.sample(TestModels.casino(), 10, 1000, 1000, 2024);
        double f = 1.0 / 6;
        HmmParameters perturbed = HmmParameters.of(new double[] {0.5, 0.5},
                new double[][] {{0.8, 0.2}, {0.3, 0.7}},
                CategoricalEmission.of(new double[][] {{f, f, f, f, f, f}, {0.15, 0.15, 0.15, 0.15, 0.15, 0.25}}));
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        EmResult<HmmParameters> result = Em.fit(model, sample.data(), perturbed,
                EmOptions.builder().tolerance(1e-7).maxIterations(500).threads(2).build());

        double trained = accuracy(model.fitted(result.parameters()), sample);
        double truth = accuracy(FittedHmm.of(TestModels.casino()), sample);
        assertThat(trained).as("accuracy of the trained model (true model: %s)", truth).isGreaterThanOrEqualTo(MIN_ACCURACY);
        assertThat(trained).as("trained vs true model").isGreaterThanOrEqualTo(truth - MAX_LOSS_TO_TRUTH);
        CategoricalEmission emission = (CategoricalEmission) result.parameters().emission();
        assertThat(emission.probability(1, 5)).as("P(six | loaded)").isBetween(0.4, 0.6);
        assertThat(result.parameters().transitions().get(0, 0)).isBetween(0.9, 0.99);
    }

    private static double accuracy(FittedHmm model, TestModels.Sample sample) {
        List<FittedHmm.ViterbiPath> paths = model.decode(sample.data());
        long correct = 0;
        long total = 0;
        for (int r = 0; r < paths.size(); r++) {
            int[] decoded = paths.get(r).states().toArray();
            for (int t = 0; t < decoded.length; t++) {
                correct += decoded[t] == sample.states()[r][t] ? 1 : 0;
                total++;
            }
        }
        return (double) correct / total;
    }
}
