package io.emkit.examples.cli;

import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.Sequences;
import io.emkit.io.AtomicFiles;
import io.emkit.io.IOConsumer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The CSV of {@code em gmm sample} and {@code em hmm sample}, written as it is drawn: rows leave in
 * blocks of about 64 KiB of text, so memory does not grow with {@code --n} or {@code --length}. With
 * {@code --out} the rows go to a temporary file beside the target, renamed over it at the end (an
 * existing file stays intact on failure); otherwise to stdout, and a stdout that stops taking output
 * (a closed pipe) ends the command with an error instead of drawing on unseen.
 */
final class SampleOutput {

    private static final int FLUSH_CHARS = 1 << 16;

    private SampleOutput() {}

    /** Writes {@code content} to {@code out} atomically, or to the command's stdout when it is null. */
    static void write(CliCommand command, Path out, IOConsumer<Writer> content) {
        try {
            if (out != null) {
                AtomicFiles.write(out, stream -> {
                    Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                    content.accept(writer);
                    writer.flush();
                });
            } else {
                Writer writer = new CheckedWriter(command.out());
                content.accept(writer);
                writer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code x1,...,xd,label}, then one drawn point per line.
     *
     * @param n points, {@code >= 1}
     */
    static void gmm(CliCommand command, GaussianMixture mixture, long n, long seed, Path out) {
        int d = mixture.dimension();
        write(command, out, writer -> {
            StringBuilder text = new StringBuilder(FLUSH_CHARS + 1024);
            for (int a = 1; a <= d; a++) {
                text.append('x').append(a).append(',');
            }
            text.append("label\n");
            mixture.sample(n, new SplittableRandom(seed), (points, labels, count) -> {
                for (int i = 0; i < count; i++) {
                    for (int a = 0; a < d; a++) {
                        text.append(points[i * d + a]).append(',');
                    }
                    text.append(labels[i]).append('\n');
                    if (text.length() > FLUSH_CHARS) {
                        emit(writer, text);
                    }
                }
            });
            writer.write(text.toString());
        });
    }

    /**
     * {@code sequence,step,state,symbol} (or {@code x1..xd}), then one step per line.
     *
     * @param names the model's string symbols, or null to write integer symbols
     */
    static void hmm(CliCommand command, FittedHmm fitted, boolean categorical, int d, List<String> names,
            long length, long count, long seed, Path out) {
        write(command, out, writer -> {
            StringBuilder text = new StringBuilder(FLUSH_CHARS + 1024);
            text.append("sequence,step,state");
            if (categorical) {
                text.append(",symbol");
            } else {
                for (int a = 1; a <= d; a++) {
                    text.append(",x").append(a);
                }
            }
            text.append('\n');
            RandomGenerator random = new SplittableRandom(seed);
            for (long r = 0; r < count; r++) {
                long sequence = r;
                long[] step = {0};
                fitted.sample(length, random, block -> {
                    int[] states = block.states().toArray();
                    Sequences observations = block.observations();
                    int[] symbols = categorical ? observations.symbols(0) : null;
                    double[] values = categorical ? null : observations.values(0);
                    for (int t = 0; t < states.length; t++) {
                        text.append(sequence).append(',').append(step[0]++).append(',').append(states[t]);
                        if (categorical) {
                            text.append(',').append(names != null ? names.get(symbols[t]) : Integer.toString(symbols[t]));
                        } else {
                            for (int a = 0; a < d; a++) {
                                text.append(',').append(values[t * d + a]);
                            }
                        }
                        text.append('\n');
                        if (text.length() > FLUSH_CHARS) {
                            emit(writer, text);
                        }
                    }
                });
            }
            writer.write(text.toString());
        });
    }

    private static void emit(Writer writer, StringBuilder text) {
        try {
            writer.write(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text.setLength(0);
    }

    /** Checks after every write that stdout still takes output ({@link PrintWriter} swallows errors). */
    private static final class CheckedWriter extends Writer {
        private final PrintWriter out;

        CheckedWriter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            check();
        }

        @Override
        public void write(String text) throws IOException {
            out.write(text);
            check();
        }

        private void check() throws IOException {
            // the command's writer flushes into System.out when run from main, and System.out (a PrintStream)
            // keeps a failed write (a closed pipe) to itself, so ask it too
            if (out.checkError() || System.out.checkError()) {
                throw new IOException("cannot write the sample to stdout (closed?); give --out FILE");
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
            check();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
