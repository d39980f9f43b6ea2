package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.OnlineEm;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Online EM on HMMs: whole sequences as the unit, ending near the batch optimum. */
class OnlineHmmTest {

    @Test
    void onlineBaumWelchEndsNearTheBatchOptimum() {
        Sequences data = TestModels.sample(TestModels.gaussian3(), 400, 100, 200, 11).data();
        BaumWelch model = BaumWelch.builder().states(3)
                .emission(EmissionFamily.gaussian(io.emkit.gmm.CovarianceType.FULL)).build();
        HmmParameters start = model.initialize(data, new SplittableRandom(5));
        EmOptions options = EmOptions.builder().tolerance(1e-9).maxIterations(2000).threads(1).seed(3).build();
        EmResult<HmmParameters> batch = Em.fit(model, data, start, options);
        double steps = data.totalLength();

        OnlineEm.Settings settings = new OnlineEm.Settings(0.6, 2, 500, 6, true);
        EmResult<HmmParameters> online = OnlineEm.fit(model, data, start, settings, options.toBuilder().tolerance(0)
                .build());

        double gap = (batch.logLikelihood() - online.logLikelihood()) / steps;
        assertThat(gap).isLessThan(1e-3);
        // and online EM did learn: far above the start
        double startMean = Em.expect(model, start, data, 1).logLikelihood() / steps;
        assertThat(online.logLikelihood() / steps - startMean).isGreaterThan(10 * Math.abs(gap));
        assertThat(online.iterations()).isEqualTo(7); // burn-in + 6 passes
        assertThat(online.trace().length()).isEqualTo(7);
    }

    @Test
    void categoricalEmissionsScaleToo() {
        // the casino's EM is slow (a flat ridge), so only ask online EM to climb well above its start
        Sequences data = TestModels.sample(TestModels.casino(), 100, 100, 200, 12).data();
        BaumWelch model = BaumWelch.builder().states(2).emission(EmissionFamily.categorical(6)).build();
        HmmParameters start = model.initialize(data, new SplittableRandom(5));
        EmOptions options = EmOptions.builder().tolerance(0).threads(1).seed(3).build();
        double startMean = Em.expect(model, start, data, 1).logLikelihood() / data.totalLength();
        EmResult<HmmParameters> online = OnlineEm.fit(model, data, start,
                new OnlineEm.Settings(0.6, 2, 500, 3, true), options);
        assertThat(online.logLikelihood() / data.totalLength()).isGreaterThan(startMean + 0.01);
        HmmStatistics s = Em.expect(model, start, data, 1);
        double[] a = ParameterVectors.of(model.maximize(s.copy(), start, TestContext.INSTANCE));
        double[] b = ParameterVectors.of(model.maximize(s.copy().scale(0.01), start, TestContext.INSTANCE));
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void scaledStatisticsGiveTheSameMStep() {
        Sequences data = TestModels.sample(TestModels.gaussian2d(), 20, 50, 80, 4).data();
        BaumWelch model = BaumWelch.builder().states(2)
                .emission(EmissionFamily.gaussian(io.emkit.gmm.CovarianceType.FULL, 0.0)).build();
        HmmParameters start = model.initialize(data, new SplittableRandom(1));
        HmmStatistics s = Em.expect(model, start, data, 1);
        HmmStatistics copy = s.copy();
        copy.scale(7.0);
        assertThat(copy.weight()).isEqualTo(7.0 * s.weight());
        HmmParameters a = model.maximize(s, start, TestContext.INSTANCE);
        HmmParameters b = model.maximize(copy, start, TestContext.INSTANCE);
        double[] va = ParameterVectors.of(a);
        double[] vb = ParameterVectors.of(b);
        for (int i = 0; i < va.length; i++) {
            assertThat(vb[i]).isCloseTo(va[i], org.assertj.core.data.Offset.offset(1e-12 * (1 + Math.abs(va[i]))));
        }
    }

    private enum TestContext implements io.emkit.core.IterationContext {
        INSTANCE;

        @Override
        public int iteration() {
            return 1;
        }

        @Override
        public void warn(io.emkit.core.FitWarning warning) {}
    }
}
