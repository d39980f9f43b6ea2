package io.emkit.gmm;

/**
 * Allocation-free kernels for small dense {@code d × d} algebra on flat row-major arrays.
 *
 * <p>Package-private; callers own every array. Matrices are {@code d × d}, element {@code (a, b)} at
 * {@code a * d + b}.
 */
final class GaussianKernels {

    /** log(2π). */
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianKernels() {}

    /**
     * In-place lower Cholesky factor {@code A = L Lᵀ}; the strict upper triangle is zeroed.
     *
     * @param a symmetric {@code d × d} (only the lower triangle is read). Modified: becomes L.
     * @param d dimension
     * @return false if a pivot is not {@code > 0} and finite (not positive definite); then {@code a}
     *     holds garbage
     */
    static boolean choleskyInPlace(double[] a, int d) {
        for (int j = 0; j < d; j++) {
            int rowJ = j * d;
            // L_jj = sqrt(a_jj - Σ_{m<j} L_jm²)
            double s = a[rowJ + j];
            for (int m = 0; m < j; m++) {
                s -= a[rowJ + m] * a[rowJ + m];
            }
            if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            a[rowJ + j] = ljj;
            double inv = 1.0 / ljj;
            // L_ij = (a_ij - Σ_{m<j} L_im L_jm) / L_jj, i > j
            for (int i = j + 1; i < d; i++) {
                int rowI = i * d;
                double t = a[rowI + j];
                for (int m = 0; m < j; m++) {
                    t -= a[rowI + m] * a[rowJ + m];
                }
                a[rowI + j] = t * inv;
            }
            for (int b = j + 1; b < d; b++) {
                a[rowJ + b] = 0.0;
            }
        }
        return true;
    }

    /**
     * Inverse of a lower-triangular matrix: {@code W = L⁻¹} (lower triangular).
     *
     * @param l lower-triangular {@code d × d} with a positive diagonal. Not modified.
     * @param w receives {@code L⁻¹}, strict upper triangle zero. Modified.
     * @param d dimension
     */
    static void invertLower(double[] l, double[] w, int d) {
        java.util.Arrays.fill(w, 0, d * d, 0.0);
        for (int j = 0; j < d; j++) {
            // column j of W solves L w = e_j by forward substitution
            w[j * d + j] = 1.0 / l[j * d + j];
            for (int i = j + 1; i < d; i++) {
                double s = 0;
                for (int m = j; m < i; m++) {
                    s += l[i * d + m] * w[m * d + j];
                }
                w[i * d + j] = -s / l[i * d + i];
            }
        }
    }

    /**
     * {@code Σ_a log L_aa}, which is half the log-determinant of {@code L Lᵀ}.
     *
     * @param l lower Cholesky factor. Not modified.
     * @param d dimension
     * @return half log-determinant
     */
    static double halfLogDeterminant(double[] l, int d) {
        double s = 0;
        for (int a = 0; a < d; a++) {
            s += Math.log(l[a * d + a]);
        }
        return s;
    }

    /**
     * Squared Mahalanobis distance {@code |L⁻¹(x - μ)|²} by forward substitution.
     *
     * @param x holds the point at {@code x[offset..offset+d)}. Not modified.
     * @param offset start of the point
     * @param mean μ, length d. Not modified.
     * @param l lower Cholesky factor of the covariance. Not modified.
     * @param z workspace of length {@code >= d}. Modified.
     * @param d dimension
     * @return the squared distance
     */
    static double mahalanobisSquared(double[] x, int offset, double[] mean, double[] l, double[] z, int d) {
        double sum = 0;
        for (int a = 0; a < d; a++) {
            // z_a = (x_a - μ_a - Σ_{b<a} L_ab z_b) / L_aa
            double t = x[offset + a] - mean[a];
            int row = a * d;
            for (int b = 0; b < a; b++) {
                t -= l[row + b] * z[b];
            }
            double za = t / l[row + a];
            z[a] = za;
            sum += za * za;
        }
        return sum;
    }

    /** {@code Σ_i u[uo + i] w[wo + i]} over n terms, in four interleaved partial sums (no long dependency chain). */
    static double dot(double[] u, int uo, double[] w, int wo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += u[uo + i] * w[wo + i];
            s1 += u[uo + i + 1] * w[wo + i + 1];
            s2 += u[uo + i + 2] * w[wo + i + 2];
            s3 += u[uo + i + 3] * w[wo + i + 3];
        }
        for (; i < n; i++) {
            s0 += u[uo + i] * w[wo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
