package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.IterationEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pass progress bar: bytes, rate, time left, the last iteration, a summary at the end. */
class PassProgressTest {

    @Test
    void aLineShowsBytesRateAndTimeLeft() {
        PassProgress bar = new PassProgress(new PrintWriter(new StringWriter()));
        bar.onIteration(new IterationEvent(0, 3, -1234.5, 1e-4, Duration.ofSeconds(1)));
        String line = bar.line(2, 50L << 20, 200L << 20, 1_000_000, 2.0);
        assertThat(line).startsWith("pass 2 [#####...............] 50.0 MiB / 200.0 MiB  25.0 MiB/s  ETA 6 s"
                + "  1,000,000 rows  | iteration 3 lnL -1234.5");
        assertThat(bar.line(0, 10, 10, 1, 0)).startsWith("scan   [####################] 10 B / 10 B  0 B/s  ETA 0 s");
    }

    @Test
    void finishEndsTheLineWithASummaryOnlyWhenSomethingWasDrawn() {
        StringWriter text = new StringWriter();
        PassProgress bar = new PassProgress(new PrintWriter(text));
        bar.finish();
        assertThat(text.toString()).isEmpty();
        bar.onChunk(0, 1024, 2048, 10);
        bar.onChunk(0, 2048, 2048, 20);
        bar.onChunk(1, 2048, 2048, 20);
        bar.finish();
        assertThat(text.toString()).startsWith("\rscan   [").contains("\rpass 1 [####################] 2.0 KiB")
                .containsPattern("\nstreamed: scan \\+ 1 passes, 4.0 KiB read in [0-9.]+ s \\([0-9.]+ [A-Za-z]+/s\\)\n$");
    }
}
