package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.emkit.core.mixture.MixtureParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampling block by block draws the points of the one-array sample, one block held at a time. */
class BlockSampleTest {

    private static final GaussianMixture MIXTURE = GaussianMixture.full(new double[] {0.3, 0.7},
            new double[][] {{0, 0}, {5, -1}},
            new double[][][] {{{1, 0.5}, {0.5, 2}}, {{0.3, 0}, {0, 0.1}}});

    @Test
    void theBlocksAreTheInMemorySampleInOrder() {
        int n = 2 * MixtureParameters.SAMPLE_BLOCK + 123;
        MixtureParameters.Sample memory = MIXTURE.sample(n, new SplittableRandom(8));
        List<Integer> sizes = new ArrayList<>();
        double[] points = new double[2 * n];
        int[] labels = new int[n];
        int[] at = {0};
        MIXTURE.sample((long) n, new SplittableRandom(8), (block, blockLabels, count) -> {
            sizes.add(count);
            System.arraycopy(block, 0, points, 2 * at[0], 2 * count);
            System.arraycopy(blockLabels, 0, labels, at[0], count);
            at[0] += count;
        });
        assertThat(sizes).containsExactly(MixtureParameters.SAMPLE_BLOCK, MixtureParameters.SAMPLE_BLOCK, 123);
        assertThat(points).isEqualTo(memory.points().toRowMajor());
        assertThat(labels).isEqualTo(memory.labels().toArray());
    }

    @Test
    void aBadSizeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> MIXTURE.sample(0L, new SplittableRandom(1),
                (p, l, c) -> { })).withMessage("n (0) must be >= 1");
    }
}
