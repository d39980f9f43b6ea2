package io.emkit.examples.bench;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.IncompleteDataset;
import io.emkit.gmm.FittedGaussianMixture;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.IncompleteGaussianMixture;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Time per EM iteration with missing cells against complete data (a plain {@code main}): n rows of k
 * full-covariance Gaussians in d dimensions, the same fit (fixed start, tolerance 0, a fixed number of
 * iterations) on the complete data ({@link GaussianMixtureModel}) and on the same data with a fraction
 * of the cells deleted at random ({@link IncompleteGaussianMixture}), alternated A/B/A/B.
 *
 * <p>Usage: {@code java -cp em.jar io.emkit.examples.bench.MissingBench [n=100000] [d=10] [k=8]
 * [fraction=0.1] [iterations=10] [rounds=3] [threads=2]}. Prints wall and process CPU seconds per
 * iteration of each run and the ratio of the medians; on a shared machine the numbers are noisy.
 */
public final class MissingBench {
    private MissingBench() {}

    /**
     * Runs the comparison.
     *
     * @param args optional n, d, k, fraction, iterations, rounds, threads
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        double fraction = args.length > 3 ? Double.parseDouble(args[3]) : 0.1;
        int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        SplittableRandom random = new SplittableRandom(1);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int a = 0; a < d; a++) {
                c[a] = -4 + 8 * random.nextDouble();
            }
        }
        double[][] x = new double[n][d];
        double[][] holes = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] c = centres[random.nextInt(k)];
            double common = random.nextGaussian();
            for (int a = 0; a < d; a++) {
                x[i][a] = c[a] + 0.5 * common + random.nextGaussian();
            }
            holes[i] = x[i].clone();
            for (int a = 0; a < d; a++) {
                if (random.nextDouble() < fraction) {
                    holes[i][a] = Double.NaN;
                }
            }
        }
        Dataset complete = Dataset.of(x);
        IncompleteDataset incomplete = IncompleteDataset.of(holes);
        double[] weights = new double[k];
        double[][][] covariances = new double[k][d][d];
        for (int j = 0; j < k; j++) {
            weights[j] = 1.0 / k;
            for (int a = 0; a < d; a++) {
                covariances[j][a][a] = 1;
            }
        }
        GaussianMixture start = GaussianMixture.full(weights, centres, covariances);
        GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).build();
        IncompleteGaussianMixture missing = IncompleteGaussianMixture.of(model);
        EmOptions options = EmOptions.builder().tolerance(0).maxIterations(iterations).threads(threads).build();
        System.out.printf(Locale.ROOT, "n = %d, d = %d, k = %d, %.1f%% cells missing (%d patterns), %d iterations,"
                + " %d threads%n", n, d, k, 100.0 * incomplete.missingFraction(),
                incomplete.patternCount(), iterations, threads);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] completeWall = new double[rounds];
        double[] missingWall = new double[rounds];
        double[] completeCpu = new double[rounds];
        double[] missingCpu = new double[rounds];
        for (int warm = 0; warm < 3; warm++) { // let the JIT compile both paths first
            model.fit(complete, start, EmOptions.builder().tolerance(0).maxIterations(3).threads(threads).build());
            missing.fit(incomplete, start, EmOptions.builder().tolerance(0).maxIterations(3).threads(threads).build());
        }
        for (int r = 0; r < rounds; r++) {
            for (int variant = 0; variant < 2; variant++) {
                long wall = System.nanoTime();
                long cpuStart = os.getProcessCpuTime();
                FittedGaussianMixture fit = variant == 0 ? model.fit(complete, start, options)
                        : missing.fit(incomplete, start, options);
                double seconds = (System.nanoTime() - wall) / 1e9 / (iterations + 1);
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9 / (iterations + 1);
                (variant == 0 ? completeWall : missingWall)[r] = seconds;
                (variant == 0 ? completeCpu : missingCpu)[r] = cpuSeconds;
                System.out.printf(Locale.ROOT, "round %d %-8s %.4f s/iteration wall, %.4f s CPU, lnL %.6g%n", r,
                        variant == 0 ? "complete" : "missing", seconds, cpuSeconds, fit.logLikelihood());
            }
        }
        java.util.Arrays.sort(completeWall);
        java.util.Arrays.sort(missingWall);
        java.util.Arrays.sort(completeCpu);
        java.util.Arrays.sort(missingCpu);
        System.out.printf(Locale.ROOT, "median s/iteration wall: complete %.4f, missing %.4f, ratio %.2f%n",
                completeWall[rounds / 2], missingWall[rounds / 2], missingWall[rounds / 2] / completeWall[rounds / 2]);
        System.out.printf(Locale.ROOT, "median CPU s/iteration: complete %.4f, missing %.4f, ratio %.2f%n",
                completeCpu[rounds / 2], missingCpu[rounds / 2], missingCpu[rounds / 2] / completeCpu[rounds / 2]);
    }
}
