package io.emkit.hmm;

import java.util.random.RandomGenerator;

/** Small seeded k-means (k-means++ seeding, then Lloyd) for initialising Gaussian means. */
final class KMeans {

    private KMeans() {}

    /**
     * @param points row-major {@code n x d}
     * @return row-major {@code k x d} centres; with fewer distinct points than {@code k}, some
     *     centres repeat
     */
    static double[] fit(double[] points, int n, int d, int k, int iterations, RandomGenerator random) {
        double[] centres = new double[k * d];
        double[] nearest = new double[n];
        int first = random.nextInt(n);
        System.arraycopy(points, first * d, centres, 0, d);
        java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            // D^2 sampling: P(i) proportional to the squared distance to the nearest chosen centre
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], distance(points, i * d, centres, (c - 1) * d, d));
                total += nearest[i];
            }
            int chosen = random.nextInt(n);
            if (total > 0) {
                double u = random.nextDouble() * total;
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += nearest[i];
                    if (u < cumulative) {
                        chosen = i;
                        break;
                    }
                }
            }
            System.arraycopy(points, chosen * d, centres, c * d, d);
        }
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int iteration = 0; iteration < iterations; iteration++) {
            java.util.Arrays.fill(sums, 0);
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = distance(points, i * d, centres, c * d, d);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = c;
                    }
                }
                counts[best]++;
                for (int a = 0; a < d; a++) {
                    sums[best * d + a] += points[i * d + a];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) { // an empty cluster keeps its centre
                    for (int a = 0; a < d; a++) {
                        centres[c * d + a] = sums[c * d + a] / counts[c];
                    }
                }
            }
        }
        return centres;
    }

    private static double distance(double[] x, int xOffset, double[] y, int yOffset, int d) {
        double sum = 0;
        for (int a = 0; a < d; a++) {
            double diff = x[xOffset + a] - y[yOffset + a];
            sum += diff * diff;
        }
        return sum;
    }
}
