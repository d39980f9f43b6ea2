package io.emkit.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a running fit through {@link Em#fitAsync}: one long sequence (one chunk) on one thread
 * stops within one E-step, and no fit or E-step thread outlives it.
 */
class CancellationTest {

    private static final long TIMEOUT_SECONDS = 60; // a generous bound on a loaded machine, not a timing

    private static boolean emkitThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("emkit-"));
    }

    private static void awaitNoEmkitThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (emkitThreadsAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(emkitThreadsAlive()).as("emkit threads still alive").isFalse();
    }

    private static Sequences longSequence(int steps) {
        return TestModels.sample(TestModels.gaussian3(), 1, steps, steps, 11).data();
    }

    private static void cancelAfterTwoIterations(Sequences data, int threads) throws Exception {
        CountDownLatch two = new CountDownLatch(2);
        AtomicInteger afterCancel = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(100_000).threads(threads)
                .listener(event -> {
                    if (cancelled.get() == 1) {
                        afterCancel.incrementAndGet();
                    }
                    two.countDown();
                }).build();
        BaumWelch model = BaumWelch.builder().states(3).emission(EmissionFamily.gaussian(io.emkit.gmm.CovarianceType.FULL)).build();
        Future<EmResult<HmmParameters>> fit = Em.fitAsync(model, data, options);
        assertThat(two.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        cancelled.set(1);
        assertThat(fit.cancel(true)).isTrue();
        assertThatThrownBy(fit::get).isInstanceOf(CancellationException.class);
        awaitNoEmkitThreads();
        // the E-step under way when the interrupt came may finish its iteration; the next one never starts
        assertThat(afterCancel.get()).isLessThanOrEqualTo(1);
    }

    @Test
    void oneLongSequenceOnOneThreadStopsWithinOneEStep() throws Exception {
        Sequences data = longSequence(100_000);
        assertThat(data.size()).isEqualTo(1);
        cancelAfterTwoIterations(data, 1);
    }

    @Test
    void manyChunksOnTwoThreadsStopAndLeaveNoThreads() throws Exception {
        Sequences data = TestModels.sample(TestModels.gaussian3(), 64, 2_000, 2_000, 12).data();
        cancelAfterTwoIterations(data, 2);
    }

    @Test
    void anAsyncFitReturnsTheSameResultAsFitAndReportsBadInputAsTheCause() throws Exception {
        Sequences data = TestModels.sample(TestModels.gaussian3(), 4, 50, 80, 13).data();
        BaumWelch model = BaumWelch.builder().states(3).emission(EmissionFamily.gaussian(io.emkit.gmm.CovarianceType.FULL)).build();
        EmOptions options = EmOptions.builder().maxIterations(20).threads(2).build();
        EmResult<HmmParameters> async = Em.fitAsync(model, data, options).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        EmResult<HmmParameters> sync = Em.fit(model, data, options);
        assertThat(async.logLikelihood()).isEqualTo(sync.logLikelihood());
        assertThat(ParameterVectors.of(async.parameters())).containsExactly(ParameterVectors.of(sync.parameters()));
        BaumWelch tooMany = BaumWelch.builder().states(3).emission(EmissionFamily.categorical(2)).build();
        Future<EmResult<HmmParameters>> bad = Em.fitAsync(tooMany, data, options);
        assertThatThrownBy(() -> bad.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class);
        awaitNoEmkitThreads();
        assertThat(List.of(async.iterations())).isNotEmpty();
    }
}
