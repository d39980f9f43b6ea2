package io.emkit.examples.bench;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IterationEvent;
import io.emkit.core.OnlineEm;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.io.CsvOptions;
import io.emkit.io.NumericTable;
import io.emkit.io.StreamingExecutor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Data bigger than memory, measured (a plain {@code main}): generates a Gaussian-mixture CSV of any
 * size, then times streamed and in-memory fits (seconds per pass, peak heap) and online against batch
 * EM (time to reach a log-likelihood).
 *
 * <p>Usage, with {@code java -XX:ActiveProcessorCount=2 -Xmx... -cp em.jar
 * io.emkit.examples.bench.StreamBench MODE ...}:
 * <ul>
 *   <li>{@code generate FILE N [d=10] [k=8] [spread=4] [seed=1]}: N rows of k full-covariance Gaussians
 *       in d dimensions (centres uniform in [-spread, spread]^d, so the clusters overlap), in random
 *       order, six decimals, header {@code x1..xd}.
 *   <li>{@code stream FILE k ITERATIONS [threads=2] [cache=yes|no]}: a streamed fit with tolerance 0 from
 *       a fixed start (the generator's centres, identity covariances): open (scan, sample, cache) time,
 *       seconds per pass, peak heap, cache size.
 *   <li>{@code memory FILE k ITERATIONS [threads=2]}: the same fit after reading the whole file.
 *   <li>{@code online FILE k [batch=10000] [passes=1] [threads=2] [tol=1e-7]}: in memory, batch EM to
 *       tolerance {@code tol} and online EM from the same start: times, final mean log-likelihoods, and
 *       the time batch EM needed to come within 1e-3 per sample of its own optimum.
 * </ul>
 * Peak heap is the sum of the heap pools' peak usage (JMX) after a GC and a reset at the start.
 */
public final class StreamBench {

    private StreamBench() {}

    /**
     * Runs one mode.
     *
     * @param args see the class notes
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: StreamBench generate|stream|memory|online FILE ...");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "generate" -> generate(file, (long) Double.parseDouble(args[2]), intArg(args, 3, 10),
                    intArg(args, 4, 8), args.length > 5 ? Double.parseDouble(args[5]) : 4, intArg(args, 6, 1));
            case "stream" -> stream(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]), intArg(args, 4, 2),
                    args.length <= 5 || !args[5].equals("no"));
            case "memory" -> memory(file, Integer.parseInt(args[2]), Integer.parseInt(args[3]), intArg(args, 4, 2));
            case "online" -> online(file, Integer.parseInt(args[2]), intArg(args, 3, 10_000), intArg(args, 4, 1),
                    intArg(args, 5, 2), args.length > 6 ? Double.parseDouble(args[6]) : 1e-7);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    private static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? (int) Double.parseDouble(args[index]) : fallback;
    }

    // ---- data ------------------------------------------------------------------------------

    /** The generator's parameters from its seed: centres and lower-triangular scale factors. */
    private record Truth(double[][] centres, double[][][] factors) {
        static Truth of(int d, int k, double spread, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] centres = new double[k][d];
            double[][][] factors = new double[k][d][d];
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    centres[j][a] = random.nextDouble(-spread, spread);
                    factors[j][a][a] = 0.6 + random.nextDouble();
                    for (int b = 0; b < a; b++) {
                        factors[j][a][b] = random.nextDouble(-0.3, 0.3);
                    }
                }
            }
            return new Truth(centres, factors);
        }

        /** Fixed start: the centres moved by 0.5 in every coordinate, identity covariances. */
        GaussianMixture start() {
            int k = centres.length;
            int d = centres[0].length;
            double[] weights = new double[k];
            double[][] means = new double[k][d];
            double[][][] covariances = new double[k][d][d];
            for (int j = 0; j < k; j++) {
                weights[j] = 1.0 / k;
                for (int a = 0; a < d; a++) {
                    means[j][a] = centres[j][a] + ((j + a) % 2 == 0 ? 0.5 : -0.5);
                    covariances[j][a][a] = 1;
                }
            }
            return GaussianMixture.full(weights, means, covariances);
        }
    }

    private static void generate(Path file, long n, int d, int k, double spread, long seed) throws IOException {
        Truth truth = Truth.of(d, k, spread, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        long begin = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            StringBuilder line = new StringBuilder(d * 12);
            for (int a = 1; a <= d; a++) {
                line.append(a > 1 ? "," : "").append('x').append(a);
            }
            out.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] bytes = new byte[d * 24 + 1];
            double[] z = new double[d];
            for (long i = 0; i < n; i++) {
                int j = random.nextInt(k);
                for (int a = 0; a < d; a++) {
                    z[a] = random.nextGaussian();
                }
                int at = 0;
                for (int a = 0; a < d; a++) {
                    double x = truth.centres[j][a];
                    for (int b = 0; b <= a; b++) {
                        x += truth.factors[j][a][b] * z[b];
                    }
                    if (a > 0) {
                        bytes[at++] = ',';
                    }
                    at = decimal(x, bytes, at);
                }
                bytes[at++] = '\n';
                out.write(bytes, 0, at);
            }
        }
        System.out.printf(Locale.ROOT, "generated %s: %d rows x %d, k = %d, %.1f MiB in %.1f s%n", file, n, d, k,
                Files.size(file) / 1048576.0, (System.nanoTime() - begin) / 1e9);
    }

    /** Writes x with six decimals (plain ASCII), returns the new end. */
    private static int decimal(double x, byte[] out, int at) {
        long micro = Math.round(x * 1e6);
        if (micro < 0) {
            out[at++] = '-';
            micro = -micro;
        }
        long whole = micro / 1_000_000;
        long fraction = micro % 1_000_000;
        String w = Long.toString(whole);
        for (int c = 0; c < w.length(); c++) {
            out[at++] = (byte) w.charAt(c);
        }
        out[at++] = '.';
        for (long p = 100_000; p >= 1; p /= 10) {
            out[at++] = (byte) ('0' + (fraction / p) % 10);
        }
        return at;
    }

    /** The generator's truth for a file: d from the header, k given, the defaults of generate. */
    private static Truth truthFor(Path file, int k) throws IOException {
        String header;
        try (var reader = Files.newBufferedReader(file)) {
            header = reader.readLine();
        }
        int d = header.split(",").length;
        return Truth.of(d, k, 4, 1);
    }

    // ---- measurements ----------------------------------------------------------------------

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1048576.0;
    }

    private static GaussianMixtureModel model(int k) {
        return GaussianMixtureModel.builder().components(k).covarianceType(CovarianceType.FULL).build();
    }

    private static void stream(Path file, int k, int iterations, int threads, boolean cache) throws IOException {
        GaussianMixture start = truthFor(file, k).start();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();
        resetPeaks();
        long begin = System.nanoTime();
        try (StreamingExecutor executor = StreamingExecutor.builder(file).options(options).cache(cache).open()) {
            double open = (System.nanoTime() - begin) / 1e9;
            long fitBegin = System.nanoTime();
            EmResult<GaussianMixture> result = Em.fit(model(k), executor, start, options);
            double fit = (System.nanoTime() - fitBegin) / 1e9;
            double total = (System.nanoTime() - begin) / 1e9;
            System.out.printf(Locale.ROOT, "stream  n=%d d=%d k=%d threads=%d cache=%s: open (scan%s) %.2f s,"
                    + " %d passes %.3f s/pass, total %.2f s, peak heap %.1f MiB (-Xmx %.0f MiB), cache %.1f MiB,"
                    + " lnL %.12e%n", executor.rows(), executor.dimension(), k, threads, cache ? "yes" : "no",
                    executor.cacheReused() ? " from the cache" : cache ? " + cache write" : "", open,
                    executor.passes(), fit / executor.passes(), total, peakHeapMiB(),
                    Runtime.getRuntime().maxMemory() / 1048576.0,
                    executor.cacheFile() == null ? 0.0 : Files.size(executor.cacheFile()) / 1048576.0,
                    result.logLikelihood());
        }
    }

    private static void memory(Path file, int k, int iterations, int threads) throws IOException {
        GaussianMixture start = truthFor(file, k).start();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();
        resetPeaks();
        long begin = System.nanoTime();
        Dataset data = NumericTable.read(file, CsvOptions.defaults()).toDataset();
        double read = (System.nanoTime() - begin) / 1e9;
        long fitBegin = System.nanoTime();
        EmResult<GaussianMixture> result = Em.fit(model(k), data, start, options);
        double fit = (System.nanoTime() - fitBegin) / 1e9;
        System.out.printf(Locale.ROOT, "memory  n=%d d=%d k=%d threads=%d: read %.2f s, %d passes %.3f s/pass,"
                + " total %.2f s, peak heap %.1f MiB (-Xmx %.0f MiB), lnL %.12e%n", data.size(), data.dimension(), k,
                threads, read, iterations + 1, fit / (iterations + 1), (System.nanoTime() - begin) / 1e9,
                peakHeapMiB(), Runtime.getRuntime().maxMemory() / 1048576.0, result.logLikelihood());
    }

    private static void online(Path file, int k, int batch, int passes, int threads, double tolerance)
            throws IOException {
        GaussianMixture start = truthFor(file, k).start();
        Dataset data = NumericTable.read(file, CsvOptions.defaults()).toDataset();
        int n = data.size();
        List<IterationEvent> events = new ArrayList<>();
        EmOptions batchOptions = EmOptions.builder().tolerance(tolerance).maxIterations(5000).threads(threads)
                .listener(events::add).build();
        long begin = System.nanoTime();
        EmResult<GaussianMixture> exact = Em.fit(model(k), data, start, batchOptions);
        double batchSeconds = (System.nanoTime() - begin) / 1e9;
        double optimum = exact.logLikelihood() / n;
        double reach = Double.NaN;
        int reachIteration = -1;
        for (IterationEvent event : events) {
            if (event.logLikelihood() / n >= optimum - 1e-3) {
                reach = event.elapsed().toNanos() / 1e9;
                reachIteration = event.iteration();
                break;
            }
        }
        EmOptions onlineOptions = EmOptions.builder().tolerance(0).threads(threads).build();
        begin = System.nanoTime();
        EmResult<GaussianMixture> online = OnlineEm.fit(model(k), data, start,
                OnlineEm.Settings.defaults().withBatchSize(batch).withPasses(passes), onlineOptions);
        double onlineSeconds = (System.nanoTime() - begin) / 1e9;
        double mean = online.logLikelihood() / n;
        System.out.printf(Locale.ROOT, "online  n=%d d=%d k=%d threads=%d: batch EM to tol %.0e: %d iterations"
                + " %.2f s, mean lnL %.8f (within 1e-3 after %d iterations, %.2f s); online EM batch %d x %d"
                + " passes: %.2f s, mean lnL %.8f, gap %.2e per sample, time ratio online/batch %.3f%n", n,
                data.dimension(), k, threads, tolerance, exact.iterations(), batchSeconds, optimum, reachIteration,
                reach, batch, passes, onlineSeconds, mean, optimum - mean, onlineSeconds / batchSeconds);
    }
}
