package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link LatentModel} must honour, checked on seeded random data. A model's test
 * extends this class and supplies only the model, data and a flattening of its parameters (the S3
 * pattern of EJML's generic tests). Shipped in em-core's test-jar.
 *
 * @param <D> data type
 * @param <P> parameter type
 * @param <S> statistics type
 */
public abstract class LatentModelContract<D extends Chunkable<D>, P, S extends SufficientStatistics<S>> {

    /** Relative round-off allowed in a log-likelihood decrease (issue #2: 1e-9 relative). */
    protected static final double ROUND_OFF = 1e-9;
    /** Relative agreement required between merge orders: a few ulps of accumulated round-off. */
    protected static final double MERGE_ORDER_TOLERANCE = 1e-10;

    /**
     * The model under test.
     *
     * @return a model instance
     */
    protected abstract LatentModel<D, P, S> model();

    /**
     * Random data on which the model can be fitted; large enough that chunks of {@link #chunkSize()}
     * units make at least two chunks.
     *
     * @param seed the seed to draw with
     * @return the data
     */
    protected abstract D data(long seed);

    /**
     * Every number of the parameters, in a fixed order, for comparisons.
     *
     * @param parameters parameters
     * @return a flat array
     */
    protected abstract double[] parameterVector(P parameters);

    /**
     * Options for the contract's fits; override to shorten them.
     *
     * @return options running a fixed number of iterations
     */
    protected EmOptions options() {
        return EmOptions.builder().tolerance(0).maxIterations(25).threads(1).seed(7).chunkSize(chunkSize()).build();
    }

    /**
     * Units per chunk for the contract's fits: small, so that {@link #data} spans several chunks.
     *
     * @return the chunk size (default 16)
     */
    protected int chunkSize() {
        return 16;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void logLikelihoodNeverDecreasesBeyondRoundOff(long seed) {
        if (!model().guaranteesMonotoneLikelihood()) {
            return; // a regularised M-step may legitimately lower the likelihood
        }
        EmResult<P> result = Em.fit(model(), data(seed), options().toBuilder().seed(seed).build());
        double[] trace = result.trace().toArray();
        for (int i = 1; i < trace.length; i++) {
            assertThat(trace[i]).as("trace[%d]", i)
                    .isGreaterThanOrEqualTo(trace[i - 1] - ROUND_OFF * Math.abs(trace[i - 1]));
        }
        assertThat(result.logLikelihood())
                .isGreaterThanOrEqualTo(trace[trace.length - 1] - ROUND_OFF * Math.abs(trace[trace.length - 1]));
        assertThat(result.warnings()).noneMatch(w -> w instanceof FitWarning.LikelihoodDecreased);
    }

    @Test
    void mergeIsOrderIndependent() {
        D data = data(11);
        LatentModel<D, P, S> model = model();
        P params = model.initialize(data, new SplittableRandom(11));
        List<D> chunks = data.chunks(chunkSize());
        assertThat(chunks).as("data(seed) must span several chunks").hasSizeGreaterThan(1);

        S forward = model.expect(params, chunks.get(0));
        for (int c = 1; c < chunks.size(); c++) {
            forward = forward.merge(model.expect(params, chunks.get(c)));
        }
        S backward = model.expect(params, chunks.get(chunks.size() - 1));
        for (int c = chunks.size() - 2; c >= 0; c--) {
            backward = backward.merge(model.expect(params, chunks.get(c)));
        }
        assertThat(backward.weight()).isCloseTo(forward.weight(), within(MERGE_ORDER_TOLERANCE * forward.weight()));
        assertThat(backward.logLikelihood())
                .isCloseTo(forward.logLikelihood(), within(MERGE_ORDER_TOLERANCE * Math.abs(forward.logLikelihood())));

        IterationContext context = new RecordingContext();
        assertClose(parameterVector(model.maximize(backward, params, context)),
                parameterVector(model.maximize(forward, params, context)), MERGE_ORDER_TOLERANCE);
    }

    @Test
    void oneAndTwoThreadsAreBitIdentical() {
        D data = data(21);
        EmResult<P> single = Em.fit(model(), data, options().toBuilder().threads(1).build());
        EmResult<P> parallel = Em.fit(model(), data, options().toBuilder().threads(2).build());
        assertThat(parameterVector(parallel.parameters())).containsExactly(parameterVector(single.parameters()));
        assertThat(parallel.trace().toArray()).containsExactly(single.trace().toArray());
        assertThat(parallel.logLikelihood()).isEqualTo(single.logLikelihood());
    }

    @Test
    void initializationIsReproducibleFromTheSeed() {
        D data = data(31);
        P first = model().initialize(data, new SplittableRandom(5));
        P again = model().initialize(data, new SplittableRandom(5));
        assertThat(parameterVector(again)).containsExactly(parameterVector(first));
    }

    @Test
    void reportedLogLikelihoodIsThatOfTheReturnedParameters() {
        D data = data(41);
        EmResult<P> result = Em.fit(model(), data, options());
        double rescored = Em.expect(model(), result.parameters(), data, options()).logLikelihood();
        assertThat(result.logLikelihood()).isEqualTo(rescored);
        assertThat(java.util.Arrays.stream(parameterVector(result.parameters())).allMatch(Double::isFinite)).as("all parameters finite").isTrue();
    }

    /**
     * Asserts element-wise agreement relative to the largest magnitude of {@code expected}.
     *
     * @param actual values found
     * @param expected values wanted
     * @param relativeTolerance tolerance as a fraction of {@code max|expected|}
     */
    protected static void assertClose(double[] actual, double[] expected, double relativeTolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relativeTolerance * scale + 1e-300));
        }
    }
}
