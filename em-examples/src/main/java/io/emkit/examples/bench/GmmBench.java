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
 * <p>Usage: {@code GmmBench [n d k [iterations [threads]]]}; with no arguments it prints the scaling
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
            report(n, d, k, iterations, threads);
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
            report(row[0], row[1], row[2], row[0] >= 1_000_000 ? 3 : 10, 2);
        }
    }

    private static void report(int n, int d, int k, int iterations, int threads) {
        Problem problem = Problem.of(n, d, k, 42);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k)
                .covarianceType(CovarianceType.FULL).build();
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();
        model.fit(problem.data, problem.start, options); // warm-up: the same work, untimed
        long begin = System.nanoTime();
        FittedGaussianMixture fit = model.fit(problem.data, problem.start, options);
        double seconds = (System.nanoTime() - begin) * 1e-9;
        double perIteration = seconds / fit.result().iterations();
        double gflops = 2.0 * n * k * d * d / perIteration * 1e-9;
        System.out.printf("%-8d %-3d %-3d %-8d %-10.4f %.2f   (lnL %.6e)%n", n, d, k, threads, perIteration, gflops,
                fit.logLikelihood());
    }

    /** Seeded data and a fixed start. */
    private record Problem(Dataset data, GaussianMixture start) {
        static Problem of(int n, int d, int k, long seed) {
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
            double[][][] covariances = new double[k][d][d];
            for (int j = 0; j < k; j++) {
                weights[j] = 1.0 / k;
                for (int a = 0; a < d; a++) {
                    means[j][a] = centres[j][a] + random.nextGaussian() * 0.5;
                    covariances[j][a][a] = 2.0;
                }
            }
            return new Problem(Dataset.ofRowMajor(values, n, d), GaussianMixture.full(weights, means, covariances));
        }
    }
}
