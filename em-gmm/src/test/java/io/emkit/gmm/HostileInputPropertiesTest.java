package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * For random sizes, row weights and values (duplicates, constant columns, values near the double
 * range, weights from 1e-300 to 1e300), every fit either returns finite, valid parameters or refuses
 * with an {@link IllegalArgumentException} whose message names the problem. Never NaN, never another
 * exception type.
 */
class HostileInputPropertiesTest {

    private static double value(SplittableRandom random, int style, int column) {
        return switch (style) {
            case 0 -> random.nextGaussian();                              // plain
            case 1 -> random.nextInt(3);                                  // heavy duplicates
            case 2 -> column == 0 ? 7.0 : random.nextGaussian();          // a constant column
            case 3 -> random.nextGaussian() * 1e150;                      // near the square root of the range
            case 4 -> 1e9 + random.nextGaussian() * 1e-6;                 // far from the origin, tiny spread
            default -> random.nextDouble() < 0.1 ? 1e100 : random.nextGaussian(); // gross outliers
        };
    }

    private static double weight(SplittableRandom random, int style) {
        return switch (style) {
            case 0 -> 1;
            case 1 -> random.nextDouble();
            case 2 -> random.nextDouble() < 0.3 ? 0 : 1;                  // some rows switched off
            case 3 -> Math.pow(10, random.nextInt(-300, 301));            // across the whole range
            default -> random.nextDouble() < 0.05 ? 1e300 : 1;            // one or a few rows dominate
        };
    }

    @Property(tries = 200)
    void everyFitReturnsFiniteParametersOrRefusesClearly(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 1, max = 4) int k,
            @ForAll @IntRange(min = 0, max = 5) int valueStyle, @ForAll @IntRange(min = 0, max = 4) int weightStyle,
            @ForAll @IntRange(min = 0, max = 3) int covariance, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                rows[i][a] = value(random, valueStyle, a);
            }
            weights[i] = weight(random, weightStyle);
        }
        CovarianceType type = CovarianceType.values()[covariance % CovarianceType.values().length];
        FittedGaussianMixture fit;
        try {
            Dataset data = Dataset.of(rows, weights);
            fit = GaussianMixtureModel.builder().components(k).covarianceType(type).build()
                    .fit(data, EmOptions.builder().maxIterations(25).seed(seed).threads(1).build());
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("a refusal names the problem").isNotBlank()
                    .doesNotContain("null").hasSizeGreaterThan(15);
            return;
        }
        double[] w = fit.weights();
        assertThat(w).hasSize(k);
        assertThat(Arrays.stream(w).allMatch(v -> v >= 0 && v <= 1)).as("weights %s", Arrays.toString(w)).isTrue();
        assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        for (int j = 0; j < k; j++) {
            double[] mean = fit.means()[j];
            assertThat(Arrays.stream(mean).allMatch(Double::isFinite)).as("mean %s", Arrays.toString(mean)).isTrue();
            double[][] cov = fit.covariance(j).toArray();
            for (double[] row : cov) {
                assertThat(Arrays.stream(row).allMatch(Double::isFinite)).as("covariance %s", Arrays.deepToString(cov))
                        .isTrue();
            }
        }
        assertThat(Double.isNaN(fit.result().logLikelihood())).as("log-likelihood").isFalse();
    }
}
