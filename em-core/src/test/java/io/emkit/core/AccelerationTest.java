package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.PoissonMixture.Parameters;
import io.emkit.core.PoissonMixture.Statistics;
import io.emkit.core.numeric.LogRatios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** SQUAREM in the driver, E-step counts, convergence rules and the cap warning, on a Poisson mixture. */
class AccelerationTest {

    private static final Dataset DATA = PoissonMixture.sample(400, 7);
    private static final Parameters START = Parameters.of(new double[] {0.5, 0.5}, new double[] {1.0, 4.0});

    /** The Poisson mixture with a parameter vector (weight log-ratio, log rates), counting E-step calls. */
    static class Vectorised implements LatentModel<Dataset, Parameters, Statistics> {
        final PoissonMixture inner = new PoissonMixture(2);
        final AtomicLong expectCalls = new AtomicLong();
        final boolean withVector;

        Vectorised(boolean withVector) {
            this.withVector = withVector;
        }

        @Override
        public Statistics expect(Parameters params, Dataset chunk) {
            expectCalls.incrementAndGet();
            return inner.expect(params, chunk);
        }

        @Override
        public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
            return inner.maximize(total, previous, context);
        }

        @Override
        public Parameters initialize(Dataset data, RandomGenerator random) {
            return inner.initialize(data, random);
        }

        @Override
        public Optional<ParameterVector<Parameters>> parameterVector() {
            if (!withVector) {
                return Optional.empty();
            }
            return Optional.of(new ParameterVector<>() {
                @Override
                public double[] toVector(Parameters params, Parameters layout) {
                    double[] out = new double[3];
                    if (!LogRatios.write(params.weights().toArray(), 0, layout.weights().toArray(), 0, 2, out, 0)) {
                        return null;
                    }
                    out[1] = Math.log(params.rates().get(0));
                    out[2] = Math.log(params.rates().get(1));
                    return out;
                }

                @Override
                public Parameters fromVector(double[] vector, Parameters layout) {
                    double[] weights = new double[2];
                    LogRatios.read(vector, 0, layout.weights().toArray(), 0, 2, weights, 0);
                    return Parameters.of(weights, new double[] {Math.exp(vector[1]), Math.exp(vector[2])});
                }
            });
        }
    }

    private static EmOptions.Builder options() {
        return EmOptions.builder().threads(1).chunkSize(1_000_000).maxIterations(10_000);
    }

    @Test
    void plainEmIsTheDefaultAndCostsOneEStepMoreThanItsIterations() {
        assertThat(EmOptions.defaults().acceleration()).isEqualTo(Acceleration.NONE);
        assertThat(EmOptions.defaults().convergenceRule()).isEqualTo(ConvergenceRule.ABSOLUTE);
        Vectorised model = new Vectorised(true);
        EmResult<Parameters> result = Em.fit(model, DATA, START, options().tolerance(1e-9).build());
        assertThat(result.eSteps()).isEqualTo(result.iterations() + 1L).isEqualTo(model.expectCalls.get());
    }

    @Test
    void squaremReachesPlainEmsOptimumWithFewerEStepsAndCountsThemRight() {
        Vectorised plainModel = new Vectorised(true);
        EmResult<Parameters> plain = Em.fit(plainModel, DATA, START, options().tolerance(1e-12).build());
        Vectorised fastModel = new Vectorised(true);
        EmResult<Parameters> fast = Em.fit(fastModel, DATA, START,
                options().tolerance(1e-12).acceleration(Acceleration.SQUAREM).build());

        assertThat(plain.converged()).isTrue();
        assertThat(fast.converged()).isTrue();
        assertThat(fast.eSteps()).isEqualTo(fastModel.expectCalls.get());
        assertThat(fast.eSteps()).isLessThanOrEqualTo(4L * fast.iterations() + 1);
        assertThat(fast.eSteps()).isLessThan(plain.eSteps());
        // plain EM stops up to rate/(1-rate) tolerance-sized steps short of the optimum
        assertThat(fast.logLikelihood()).isCloseTo(plain.logLikelihood(), within(1e-6 * DATA.size()));
        assertThat(fast.logLikelihood()).isGreaterThanOrEqualTo(plain.logLikelihood() - 1e-9 * DATA.size());
        for (int j = 0; j < 2; j++) {
            assertThat(fast.parameters().rates().get(j)).isCloseTo(plain.parameters().rates().get(j), within(1e-4));
            assertThat(fast.parameters().weights().get(j)).isCloseTo(plain.parameters().weights().get(j), within(1e-5));
        }
        double[] trace = fast.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).as("cycle %d", i).isGreaterThanOrEqualTo(trace[i - 1]);
        }
    }

    @Test
    void everyMStepOfACycleSeesTheWarningsTheRunHasKept() {
        // each M-step warns once; the third EM step and the stabilising step of a cycle warn into a
        // sink of their own (kept only if the cycle accepts their point), but must see the run's
        // history like the first two: a mixture counts re-seeds there to decide whether to drop
        List<int[]> seen = new ArrayList<>(); // {iteration, earlier warnings seen}
        Vectorised model = new Vectorised(true) {
            @Override
            public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
                seen.add(new int[] {context.iteration(), context.earlierWarnings().size()});
                context.warn(new FitWarning.ModelWarning(context.iteration(), "an M-step"));
                return super.maximize(total, previous, context);
            }
        };
        EmResult<Parameters> fit = Em.fit(model, DATA, START,
                options().tolerance(0).maxIterations(4).acceleration(Acceleration.SQUAREM).build());

        assertThat(fit.iterations()).isEqualTo(4);
        int stabilised = 0;
        for (int iteration = 1; iteration <= 4; iteration++) {
            int at = iteration;
            List<int[]> calls = seen.stream().filter(c -> c[0] == at).toList();
            // two EM steps and the third; the stabilising step when the extrapolated point was usable
            assertThat(calls).as("M-steps of cycle %d", at).hasSizeBetween(3, 4);
            long kept = fit.warnings().stream()
                    .filter(w -> w instanceof FitWarning.ModelWarning && w.iteration() < at).count();
            assertThat(calls.get(0)[1]).as("cycle %d, first M-step", at).isEqualTo((int) kept);
            assertThat(calls.get(1)[1]).as("cycle %d, second", at).isEqualTo((int) kept + 1);
            assertThat(calls.get(2)[1]).as("cycle %d, third", at).isEqualTo((int) kept + 2);
            if (calls.size() == 4) {
                assertThat(calls.get(3)[1]).as("cycle %d, stabilising", at).isEqualTo((int) kept + 2);
                stabilised++;
            }
        }
        assertThat(stabilised).as("cycles that extrapolated").isPositive();
    }

    @Test
    void aModelWithoutAVectorRunsPlainEmBitForBitUnderSquarem() {
        EmResult<Parameters> plain = Em.fit(new Vectorised(false), DATA, START, options().tolerance(1e-8).build());
        EmResult<Parameters> asked = Em.fit(new Vectorised(false), DATA, START,
                options().tolerance(1e-8).acceleration(Acceleration.SQUAREM).build());
        assertThat(asked.trace()).isEqualTo(plain.trace());
        assertThat(asked.eSteps()).isEqualTo(plain.eSteps());
        assertThat(asked.parameters()).isEqualTo(plain.parameters());
    }

    @Test
    void relativeRuleStopsAtTheFirstStepWithinTolTimesOnePlusL() {
        double tol = 1e-7;
        EmResult<Parameters> result = Em.fit(new Vectorised(true), DATA, START,
                options().tolerance(tol).convergenceRule(ConvergenceRule.RELATIVE).build());
        double[] trace = result.trace().toArray();
        double[] path = java.util.Arrays.copyOf(trace, trace.length + 1);
        path[trace.length] = result.logLikelihood();
        int first = -1;
        for (int t = 1; t < path.length && first < 0; t++) {
            if (Math.abs(path[t] - path[t - 1]) <= tol * (1 + Math.abs(path[t]))) {
                first = t;
            }
        }
        assertThat(result.converged()).isTrue();
        assertThat(first).isEqualTo(result.iterations());
    }

    @Test
    void convergenceRulesFollowTheirFormulas() {
        assertThat(ConvergenceRule.RELATIVE.converged(-1000, -1000.01, 5, 1e-5)).isTrue();   // 0.01 <= 0.01001
        assertThat(ConvergenceRule.RELATIVE.converged(-1000, -1000.011, 5, 1e-5)).isFalse();
        assertThat(ConvergenceRule.ABSOLUTE.converged(-1000, -1000.01, 5, 1e-3)).isFalse();  // 0.002 per sample
        assertThat(ConvergenceRule.ABSOLUTE.converged(-1000, -1000.004, 5, 1e-3)).isTrue();  // 0.0008
        for (ConvergenceRule rule : ConvergenceRule.values()) {
            assertThat(rule.converged(-5, -5, 1, 0)).as("%s with tol 0", rule).isFalse();
            assertThat(rule.converged(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, 1e-3)).isTrue();
        }
    }

    @Test
    void aFitAtTheCapIsFlaggedUnlessTheToleranceIsZero() {
        EmResult<Parameters> capped = Em.fit(new Vectorised(true), DATA, START,
                options().maxIterations(3).tolerance(1e-12).build());
        assertThat(capped.stopReason()).isEqualTo(StopReason.ITERATION_CAP);
        assertThat(capped.converged()).isFalse();
        assertThat(capped.warnings()).singleElement().isInstanceOfSatisfying(FitWarning.IterationCapReached.class, w -> {
            assertThat(w.iteration()).isEqualTo(3);
            assertThat(w.lastChange()).isEqualTo((capped.logLikelihood() - capped.trace().get(2)) / DATA.size());
            assertThat(w.message()).contains("iteration cap (3)").contains("1.0E-12");
        });
        EmResult<Parameters> exact = Em.fit(new Vectorised(true), DATA, START,
                options().maxIterations(3).tolerance(0).build());
        assertThat(exact.warnings()).isEmpty();
        EmResult<Parameters> squarem = Em.fit(new Vectorised(true), DATA, START,
                options().maxIterations(3).tolerance(1e-14).acceleration(Acceleration.SQUAREM).build());
        assertThat(squarem.stopReason()).isEqualTo(StopReason.ITERATION_CAP);
        assertThat(squarem.warnings()).hasAtLeastOneElementOfType(FitWarning.IterationCapReached.class);
    }

    @Test
    void optionsRefuseNullChoicesAndRoundTrip() {
        assertThatNullPointerException().isThrownBy(() -> EmOptions.builder().acceleration(null).build())
                .withMessage("acceleration");
        assertThatNullPointerException().isThrownBy(() -> EmOptions.builder().convergenceRule(null).build())
                .withMessage("convergenceRule");
        EmOptions options = EmOptions.builder().acceleration(Acceleration.SQUAREM)
                .convergenceRule(ConvergenceRule.RELATIVE).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }
}
