package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.family.Family;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plain kernels' passes over a block add what their formulas say in the order they say, to the
 * last bit: the squared distance {@code Σ_a z_a²}, {@code z_a = t_a + W_aa y_a + Σ_{b<a} W_ab y_b}
 * by one fused multiply-add per term (its passes of four terms, padded with zero terms, must not
 * change a bit), and the per-row products {@code (1, y, y_a y_b)} whether formed four rows at a time
 * or one. Dimensions 4 to 13 give every padding of the last pass and one to four passes per row;
 * block lengths leave rows outside the four-row tiles.
 */
class KernelPassesTest {

    @ParameterizedTest(name = "d = {0}, rows = {1}")
    @CsvSource({
        "4, 64", "5, 64", "6, 7", "7, 64", "8, 13", "9, 64", "10, 64", "10, 3", "11, 64", "12, 9", "13, 64",
    })
    void distancesAddOneMultiplyAddPerTermInOrder(int d, int rows) {
        SplittableRandom random = new SplittableRandom(31L * d + rows);
        GaussianComponents p = GaussianComponents.of(CovarianceType.FULL, new double[][] {new double[d]},
                new double[][][] {RandomCovariance.of(d, random)});
        double[][] y = new double[d][Family.BLOCK_ROWS];
        for (double[] column : y) {
            for (int i = 0; i < rows; i++) {
                column[i] = 3 * random.nextGaussian();
            }
        }
        double[] offsets = new double[d];
        for (int a = 0; a < d; a++) {
            offsets[a] = random.nextGaussian();
        }
        double[] sq = new double[Family.BLOCK_ROWS];
        GaussianKernel.distances(false, y, p, 0, offsets, 0, new double[Family.BLOCK_ROWS], sq, d, rows);

        double[] w = p.inverseCholesky; // row-major lower triangle of L⁻¹
        for (int i = 0; i < rows; i++) {
            double expected = 0;
            for (int a = 0; a < d; a++) {
                double z = Math.fma(w[a * d + a], y[a][i], -offsets[a]);
                for (int b = 0; b < a; b++) {
                    z = Math.fma(w[a * d + b], y[b][i], z);
                }
                expected = Math.fma(z, z, expected);
            }
            assertThat(Double.doubleToRawLongBits(sq[i])).as("row %d: %s against %s", i, sq[i], expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }

    @ParameterizedTest(name = "d = {0}, rows = {1}")
    @CsvSource({"1, 64", "3, 7", "10, 64", "10, 6", "16, 64", "17, 64", "24, 5"})
    void rowProductsAreExactProducts(int d, int rows) {
        SplittableRandom random = new SplittableRandom(17L * d + rows);
        double[] x = new double[(rows + 2) * d];
        for (int v = 0; v < x.length; v++) {
            x[v] = 10 + random.nextGaussian();
        }
        double[] centre = new double[d];
        for (int a = 0; a < d; a++) {
            centre[a] = 10 + 0.1 * a;
        }
        int width = 1 + d + d * (d + 1) / 2;
        double[][] products = new double[Family.BLOCK_ROWS][width];
        int first = 2; // the block starts two rows into the array
        GaussianKernel.blockProducts(x, first * d, rows, centre, false, products);

        for (int i = 0; i < rows; i++) {
            double[] expected = new double[width];
            expected[0] = 1;
            for (int a = 0; a < d; a++) {
                expected[1 + a] = x[(first + i) * d + a] - centre[a];
            }
            for (int a = 0, q = 1 + d; a < d; a++) {
                for (int b = 0; b <= a; b++, q++) {
                    expected[q] = expected[1 + a] * expected[1 + b];
                }
            }
            assertThat(products[i]).as("row %d", i).containsExactly(expected);
        }
    }
}
