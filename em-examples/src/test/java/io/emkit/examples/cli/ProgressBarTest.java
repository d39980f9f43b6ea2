package io.emkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.IterationEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsIterationLikelihoodAndChangeInPlaceThenEndsTheLine() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), 8, 1);
        bar.onIteration(new IterationEvent(0, 2, -1234.5678, 0.01, Duration.ZERO));
        assertThat(text.toString())
                .isEqualTo("\r[######..................] iteration 2/8  log-likelihood -1234.57  change 0.0100   ");
        bar.finish();
        assertThat(text.toString()).endsWith("\n");
        bar.finish(); // nothing pending: prints nothing more
        assertThat(text.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void namesTheRunWhenThereAreRestarts() {
        ProgressBar bar = new ProgressBar(new PrintWriter(new StringWriter()), 10, 3);
        assertThat(bar.line(new IterationEvent(1, 10, -1, 0, Duration.ZERO)))
                .startsWith("run 2/3 [########################] iteration 10/10");
    }
}
