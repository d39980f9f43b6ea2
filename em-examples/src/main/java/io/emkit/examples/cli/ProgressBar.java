package io.emkit.examples.cli;

import io.emkit.core.IterationEvent;
import io.emkit.core.IterationListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * A one-line progress bar for long fits on a terminal: restart, iteration out of the cap, total
 * log-likelihood and the change of the mean per-sample log-likelihood, redrawn in place with a
 * carriage return. {@link #finish()} ends the line.
 *
 * <p>Redraws at most every {@value #MIN_REDRAW_MILLIS} ms (and always on the first iteration), so
 * it costs nothing measurable. Not thread-safe; {@link io.emkit.core.Em} calls listeners on one
 * thread.
 */
final class ProgressBar implements IterationListener {

    static final long MIN_REDRAW_MILLIS = 100;
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final int maxIterations;
    private final int restarts;
    private long lastDraw = Long.MIN_VALUE;
    private boolean drawn;
    private String pending;

    ProgressBar(PrintWriter out, int maxIterations, int restarts) {
        this.out = Objects.requireNonNull(out, "out");
        this.maxIterations = maxIterations;
        this.restarts = restarts;
    }

    @Override
    public void onIteration(IterationEvent event) {
        pending = line(event);
        long now = System.nanoTime() / 1_000_000;
        if (!drawn || now - lastDraw >= MIN_REDRAW_MILLIS || event.iteration() == maxIterations) {
            draw();
            lastDraw = now;
        }
    }

    /** Draws the last state and ends the line, if anything was drawn. */
    void finish() {
        if (pending != null) {
            draw();
            out.print('\n');
            out.flush();
            pending = null;
            drawn = false;
        }
    }

    private void draw() {
        out.print('\r');
        out.print(pending);
        out.flush();
        drawn = true;
    }

    String line(IterationEvent event) {
        int filled = (int) Math.min(WIDTH, (long) WIDTH * event.iteration() / Math.max(1, maxIterations));
        StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '.');
        }
        bar.append(']');
        String run = restarts > 1 ? String.format(Locale.ROOT, "run %d/%d ", event.restart() + 1, restarts) : "";
        return String.format(Locale.ROOT, "%s%s iteration %d/%d  log-likelihood %.6g  change %.3g   ",
                run, bar, event.iteration(), maxIterations, event.logLikelihood(), event.change());
    }
}
