package io.emkit.examples.cli;

import io.emkit.core.IterationEvent;
import io.emkit.core.IterationListener;
import io.emkit.io.StreamingExecutor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * The progress bar of passes over a file ({@code --stream}): pass number, bytes read out of the
 * source's size, read rate, time left in the pass, and the last iteration's log-likelihood, redrawn
 * in place at most every {@value #MIN_REDRAW_MILLIS} ms; {@link #finish()} ends the line and prints
 * a summary (passes, bytes, rate, wall time). Shown only on a terminal or with {@code --progress}.
 * Not thread-safe: the executor calls it from the reading thread, the driver from the same thread.
 */
final class PassProgress implements StreamingExecutor.Progress, IterationListener {

    static final long MIN_REDRAW_MILLIS = 100;
    private static final int WIDTH = 20;

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long passStart = System.nanoTime();
    private int pass = -1;
    private long lastDraw = Long.MIN_VALUE / 2; // far in the past, without overflow
    private long bytesAllPasses;
    private long bytesThisPass;
    private String iteration = "";
    private boolean drawn;

    PassProgress(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onChunk(int pass, long bytesRead, long bytesTotal, long rowsRead) {
        long now = System.nanoTime();
        if (pass != this.pass) {
            bytesAllPasses += bytesThisPass;
            this.pass = pass;
            passStart = now;
        }
        bytesThisPass = bytesRead;
        if (now / 1_000_000 - lastDraw < MIN_REDRAW_MILLIS && bytesRead < bytesTotal) {
            return;
        }
        lastDraw = now / 1_000_000;
        out.print('\r');
        out.print(line(pass, bytesRead, bytesTotal, rowsRead, (now - passStart) / 1e9));
        out.flush();
        drawn = true;
    }

    String line(int pass, long bytesRead, long bytesTotal, long rowsRead, double seconds) {
        int filled = bytesTotal <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * bytesRead / bytesTotal);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '#' : '.');
        }
        bar.append(']');
        double rate = seconds > 0 ? bytesRead / seconds : 0;
        double eta = rate > 0 ? (bytesTotal - bytesRead) / rate : 0;
        return String.format(Locale.ROOT, "%s %s %s / %s  %s/s  ETA %.0f s  %,d rows%s   ",
                pass == 0 ? "scan  " : String.format(Locale.ROOT, "pass %d", pass), bar, size(bytesRead),
                size(bytesTotal), size((long) rate), eta, rowsRead, iteration);
    }

    @Override
    public void onIteration(IterationEvent event) {
        iteration = String.format(Locale.ROOT, "  | iteration %d lnL %.6g", event.iteration(), event.logLikelihood());
    }

    /** Ends the bar's line and prints the summary, if anything was drawn. */
    void finish() {
        if (!drawn) {
            return;
        }
        bytesAllPasses += bytesThisPass;
        bytesThisPass = 0;
        double seconds = (System.nanoTime() - start) / 1e9;
        out.print('\n');
        out.println(String.format(Locale.ROOT, "streamed: scan + %d passes, %s read in %.1f s (%s/s)", pass,
                size(bytesAllPasses), seconds, size((long) (bytesAllPasses / Math.max(seconds, 1e-9)))));
        out.flush();
        drawn = false;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
