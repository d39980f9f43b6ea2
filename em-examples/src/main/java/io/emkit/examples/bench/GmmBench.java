package io.emkit.examples.bench;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.util.SplittableRandom;

/**
 * Seconds per EM iteration of a full-covariance Gaussian mixture on seeded synthetic data (a plain
 * {@code main}, no JMH).
 *
 * <p>For each (n, d, k): draws n points from k well-separated Gaussians, starts from fixed
 * parameters (true means jittered, identity covariances), runs a warm-up fit, then times a fit with
 * tolerance 0 and a fixed iteration count, and prints seconds per iteration (the timed fit's wall
 * time divided by its iterations; each iteration is one M-step plus one E-step, plus the initial
 * E-step amortised). Arithmetic floor: about {@code 2·n·k·d²} flops per iteration.
 *
 * <p>Usage: {@code GmmBench [n d k [iterations [threads [type]]]]} ({@code type}: full, diag, spherical or
 * tied; default full; the flop rate is always given on the full model's {@code 2·n·k·d²} count, and
 * for other types the memory floor, the data read once, is printed too); with no arguments it prints the scaling
 * table (n, d and k sweeps, including (1e5, 10, 8), (1e6, 10, 8) and (1e5, 50, 16)) with 2 threads.
 * Run with {@code java -XX:ActiveProcessorCount=2 -Xmx2g -cp em.jar io.emkit.examples.bench.GmmBench}.
 */
public final class GmmBench {

    private GmmBench() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code n d k [iterations [threads]]}, or nothing for the scaling table
     */
    public static void main(String[] args) {
        if (args.length >= 3) {
            int n = (int) Double.parseDouble(args[0]);
            int d = Integer.parseInt(args[1]);
            int k = Integer.parseInt(args[2]);
            int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 5;
            int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
            CovarianceType type = args.length > 5 ? CovarianceType.fromName(args[5]) : CovarianceType.FULL;
            report(n, d, k, iterations, threads, type);
            return;
        }
        System.out.println("n        d   k   threads  s/iter     GFlop/s (2nkd^2)");
        int[][] table = {
            {100_000, 10, 8}, {1_000_000, 10, 8}, {100_000, 50, 16},
            {200_000, 10, 8}, {400_000, 10, 8},
            {100_000, 5, 8}, {100_000, 20, 8}, {100_000, 40, 8},
            {100_000, 10, 2}, {100_000, 10, 4}, {100_000, 10, 16}, {100_000, 10, 32},
        };
        for (int[] row : table) {
            report(row[0], row[1], row[2], row[0] >= 1_000_000 ? 3 : 10, 2, CovarianceType.FULL);
        }
    }

    private static void report(int n, int d, int k, int iterations, int threads, CovarianceType type) {
        Problem problem = Problem.of(n, d, k, 42, type);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k)
                .covarianceType(type).build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();
        model.fit(problem.data, problem.start, options); // warm-up: the same work, untimed
        long begin = System.nanoTime();
        FittedGaussianMixture fit = model.fit(problem.data, problem.start, options);
        double seconds = (System.nanoTime() - begin) * 1e-9;
        double perIteration = seconds / fit.result().iterations();
        double gflops = 2.0 * n * k * d * d / perIteration * 1e-9;
        System.out.printf("%-8d %-3d %-3d %-8d %-10.4f %.2f   (lnL %.6e)%s%n", n, d, k, threads, perIteration, gflops,
                fit.logLikelihood(), type == CovarianceType.FULL ? "" : String.format(
                        "  %s; data %.0f MB, %.1f GB/s if read once", type, 8e-6 * n * d, 8e-9 * n * d / perIteration));
    }

    /** Seeded data and a fixed start. */
    private record Problem(Dataset data, GaussianMixture start) {
        static Problem of(int n, int d, int k, long seed, CovarianceType type) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] centres = new double[k][d];
            for (int j = 0; j < k; j++) {
                for (int a = 0; a < d; a++) {
                    centres[j][a] = random.nextDouble(-10, 10);
                }
            }
            double[] values = new double[n * d];
            for (int i = 0; i < n; i++) {
                int j = i % k;
                for (int a = 0; a < d; a++) {
                    values[i * d + a] = centres[j][a] + random.nextGaussian() * (1 + 0.1 * a);
                }
            }
            double[] weights = new double[k];
            double[][] means = new double[k][d];
            for (int j = 0; j < k; j++) {
                weights[j] = 1.0 / k;
                for (int a = 0; a < d; a++) {
                    means[j][a] = centres[j][a] + random.nextGaussian() * 0.5;
                }
            }
            double[][] identity = new double[d][d];
            double[] twos = new double[d];
            for (int a = 0; a < d; a++) {
                identity[a][a] = 2.0;
                twos[a] = 2.0;
            }
            GaussianMixture start = switch (type) {
                case FULL -> GaussianMixture.full(weights, means, repeat(identity, k));
                case DIAGONAL -> GaussianMixture.diagonal(weights, means, repeat(twos, k));
                case SPHERICAL -> GaussianMixture.spherical(weights, means, filled(k, 2.0));
                case TIED -> GaussianMixture.tied(weights, means, identity);
            };
            return new Problem(Dataset.ofRowMajor(values, n, d), start);
        }

        private static double[] filled(int k, double value) {
            double[] out = new double[k];
            java.util.Arrays.fill(out, value);
            return out;
        }

        private static double[][] repeat(double[] row, int k) {
            double[][] out = new double[k][];
            for (int j = 0; j < k; j++) {
                out[j] = row.clone();
            }
            return out;
        }

        private static double[][][] repeat(double[][] m, int k) {
            double[][][] out = new double[k][][];
            for (int j = 0; j < k; j++) {
                out[j] = new double[m.length][];
                for (int a = 0; a < m.length; a++) {
                    out[j][a] = m[a].clone();
                }
            }
            return out;
        }
    }
}
