package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Gaussian family's parameter-free statistics: hand-checked values, Chan merges, precision far out. */
class GaussianAccumulatorTest {

    /**
     * Statistics of rows with weights, accumulated by the family's kernel (one component at the rows'
     * weighted mean, the kernel's reference point).
     */
    static GaussianAccumulator accumulate(CovarianceType type, double[] x, double[] w, int from, int to, int d) {
        GaussianFamily family = GaussianFamily.of(type, 0);
        double[] rows = java.util.Arrays.copyOfRange(x, from * d, to * d);
        double[] weights = java.util.Arrays.copyOfRange(w, from, to);
        GaussianComponents reference = family.reference(Dataset.ofRowMajor(rows, to - from, d).withWeights(weights), 1);
        return chunk(family, reference, x, w, from, to, d);
    }

    private static double[] covariance(GaussianAccumulator s, int d) {
        double[] c = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                c[a * d + b] = s.scatter(0, a, b) / s.weight(0);
            }
        }
        return c;
    }

    @Test
    void handCheckedWeightedMoments() {
        double[] x = {1, 4, 100};
        double[] w = {1, 2, 0};
        GaussianAccumulator s = accumulate(CovarianceType.FULL, x, w, 0, 3, 1);
        // W = 3, m = (1 + 8)/3 = 3, M = 1·4 + 2·1 = 6
        assertThat(s.weight(0)).isEqualTo(3);
        assertThat(s.mean(0)[0]).isCloseTo(3, within(1e-15));
        assertThat(s.scatter(0, 0, 0)).isCloseTo(6, within(1e-14));
    }

    @Test
    void mergeOfChunksEqualsSinglePassAndTheTextbookEstimate() {
        SplittableRandom random = new SplittableRandom(5);
        int d = 3;
        int n = 500;
        double[] x = new double[n * d];
        double[] w = new double[n];
        for (int i = 0; i < n * d; i++) {
            x[i] = random.nextGaussian() * (1 + i % d) + 10;
        }
        NaiveMoments naive = new NaiveMoments(d);
        for (int i = 0; i < n; i++) {
            w[i] = random.nextDouble();
            naive.add(x, i * d, w[i]);
        }
        GaussianAccumulator single = accumulate(CovarianceType.FULL, x, w, 0, n, d);
        GaussianAccumulator merged = null;
        for (int from = 0; from < n; from += 37) {
            GaussianAccumulator chunk = accumulate(CovarianceType.FULL, x, w, from, Math.min(n, from + 37), d);
            merged = merged == null ? chunk : merged.merge(chunk);
        }
        assertThat(merged.weight(0)).isCloseTo(single.weight(0), within(1e-12));
        assertClose(merged.mean(0), naive.mean(), 1e-13);
        assertClose(covariance(merged, d), naive.covariance().toRowMajor(), 1e-12);
        assertClose(covariance(single, d), naive.covariance().toRowMajor(), 1e-12);
        GaussianAccumulator empty = merged.emptyCopy();
        assertThat(empty.merge(merged).mean(0)).containsExactly(merged.mean(0));
    }

    /** One chunk's statistics from a kernel of the given components (so: about their reference point). */
    private static GaussianAccumulator chunk(GaussianFamily family, GaussianComponents set, double[] x, double[] w,
            int from, int to, int d) {
        Kernel<GaussianAccumulator> kernel = family.kernel(set);
        for (int i = from; i < to; i += Family.BLOCK_ROWS) {
            int nb = Math.min(Family.BLOCK_ROWS, to - i);
            kernel.accumulate(x, i * d, nb, w, i, Family.BLOCK_ROWS);
        }
        return kernel.finish();
    }

    @Test
    void chunksAboutTheSameReferenceAddTheirSumsAndAgreeWithChanMergesInAnyForm() {
        SplittableRandom random = new SplittableRandom(11);
        int d = 3;
        int n = 400;
        double[] x = new double[n * d];
        double[] w = new double[n];
        NaiveMoments naive = new NaiveMoments(d);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                x[i * d + a] = random.nextGaussian() * (1 + a) - 50;
            }
            w[i] = random.nextDouble();
            naive.add(x, i * d, w[i]);
        }
        // one component set for every chunk, as in one E-step: the same reference point each time
        GaussianFamily family = GaussianFamily.of(CovarianceType.FULL, 0);
        GaussianComponents set = family.reference(Dataset.ofRowMajor(x, n, d), 1);
        GaussianAccumulator added = null; // raw sums added
        GaussianAccumulator chan = null; // every chunk centred first (read), then Chan-merged
        GaussianAccumulator mixed = new GaussianAccumulator(1, d, true).emptyCopy(); // alternating forms
        for (int from = 0, c = 0; from < n; from += 37, c++) {
            int to = Math.min(n, from + 37);
            GaussianAccumulator one = chunk(family, set, x, w, from, to, d);
            added = added == null ? one : added.merge(one);
            GaussianAccumulator centred = chunk(family, set, x, w, from, to, d);
            centred.mean(0); // reading centres it
            chan = chan == null ? centred : chan.merge(centred);
            GaussianAccumulator next = chunk(family, set, x, w, from, to, d);
            if (c % 2 == 1) {
                next.scatter(0, 0, 0);
            }
            mixed.merge(next);
        }
        for (GaussianAccumulator s : new GaussianAccumulator[] {added, chan, mixed}) {
            assertThat(s.weight(0)).isCloseTo(naive.weight(), within(1e-12));
            assertClose(s.mean(0), naive.mean(), 1e-14);
            assertClose(covariance(s, d), naive.covariance().toRowMajor(), 1e-12);
        }
        // a raw accumulator merged elsewhere is left as it was: the same merge twice gives the same bits
        GaussianAccumulator raw = chunk(family, set, x, w, 0, 37, d);
        GaussianAccumulator first = chunk(family, set, x, w, 37, 74, d);
        first.mean(0);
        first.merge(raw);
        GaussianAccumulator second = chunk(family, set, x, w, 37, 74, d);
        second.mean(0);
        second.merge(raw);
        assertThat(second.mean(0)).containsExactly(first.mean(0));
        assertThat(second.scatter(0, 2, 1)).isEqualTo(first.scatter(0, 2, 1));
    }

    @Test
    void dataShiftedBy1e8KeepsFullRelativePrecisionThroughPerRowMerges() {
        SplittableRandom random = new SplittableRandom(9);
        int d = 2;
        int n = 1000;
        double[] x = new double[n * d];
        double[] shifted = new double[n * d];
        double[] w = new double[n];
        for (int i = 0; i < n * d; i++) {
            // multiples of 2^-20, so that x + 1e8 is exact and only the accumulation is tested
            x[i] = Math.rint(random.nextGaussian() * 0x1p20) * 0x1p-20;
            shifted[i] = x[i] + 1e8;
        }
        for (int i = 0; i < n; i++) {
            w[i] = 1 + i % 3;
        }
        GaussianAccumulator plain = accumulate(CovarianceType.FULL, x, w, 0, n, d);
        GaussianAccumulator farMerged = null;
        for (int i = 0; i < n; i++) {
            GaussianAccumulator one = accumulate(CovarianceType.FULL, shifted, w, i, i + 1, d);
            farMerged = farMerged == null ? one : farMerged.merge(one);
        }
        assertClose(covariance(farMerged, d), covariance(plain, d), 1e-9);
        assertThat(farMerged.mean(0)[0] - 1e8).isCloseTo(plain.mean(0)[0], within(1e-7));
    }

    @Test
    void scaleMultipliesWeightsAndScattersButNotMeans() {
        double[] x = {0, 0, 2, 4};
        double[] w = {1, 1};
        GaussianAccumulator s = accumulate(CovarianceType.DIAGONAL, x, w, 0, 2, 2);
        double[] mean = s.mean(0);
        s.scale(0.25);
        assertThat(s.weight(0)).isEqualTo(0.5);
        assertThat(s.mean(0)).containsExactly(mean);
        assertThat(s.scatter(0, 1, 1)).isCloseTo(8 * 0.25, within(1e-15));
        assertThatIllegalArgumentException().isThrownBy(() -> s.scale(-1)).withMessageContaining("factor (-1.0)");
        assertThatIllegalArgumentException().isThrownBy(() -> s.scatter(0, 0, 1))
                .withMessageContaining("only diagonal");
    }

    static void assertClose(double[] actual, double[] expected, double relative) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relative * scale));
        }
    }
}
