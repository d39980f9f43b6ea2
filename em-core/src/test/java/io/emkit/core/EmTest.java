package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.emkit.core.PoissonMixture.Parameters;
import io.emkit.core.PoissonMixture.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EmTest {

    private static final PoissonMixture MODEL = new PoissonMixture(2);
    private static final Dataset DATA = PoissonMixture.sample(300, 99);
    private static final Parameters START = Parameters.of(new double[] {0.5, 0.5}, new double[] {1.0, 4.0});

    private static EmOptions.Builder options() {
        return EmOptions.builder().threads(1).seed(3).chunkSize(PoissonMixture.ROWS_PER_CHUNK);
    }

    @Property(tries = 40)
    void logLikelihoodNeverDecreasesOnRandomData(@ForAll long seed, @ForAll @IntRange(min = 2, max = 3) int k,
            @ForAll @IntRange(min = 5, max = 120) int n) {
        Dataset data = PoissonMixture.sample(n, seed);
        EmResult<Parameters> result = Em.fit(new PoissonMixture(k), data,
                options().tolerance(0).maxIterations(30).seed(seed).build());
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).isGreaterThanOrEqualTo(trace[i - 1] - 1e-9 * Math.abs(trace[i - 1]));
        }
        assertThat(result.warnings()).noneMatch(w -> w instanceof FitWarning.LikelihoodDecreased);
    }

    @Test
    void toleranceZeroRunsExactlyTheCap() {
        EmResult<Parameters> result = Em.fit(MODEL, DATA, START, options().tolerance(0).maxIterations(17).build());
        assertThat(result.iterations()).isEqualTo(17);
        assertThat(result.trace().length()).isEqualTo(17);
        assertThat(result.converged()).isFalse();
        assertThat(result.stopReason()).isEqualTo(StopReason.ITERATION_CAP);
    }

    @Test
    void traceStartsAtTheInitialParametersAndEndsBeforeTheReturnedOnes() {
        EmResult<Parameters> result = Em.fit(MODEL, DATA, START, options().tolerance(0).maxIterations(5).build());
        assertThat(result.trace().get(0)).isEqualTo(Em.expect(MODEL, START, DATA, options().build()).logLikelihood());
        assertThat(result.logLikelihood()).isEqualTo(Em.expect(MODEL, result.parameters(), DATA, options().build()).logLikelihood());
        EmResult<Parameters> fourSteps = Em.fit(MODEL, DATA, START, options().tolerance(0).maxIterations(4).build());
        assertThat(result.trace().get(4)).isEqualTo(fourSteps.logLikelihood());
    }

    @Test
    void stopsWhenTheMeanLogLikelihoodChangeFallsBelowTheTolerance() {
        double tolerance = 1e-6;
        List<IterationEvent> events = new ArrayList<>();
        EmResult<Parameters> result = Em.fit(MODEL, DATA, START,
                options().tolerance(tolerance).maxIterations(1000).listener(events::add).build());
        assertThat(result.converged()).isTrue();
        assertThat(result.stopReason()).isEqualTo(StopReason.TOLERANCE_REACHED);
        assertThat(result.iterations()).isLessThan(1000);
        IterationEvent last = events.get(events.size() - 1);
        assertThat(Math.abs(last.change())).isLessThan(tolerance);
        for (IterationEvent event : events.subList(0, events.size() - 1)) {
            assertThat(Math.abs(event.change())).isGreaterThanOrEqualTo(tolerance);
        }
        // The change is per sample: the total moved by less than tolerance * n.
        assertThat(result.logLikelihood() - result.trace().get(result.iterations() - 1))
                .isLessThan(tolerance * DATA.size());
    }

    @Test
    void listenersSeeEveryIterationInOrder() {
        List<IterationEvent> events = new ArrayList<>();
        EmResult<Parameters> result = Em.fit(MODEL, DATA, START,
                options().tolerance(0).maxIterations(9).listener(events::add).build());
        assertThat(events).hasSize(9);
        for (int i = 0; i < events.size(); i++) {
            IterationEvent event = events.get(i);
            assertThat(event.iteration()).isEqualTo(i + 1);
            assertThat(event.restart()).isZero();
            double before = result.trace().get(i);
            double after = i + 1 < 9 ? result.trace().get(i + 1) : result.logLikelihood();
            assertThat(event.logLikelihood()).isEqualTo(after);
            assertThat(event.change()).isEqualTo((after - before) / DATA.size());
            assertThat(event.elapsed().isNegative()).isFalse();
        }
    }

    @Test
    void restartsKeepTheBestRunAndEachRunIsReproducible() {
        EmOptions restarts = options().tolerance(0).maxIterations(3).restarts(6).seed(2024).build();
        List<IterationEvent> events = new ArrayList<>();
        EmResult<Parameters> best = Em.fit(MODEL, DATA, restarts.toBuilder().listener(events::add).build());

        double[] finals = best.restartLogLikelihoods().toArray();
        assertThat(finals).hasSize(6);
        double max = java.util.Arrays.stream(finals).max().orElseThrow();
        assertThat(best.logLikelihood()).isEqualTo(max);
        assertThat(finals[best.bestRestart()]).isEqualTo(max);
        assertThat(events).extracting(IterationEvent::restart).containsOnly(0, 1, 2, 3, 4, 5);

        // Run r starts from the r-th split of the root stream: replay each one as a warm start.
        SplittableRandom root = new SplittableRandom(2024);
        for (int r = 0; r < 6; r++) {
            Parameters start = MODEL.initialize(DATA, root.split());
            EmResult<Parameters> single = Em.fit(MODEL, DATA, start, restarts);
            assertThat(single.logLikelihood()).as("run %d", r).isEqualTo(finals[r]);
        }
        // Distinct seeds give distinct runs here, so choosing the best is meaningful.
        assertThat(java.util.Arrays.stream(finals).distinct().count()).isGreaterThan(1);
    }

    @Test
    void oneAndTwoThreadsGiveBitIdenticalResults() {
        EmOptions base = options().tolerance(0).maxIterations(12).restarts(2).build();
        EmResult<Parameters> one = Em.fit(MODEL, DATA, base);
        EmResult<Parameters> two = Em.fit(MODEL, DATA, base.toBuilder().threads(2).build());
        assertThat(two.parameters()).isEqualTo(one.parameters());
        assertThat(two.trace()).isEqualTo(one.trace());
        assertThat(two.logLikelihood()).isEqualTo(one.logLikelihood());
    }

    @Test
    void aBrokenMStepTriggersTheDecreaseWarning() {
        LatentModel<Dataset, Parameters, Statistics> broken = new DelegatingModel(MODEL) {
            @Override
            public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
                Parameters good = MODEL.maximize(total, previous, context);
                if (context.iteration() == 3) { // push both rates away from the data
                    return Parameters.of(good.weights().toArray(), new double[] {0.2, 40.0});
                }
                return good;
            }
        };
        EmResult<Parameters> result = Em.fit(broken, DATA, START, options().tolerance(0).maxIterations(6).build());
        assertThat(result.warnings()).hasSize(1);
        FitWarning warning = result.warnings().get(0);
        assertThat(warning).isInstanceOf(FitWarning.LikelihoodDecreased.class);
        assertThat(warning.iteration()).isEqualTo(3);
        assertThat(warning.message()).contains("iteration 3").contains("decreased");
        assertThat(result.iterations()).isEqualTo(6);

        EmResult<Parameters> stopped = Em.fit(broken, DATA, START,
                options().tolerance(0).maxIterations(6).stopOnDecrease(true).build());
        assertThat(stopped.stopReason()).isEqualTo(StopReason.LIKELIHOOD_DECREASED);
        assertThat(stopped.iterations()).isEqualTo(2);
        assertThat(stopped.logLikelihood()).isEqualTo(result.trace().get(2));
    }

    @Test
    void aModelThatDoesNotPromiseMonotonicityIsNotWarned() {
        LatentModel<Dataset, Parameters, Statistics> regularised = new DelegatingModel(MODEL) {
            @Override
            public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
                Parameters good = MODEL.maximize(total, previous, context);
                return context.iteration() == 3 ? Parameters.of(good.weights().toArray(), new double[] {0.2, 40.0}) : good;
            }

            @Override
            public boolean guaranteesMonotoneLikelihood() {
                return false;
            }
        };
        EmResult<Parameters> result = Em.fit(regularised, DATA, START, options().tolerance(0).maxIterations(6).build());
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void warningsReportedByTheMStepReachTheResult() {
        LatentModel<Dataset, Parameters, Statistics> chatty = new DelegatingModel(MODEL) {
            @Override
            public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
                context.warn(new FitWarning.ComponentReseeded(context.iteration(), 1, "test"));
                return MODEL.maximize(total, previous, context);
            }
        };
        EmResult<Parameters> result = Em.fit(chatty, DATA, START, options().tolerance(0).maxIterations(2).build());
        assertThat(result.warnings()).extracting(FitWarning::iteration).containsExactly(1, 2);
    }

    @Test
    void aNaNLogLikelihoodIsAModelBugReportedClearly() {
        LatentModel<Dataset, Parameters, Statistics> nan = new DelegatingModel(MODEL) {
            @Override
            public Statistics expect(Parameters params, Dataset chunk) {
                Statistics stats = MODEL.expect(params, chunk);
                stats.logLikelihood = Double.NaN;
                return stats;
            }
        };
        assertThatIllegalStateException().isThrownBy(() -> Em.fit(nan, DATA, START, options().build()))
                .withMessageContaining("NaN log-likelihood");
    }

    @Test
    void exceptionsInParallelEStepsPropagateUnwrapped() {
        LatentModel<Dataset, Parameters, Statistics> failing = new DelegatingModel(MODEL) {
            @Override
            public Statistics expect(Parameters params, Dataset chunk) {
                throw new IllegalArgumentException("chunk failed");
            }
        };
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Em.fit(failing, DATA, START, options().threads(2).build()))
                .withMessage("chunk failed");
    }

    @Test
    void badOptionsFailWithMessagesNamingTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmOptions.builder().tolerance(-1e-3).build())
                .withMessageContaining("tolerance (-0.001)");
        assertThatIllegalArgumentException().isThrownBy(() -> EmOptions.builder().tolerance(Double.NaN).build())
                .withMessageContaining("tolerance (NaN)");
        assertThatIllegalArgumentException().isThrownBy(() -> EmOptions.builder().maxIterations(0).build())
                .withMessageContaining("maxIterations (0) must be >= 1");
        assertThatIllegalArgumentException().isThrownBy(() -> EmOptions.builder().threads(0).build())
                .withMessageContaining("threads (0) must be >= 1");
        assertThatIllegalArgumentException().isThrownBy(() -> EmOptions.builder().restarts(0).build())
                .withMessageContaining("restarts (0) must be >= 1");
        assertThatIllegalArgumentException().isThrownBy(() -> Em.expect(MODEL, START, DATA, 0))
                .withMessageContaining("threads (0)");
    }

    @Test
    void optionsHaveDocumentedDefaultsAndRoundTripThroughTheBuilder() {
        EmOptions defaults = EmOptions.defaults();
        assertThat(defaults.tolerance()).isEqualTo(EmOptions.DEFAULT_TOLERANCE);
        assertThat(defaults.maxIterations()).isEqualTo(EmOptions.DEFAULT_MAX_ITERATIONS);
        assertThat(defaults.restarts()).isEqualTo(1);
        assertThat(defaults.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
    }

    @Test
    void sampleWeightsActLikeRepeatedRows() {
        double[][] rows = {{0}, {1}, {3}, {8}, {9}, {12}};
        double[][] repeated = {{0}, {1}, {1}, {3}, {8}, {9}, {9}, {9}, {12}};
        Dataset weighted = Dataset.of(rows, new double[] {1, 2, 1, 1, 3, 1});
        EmOptions fixed = options().tolerance(0).maxIterations(20).build();
        EmResult<Parameters> a = Em.fit(MODEL, weighted, START, fixed);
        EmResult<Parameters> b = Em.fit(MODEL, Dataset.of(repeated), START, fixed);
        LatentModelContract.assertClose(a.parameters().vector(), b.parameters().vector(), 1e-12);
        assertThat(a.logLikelihood()).isCloseTo(b.logLikelihood(), org.assertj.core.api.Assertions.within(1e-10));
    }

    /** Forwards everything to a delegate; tests override one method to break or observe it. */
    private static class DelegatingModel implements LatentModel<Dataset, Parameters, Statistics> {
        private final LatentModel<Dataset, Parameters, Statistics> delegate;

        DelegatingModel(LatentModel<Dataset, Parameters, Statistics> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Statistics expect(Parameters params, Dataset chunk) {
            return delegate.expect(params, chunk);
        }

        @Override
        public Parameters maximize(Statistics total, Parameters previous, IterationContext context) {
            return delegate.maximize(total, previous, context);
        }

        @Override
        public Parameters initialize(Dataset data, RandomGenerator random) {
            return delegate.initialize(data, random);
        }
    }
}
