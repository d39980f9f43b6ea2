package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.FitWarning;
import io.emkit.core.mixture.Mixture;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Row weights spanning the double range: a clear refusal, or a fit that ends with sensible weights. */
class HostileWeightsTest {

    /** Three blobs at 0, 5 and 10 in 2-D, 100 rows each (row i in blob i mod 3). */
    private static double[][] blobs() {
        SplittableRandom random = new SplittableRandom(1);
        double[][] rows = new double[300][2];
        for (int i = 0; i < rows.length; i++) {
            double centre = 5 * (i % 3);
            rows[i][0] = centre + random.nextGaussian();
            rows[i][1] = centre + random.nextGaussian();
        }
        return rows;
    }

    private static GaussianMixtureModel model(int k) {
        return GaussianMixtureModel.builder().components(k).covarianceType(CovarianceType.FULL).build();
    }

    @Test
    void oneRowCarryingAlmostAllTheWeightIsRefusedNamingIt() {
        double[] weights = new double[300];
        Arrays.fill(weights, 1);
        weights[7] = 1e300;
        Dataset data = Dataset.of(blobs(), weights);
        assertThatIllegalArgumentException().isThrownBy(() -> model(3).fit(data, EmOptions.builder().build()))
                .withMessageStartingWith("weights[7] (1.0E300) carries all but 299.0 of the total weight")
                .withMessageContaining("3 components cannot all hold weight");
        // one component is the honest answer: the point mass is the model, and it is allowed
        assertThat(model(1).fit(data, EmOptions.builder().build()).weights()).containsExactly(1.0);
    }

    @Test
    void aComponentThatKeepsEmptyingIsDroppedAfterTheLimitInsteadOfReseededForever() {
        // two rows carry 1e300 each: two components hold them, the third can never gather 1e-10 of that
        double[] weights = new double[300];
        Arrays.fill(weights, 1);
        weights[0] = 1e300;
        weights[1] = 1e300;
        Dataset data = Dataset.of(blobs(), weights);
        FittedGaussianMixture fit = model(3).fit(data, EmOptions.builder().tolerance(0).maxIterations(40).build());
        long reseeds = fit.result().warnings().stream().filter(w -> w instanceof FitWarning.ComponentReseeded).count();
        long drops = fit.result().warnings().stream()
                .filter(w -> w instanceof FitWarning.ModelWarning && w.message().contains("dropped (weight 0)")).count();
        assertThat(reseeds).isEqualTo(Mixture.RESEED_LIMIT);
        assertThat(drops).isEqualTo(1);
        double[] w = fit.weights();
        Arrays.sort(w);
        // 0 once dropped, or the natural ~1e-298 of the best iterate, which the run returns when a re-seed
        // lowered the likelihood
        assertThat(w[0]).isLessThan(1e-290);
        assertThat(w[1]).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[2]).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        for (double[] mean : fit.means()) {
            assertThat(Arrays.stream(mean).allMatch(Double::isFinite)).isTrue();
        }
        assertThat(fit.result().logLikelihood()).isFinite();
        assertThat(fit.result().iterations()).isEqualTo(40);
    }

    @Test
    void theEmptyThresholdIsRelativeToTheLargestComponentSoHugeUniformWeightsChangeNothing() {
        double[] small = new double[300];
        double[] huge = new double[300];
        Arrays.fill(small, 1);
        Arrays.fill(huge, 1e290);
        EmOptions options = EmOptions.builder().seed(3).build();
        FittedGaussianMixture a = model(3).fit(Dataset.of(blobs(), small), options);
        FittedGaussianMixture b = model(3).fit(Dataset.of(blobs(), huge), options);
        assertThat(b.result().warnings()).isEmpty();
        for (int j = 0; j < 3; j++) {
            assertThat(b.weights()[j]).isCloseTo(a.weights()[j], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aColumnWhoseWeightedSpreadOverflowsIsRefusedNamingItAndRowsOfZeroWeightDoNotCount() {
        double[][] rows = blobs();
        rows[5][1] = 1e154; // (1e154)² · 300 rows overflows the M-step's weighted scatter
        assertThatIllegalArgumentException().isThrownBy(() -> model(2).fit(Dataset.of(rows), EmOptions.builder().build()))
                .withMessageStartingWith("column 1 spans [")
                .withMessageContaining(", 1.0E154] with total row weight 300.0")
                .withMessageEndingWith("rescale the column or the weights");
        double[] weights = new double[rows.length];
        Arrays.fill(weights, 1);
        weights[5] = 0; // the far row takes no part in the fit, so it cannot overflow it
        FittedGaussianMixture fit = model(2).fit(Dataset.of(rows, weights), EmOptions.builder().build());
        assertThat(fit.logLikelihood()).isFinite();
        // spread over 1e5 rows the weight overflows where the values alone would not
        double[][] many = new double[100_000][];
        for (int i = 0; i < many.length; i++) {
            many[i] = rows[i % 300 == 5 ? 0 : i % 300];
        }
        many[77_777] = new double[] {-3e151, 0};
        assertThatIllegalArgumentException().isThrownBy(() -> model(2).fit(Dataset.of(many), EmOptions.builder().build()))
                .withMessageStartingWith("column 0 spans [-3.0E151, ");
    }
}
