package io.emkit.core.numeric;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Weighted k-means: k-means++ seeding (Arthur &amp; Vassilvitskii 2007, each row drawn with probability
 * proportional to its weight times its squared distance to the nearest centre) followed by Lloyd's
 * iterations with weighted means. The one k-means of the project: mixtures and HMMs start from it.
 *
 * <p>Randomness comes only from the stream passed in. Ties go to the lowest centre index. Rows of
 * weight zero are never drawn as seeds and do not move centres.
 */
public final class KMeans {

    /** Default number of Lloyd iterations after seeding. */
    public static final int DEFAULT_ITERATIONS = 20;

    private KMeans() {}

    /**
     * Hard labels of k-means on the data's rows.
     *
     * @param data rows, {@code n >= 1}, with optional weights. Not modified.
     * @param k clusters, {@code 1 <= k}
     * @param iterations maximum Lloyd iterations, {@code >= 0} (0: nearest seed)
     * @param random the random source
     * @return a new array of n labels in {@code [0, k)}
     * @throws IllegalArgumentException if {@code k < 1} or {@code iterations < 0}
     */
    public static int[] labels(Dataset data, int k, int iterations, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        checkArgument(k >= 1, "k (%s) must be >= 1", k);
        checkArgument(iterations >= 0, "iterations (%s) must be >= 0", iterations);
        int n = data.size();
        int d = data.dimension();
        double[] x = new double[Math.multiplyExact(n, d)];
        data.copyRows(0, n, x, 0);
        double[] w = new double[n];
        data.copyWeights(0, n, w, 0);
        double[] centres = seeds(x, w, n, d, k, random);
        return lloyd(x, w, n, d, k, centres, iterations);
    }

    /**
     * Cluster centres of k-means on row-major points with unit weights.
     *
     * @param points row-major {@code n × d}. Not modified.
     * @param n rows
     * @param d dimension
     * @param k clusters
     * @param iterations maximum Lloyd iterations
     * @param random the random source
     * @return a new row-major {@code k × d} array of centres
     */
    public static double[] centres(double[] points, int n, int d, int k, int iterations, RandomGenerator random) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        double[] centres = seeds(points, w, n, d, k, random);
        int[] labels = lloyd(points, w, n, d, k, centres, iterations);
        // centres after the final assignment
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int i = 0; i < n; i++) {
            int j = labels[i];
            counts[j] += 1;
            for (int a = 0; a < d; a++) {
                sums[j * d + a] += points[i * d + a] - centres[j * d + a];
            }
        }
        for (int j = 0; j < k; j++) {
            if (counts[j] > 0) {
                for (int a = 0; a < d; a++) {
                    centres[j * d + a] += sums[j * d + a] / counts[j];
                }
            }
        }
        return centres;
    }

    /**
     * Labels from k distinct random rows of positive weight (uniformly drawn; fewer such rows than k:
     * any rows): each row takes its nearest seed, with no Lloyd iteration.
     *
     * @param data rows, {@code n >= k}. Not modified.
     * @param k the number of seeds, {@code >= 1}
     * @param random the random source
     * @return a new array of n labels in {@code [0, k)}
     */
    public static int[] nearestOfRandomRows(Dataset data, int k, RandomGenerator random) {
        int n = data.size();
        int d = data.dimension();
        checkArgument(k >= 1 && k <= n, "k (%s) must be in [1, n = %s]", k, n);
        int[] candidates = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (data.weight(i) > 0) {
                candidates[count++] = i;
            }
        }
        if (count < k) {
            for (int i = 0; i < n; i++) {
                candidates[i] = i;
            }
            count = n;
        }
        for (int j = 0; j < k; j++) { // partial Fisher-Yates
            int swap = j + random.nextInt(count - j);
            int t = candidates[j];
            candidates[j] = candidates[swap];
            candidates[swap] = t;
        }
        double[] x = new double[Math.multiplyExact(n, d)];
        data.copyRows(0, n, x, 0);
        double[] centres = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(x, candidates[j] * d, centres, j * d, d);
        }
        double[] w = new double[n];
        return lloyd(x, w, n, d, k, centres, 0);
    }

    private static double[] seeds(double[] x, double[] w, int n, int d, int k, RandomGenerator random) {
        double[] centres = new double[k * d];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int first = pick(w, null, random);
        System.arraycopy(x, first * d, centres, 0, d);
        for (int c = 1; c < k; c++) {
            int prev = c - 1;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(x, i * d, centres, prev * d, d));
            }
            int next = pick(w, nearest, random);
            System.arraycopy(x, next * d, centres, c * d, d);
        }
        return centres;
    }

    private static int[] lloyd(double[] x, double[] w, int n, int d, int k, double[] centres, int iterations) {
        int[] labels = new int[n];
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int iteration = 0; iteration <= iterations; iteration++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = distance(x, i * d, centres, j * d, d);
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = j;
                    }
                }
                changed |= labels[i] != best;
                labels[i] = best;
            }
            if ((!changed && iteration > 0) || iteration == iterations) {
                break;
            }
            // weighted means, accumulated about each cluster's current centre for stability
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int j = labels[i];
                double wi = w[i];
                counts[j] += wi;
                for (int a = 0; a < d; a++) {
                    sums[j * d + a] += wi * (x[i * d + a] - centres[j * d + a]);
                }
            }
            for (int j = 0; j < k; j++) {
                if (counts[j] > 0) {
                    for (int a = 0; a < d; a++) {
                        centres[j * d + a] += sums[j * d + a] / counts[j];
                    }
                }
            }
        }
        return labels;
    }

    /** A row drawn with probability ∝ w_i · dist_i (∝ w_i when dist is null or all zero). */
    private static int pick(double[] w, double[] dist, RandomGenerator random) {
        int n = w.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += dist == null ? w[i] : w[i] * dist[i];
        }
        if (!(total > 0) || total == Double.POSITIVE_INFINITY) {
            if (dist != null) {
                return pick(w, null, random);
            }
            return random.nextInt(n);
        }
        double u = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            double p = dist == null ? w[i] : w[i] * dist[i];
            if (p > 0) {
                last = i;
                cumulative += p;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        return last;
    }

    private static double distance(double[] x, int xo, double[] c, int co, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            double t = x[xo + a] - c[co + a];
            s += t * t;
        }
        return s;
    }
}
