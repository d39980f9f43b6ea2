package io.emkit.examples.usermodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IterationContext;
import io.emkit.core.FitWarning;
import io.emkit.core.numeric.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BernoulliMixtureTest {

    /** Three well-separated bit patterns with 5% flip noise. */
    record Sample(Dataset data, int[] labels) {}

    static Sample sample(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(3);
            labels[i] = k;
            for (int j = 0; j < d; j++) {
                boolean on = (j % 3) == k;               // component k lights every third bit from k
                boolean flip = random.nextDouble() < 0.05;
                rows[i][j] = on ^ flip ? 1 : 0;
            }
        }
        return new Sample(Dataset.of(rows), labels);
    }

    @Test
    void oneStepOnTwoPointsMatchesTheHandComputation() {
        // Two points, one component: the M-step must give the column means, whatever the start.
        Dataset data = Dataset.of(new double[][] {{1, 0, 1}, {1, 1, 0}});
        BernoulliMixture model = new BernoulliMixture(1, 0.0);
        BernoulliMixture.Parameters start = new BernoulliMixture.Parameters(
                ImmutableDoubleArray.of(1.0), Matrix.of(new double[][] {{0.5, 0.5, 0.5}}));
        EmResult<BernoulliMixture.Parameters> result =
                Em.fit(model, data, start, EmOptions.builder().tolerance(0).maxIterations(1).threads(1).build());
        assertThat(result.parameters().means().row(0)).containsExactly(1.0, 0.5, 0.5);
        // log-likelihood under the start: two points, each 0.5^3
        assertThat(result.trace().get(0)).isCloseTo(2 * 3 * Math.log(0.5), within(1e-12));
        // under the fit: log(1 * 0.5 * 0.5) for each point
        assertThat(result.logLikelihood()).isCloseTo(2 * Math.log(0.25), within(1e-12));
    }

    @Test
    void pseudoCountsShrinkTowardsOneHalf() {
        BernoulliMixture.Statistics stats = new BernoulliMixture(1, 1.0).expect(
                new BernoulliMixture.Parameters(ImmutableDoubleArray.of(1.0), Matrix.of(new double[][] {{0.5, 0.5}})),
                Dataset.of(new double[][] {{1, 0}, {1, 0}}));
        BernoulliMixture.Parameters next = new BernoulliMixture(1, 1.0).maximize(stats,
                new BernoulliMixture.Parameters(ImmutableDoubleArray.of(1.0), Matrix.of(new double[][] {{0.5, 0.5}})),
                new IterationContext() {
                    @Override
                    public int iteration() {
                        return 1;
                    }

                    @Override
                    public void warn(FitWarning warning) {}
                });
        assertThat(next.means().row(0)).containsExactly(3.0 / 4.0, 1.0 / 4.0); // (2+1)/(2+2), (0+1)/(2+2)
    }

    @Test
    void recoversPlantedPatterns() {
        Sample sample = sample(1500, 15, 8);
        EmResult<BernoulliMixture.Parameters> result = new BernoulliMixture(3, 0.01)
                .fit(sample.data(), EmOptions.builder().restarts(3).seed(1).threads(2).build());
        BernoulliMixture.Parameters fitted = result.parameters();
        // Each planted pattern is matched by one fitted component: its "on" bits near 0.95, the rest near 0.05.
        for (int pattern = 0; pattern < 3; pattern++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                double error = 0;
                for (int j = 0; j < 15; j++) {
                    double truth = (j % 3) == pattern ? 0.95 : 0.05;
                    error = Math.max(error, Math.abs(fitted.means().get(c, j) - truth));
                }
                best = Math.min(best, error);
            }
            // 500 samples per component: a binomial proportion's standard error is about 0.01.
            assertThat(best).as("pattern %d", pattern).isLessThan(0.06);
        }
        for (double w : fitted.weights().toArray()) {
            assertThat(w).isCloseTo(1.0 / 3, within(0.05));
        }
        assertThat(result.converged()).isTrue();
    }

    @Test
    void rejectsBadInput() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BernoulliMixture(2, 0).fit(Dataset.of(new double[][] {{0, 1}, {0.5, 1}}),
                        EmOptions.defaults()))
                .withMessageContaining("x[1][0] is 0.5; must be 0 or 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BernoulliMixture(3, 0).fit(Dataset.of(new double[][] {{0}, {1}}), EmOptions.defaults()))
                .withMessageContaining("components (3) must be <= n (2)");
        assertThatIllegalArgumentException().isThrownBy(() -> new BernoulliMixture(0, 0))
                .withMessageContaining("components (0)");
        assertThatIllegalArgumentException().isThrownBy(() -> new BernoulliMixture.Parameters(
                        ImmutableDoubleArray.of(0.7, 0.7), Matrix.of(new double[][] {{0.5}, {0.5}})))
                .withMessageContaining("weights sum to 1.4");
    }
}
