package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.gmm.CovarianceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two ways a Gaussian family starts the states' means. */
class GaussianStartTest {

    private final Sequences data = TestModels.sample(TestModels.gaussian2d(), 4, 50, 80, 3).data();

    @Test
    void randomObservationsPutEveryMeanOnADistinctObservation() {
        EmissionFamily family = EmissionFamily.gaussian(CovarianceType.FULL, 0.0,
                EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS);
        GaussianEmission emission = (GaussianEmission) family.initialize(data, 5, new SplittableRandom(11));

        List<double[]> observations = new ArrayList<>();
        for (int r = 0; r < data.size(); r++) {
            double[] values = data.values(r);
            for (int t = 0; t < data.length(r); t++) {
                observations.add(Arrays.copyOfRange(values, 2 * t, 2 * t + 2));
            }
        }
        for (int s = 0; s < 5; s++) {
            double[] mean = emission.gaussian(s).mean();
            assertThat(observations).anySatisfy(o -> assertThat(o).containsExactly(mean));
            for (int q = 0; q < s; q++) {
                assertThat(emission.gaussian(q).mean()).isNotEqualTo(mean);
            }
            // every state starts with the pooled covariance
            assertThat(emission.gaussian(s).covariance()).isEqualTo(emission.gaussian(0).covariance());
        }
    }

    @Test
    void bothStartsAreReproducibleFromTheSeedAndDiffer() {
        for (EmissionFamily.GaussianStart start : EmissionFamily.GaussianStart.values()) {
            EmissionFamily family = EmissionFamily.gaussian(CovarianceType.DIAGONAL, 1e-6, start);
            assertThat(family.initialize(data, 3, new SplittableRandom(5)))
                    .isEqualTo(family.initialize(data, 3, new SplittableRandom(5)));
        }
        Emission kMeans = EmissionFamily.gaussian(CovarianceType.FULL, 0.0, EmissionFamily.GaussianStart.KMEANS)
                .initialize(data, 3, new SplittableRandom(5));
        Emission random = EmissionFamily.gaussian(CovarianceType.FULL, 0.0,
                EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS).initialize(data, 3, new SplittableRandom(5));
        assertThat(random).isNotEqualTo(kMeans);
    }

    @Test
    void moreStatesThanObservationsRepeatSomeOfThem() {
        Sequences two = Sequences.ofScalars(new double[][] {{1.0, 2.0}});
        GaussianEmission emission = (GaussianEmission) EmissionFamily.gaussian(CovarianceType.FULL, 1e-3,
                EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS).initialize(two, 3, new SplittableRandom(1));
        for (int s = 0; s < 3; s++) {
            assertThat(emission.gaussian(s).mean()[0]).isIn(1.0, 2.0);
        }
    }
}
