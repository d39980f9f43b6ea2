package io.emkit.gmm;

import java.util.SplittableRandom;

/** Random covariance matrices for tests: {@code Σ = A Aᵀ / d + I} with a standard normal d × d matrix A. */
final class RandomCovariance {

    private RandomCovariance() {}

    /**
     * A symmetric positive definite d × d matrix with correlations, its eigenvalues at least 1, exactly
     * symmetric; draws the d² entries of A from {@code random}, row by row.
     */
    static double[][] of(int d, SplittableRandom random) {
        double[][] a = new double[d][d];
        for (double[] row : a) {
            for (int c = 0; c < d; c++) {
                row[c] = random.nextGaussian();
            }
        }
        double[][] covariance = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
                double sum = r == c ? 1.0 : 0.0;
                for (int m = 0; m < d; m++) {
                    sum += a[r][m] * a[c][m] / d;
                }
                covariance[r][c] = sum;
            }
        }
        for (int r = 0; r < d; r++) { // exact symmetry
            for (int c = 0; c < r; c++) {
                covariance[r][c] = covariance[c][r];
            }
        }
        return covariance;
    }
}
