package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.IterationEvent;
import io.emkit.core.OnlineEm;
import io.emkit.core.RecordingContext;
import io.emkit.core.mixture.MixtureStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Online (stepwise) EM on a Gaussian mixture: near the batch optimum, reproducible, validated settings. */
class OnlineMixtureTest {

    /** Three 2-D clusters, 30 000 rows, in cluster order (so unshuffled batches would be biased). */
    private static Dataset clusters() {
        SplittableRandom random = new SplittableRandom(7);
        int n = 30_000;
        double[][] rows = new double[n][2];
        double[][] centres = {{0, 0}, {4, 1}, {-2, 5}};
        for (int i = 0; i < n; i++) {
            double[] c = centres[i * 3 / n];
            rows[i][0] = c[0] + random.nextGaussian() * (1 + 0.3 * (i * 3 / n));
            rows[i][1] = c[1] + random.nextGaussian() * 0.8 + 0.4 * rows[i][0];
        }
        return Dataset.of(rows);
    }

    @Test
    void endsWithinOneThousandthPerSampleOfTheBatchOptimum() {
        Dataset data = clusters();
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).build();
        EmOptions options = EmOptions.builder().tolerance(1e-9).maxIterations(1000).threads(2).seed(1).build();
        GaussianMixture start = model.initialize(data, new SplittableRandom(1));
        EmResult<GaussianMixture> batch = Em.fit(model, data, start, options);

        List<IterationEvent> passes = new ArrayList<>();
        EmOptions online = options.toBuilder().tolerance(0).listener(passes::add).build();
        EmResult<GaussianMixture> fit = OnlineEm.fit(model, data, start,
                OnlineEm.Settings.defaults().withBatchSize(1000).withPasses(3), online);

        double gap = (batch.logLikelihood() - fit.logLikelihood()) / data.size();
        assertThat(gap).isLessThan(1e-3).isGreaterThan(-1e-9); // the batch optimum is a maximum
        assertThat(passes).extracting(IterationEvent::iteration).containsExactly(2, 3, 4);
        // the per-pass estimate is close to the exact score
        assertThat(Math.abs(passes.get(2).logLikelihood() - fit.logLikelihood()) / data.size()).isLessThan(1e-2);
        // reproducible from the seed, and independent of the thread count
        EmResult<GaussianMixture> again = OnlineEm.fit(model, data, start,
                OnlineEm.Settings.defaults().withBatchSize(1000).withPasses(3),
                options.toBuilder().tolerance(0).threads(1).build());
        assertThat(again.logLikelihood()).isEqualTo(fit.logLikelihood());
    }

    @Test
    void everyMiniBatchMStepSeesTheWarningsTheRunHasReported() {
        // a mixture counts a component's re-seeds in the run's warnings to decide when to drop it, so
        // the online driver must show them to each M-step, as the batch driver does
        Dataset data = clusters();
        GaussianMixtureModel gaussian = GaussianMixtureModel.builder().components(3).build();
        List<Integer> seen = new ArrayList<>();
        ObservedGaussianMixture model = new ObservedGaussianMixture(gaussian, (previous, context) -> {
            seen.add(context.earlierWarnings().size());
            context.warn(new FitWarning.ModelWarning(context.iteration(), "an M-step"));
        });
        OnlineEm.fit(model, data, gaussian.initialize(data, new SplittableRandom(1)),
                OnlineEm.Settings.defaults().withBatchSize(5000).withPasses(2),
                EmOptions.builder().threads(1).seed(1).tolerance(0).build());

        assertThat(seen).hasSize(1 + 2 * 6); // the burn-in step, then 6 mini-batches per pass
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("M-step %d", i).isGreaterThanOrEqualTo(i);
        }
    }

    @Test
    void initialisesLikeTheBatchDriverFromTheSameSeed() {
        Dataset data = clusters();
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).build();
        EmOptions options = EmOptions.builder().threads(1).seed(42).maxIterations(1).tolerance(0).build();
        // one batch iteration from the seeded start equals the online burn-in's first step score
        EmResult<GaussianMixture> batch = Em.fit(model, data, options);
        EmResult<GaussianMixture> online = OnlineEm.fit(model, data, null,
                OnlineEm.Settings.defaults().withPasses(1), options);
        assertThat(online.trace().get(0)).isEqualTo(batch.trace().get(0));
    }

    @Test
    void scalingStatisticsLeavesTheMStepUnchanged() {
        Dataset data = clusters();
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(3).build();
        GaussianMixture start = model.initialize(data, new SplittableRandom(3));
        MixtureStatistics<GaussianAccumulator> s = Em.expect(model, start, data, 1);
        MixtureStatistics<GaussianAccumulator> scaled = s.copy().scale(0.125);
        assertThat(scaled.weight()).isEqualTo(s.weight() * 0.125);
        IterationContext context = new RecordingContext();
        GaussianMixture a = model.maximize(s, start, context);
        GaussianMixture b = model.maximize(scaled, start, context);
        for (int j = 0; j < 3; j++) {
            assertThat(b.weights()[j]).isCloseTo(a.weights()[j], org.assertj.core.data.Offset.offset(1e-12));
            assertThat(b.means()[j][1]).isCloseTo(a.means()[j][1], org.assertj.core.data.Offset.offset(1e-10));
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new OnlineEm.Settings(0.5, 2, 10, 1, true)).hasMessage("kappa (0.5) must be in (0.5, 1]");
        assertThatThrownBy(() -> new OnlineEm.Settings(0.7, 0.5, 10, 1, true))
                .hasMessage("t0 (0.5) must be finite and >= 1");
        assertThatThrownBy(() -> OnlineEm.Settings.defaults().withBatchSize(0)).hasMessage("batchSize (0) must be >= 1");
        assertThatThrownBy(() -> OnlineEm.Settings.defaults().withPasses(0)).hasMessage("passes (0) must be >= 1");
        assertThat(new OnlineEm.Settings(1.0, 1, 1, 1, false).stepSize(0)).isEqualTo(1.0);
        assertThat(new OnlineEm.Settings(1.0, 1, 1, 1, false).stepSize(3)).isEqualTo(0.25);
    }
}
