package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private final EmOptions twoThreads = EmOptions.builder().threads(2).build();

    @Test
    void candidatesRunInParallelOnlyWhenOneFitCannotUseTheThreads() {
        assertThat(Selection.workers(1, twoThreads, true, 10)).isEqualTo(2);
        assertThat(Selection.workers(1, twoThreads, true, 1)).isEqualTo(1);
        assertThat(Selection.workers(2, twoThreads, true, 10)).isEqualTo(1); // each fit already uses both
        assertThat(Selection.workers(1, twoThreads, false, 10)).isEqualTo(1); // fits not thread-safe
        assertThat(Selection.workers(1, twoThreads.toBuilder().listener(event -> {}).build(), true, 10))
                .isEqualTo(1); // a listener sees one fit at a time
        assertThat(Selection.workers(1, EmOptions.builder().threads(1).build(), true, 10)).isEqualTo(1);
        assertThat(Selection.perCandidate(twoThreads, 2).threads()).isEqualTo(1);
        assertThat(Selection.perCandidate(twoThreads, 1)).isSameAs(twoThreads);
        assertThatIllegalArgumentException().isThrownBy(() -> Selection.workers(0, twoThreads, true, 3))
                .withMessage("chunks (0) must be >= 1");
    }

    @Test
    void parallelRowsComeBackAndAreReportedInTableOrderOnTheCallersThread() {
        List<Integer> candidates = IntStream.range(0, 40).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> reported = new ArrayList<>();
        Thread caller = Thread.currentThread();
        List<Integer> rows = Selection.fitAll(candidates, c -> {
            threads.add(Thread.currentThread().getName());
            sleep(c % 3); // later candidates often finish first
            return c * c;
        }, 2, row -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            reported.add(row);
        });

        assertThat(rows).isEqualTo(candidates.stream().map(c -> c * c).toList());
        assertThat(reported).isEqualTo(rows);
        assertThat(threads).allMatch(name -> name.equals("emkit-select"));
    }

    @Test
    void aThrowingCandidateStopsTheTableAndCancelsTheOthers() {
        CountDownLatch cancelled = new CountDownLatch(1);
        assertThatThrownBy(() -> Selection.fitAll(List.of(0, 1, 2), c -> {
            if (c == 0) {
                throw new ArithmeticException("candidate 0 broke");
            }
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                cancelled.countDown();
            }
            return c;
        }, 2, row -> {})).isInstanceOf(ArithmeticException.class).hasMessage("candidate 0 broke");
        assertThat(await(cancelled)).isTrue();
    }

    @Test
    void bestIsTheLowestUsableRowAndTheFirstOnTies() {
        List<double[]> rows = List.of(new double[] {3, 1}, new double[] {1, 0}, new double[] {1, 1},
                new double[] {0, 0});
        // {0, 0} is lowest but not usable (second value 0 marks failed)
        assertThat(Selection.best(rows, r -> r[1] == 1, r -> r[0])).containsSame(rows.get(2));
        assertThat(Selection.best(rows, r -> true, r -> r[0] == 0 ? 1 : r[0])).containsSame(rows.get(1));
        assertThat(Selection.best(rows, r -> false, r -> r[0])).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
