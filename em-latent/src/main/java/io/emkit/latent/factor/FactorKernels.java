package io.emkit.latent.factor;

import io.emkit.core.numeric.SymmetricEigen;

/**
 * Small dense kernels for the factor models on flat row-major arrays: Cholesky factorisation and
 * solves of q×q systems, a cyclic Jacobi eigen-solver for symmetric d×d matrices, and the closed-form
 * probabilistic PCA of a covariance (Tipping &amp; Bishop 1999, eq. 7-8). Package-private; callers own
 * every array.
 */
final class FactorKernels {

    private FactorKernels() {}

    /**
     * In-place lower Cholesky factor of the symmetric {@code n × n} matrix {@code a} (lower triangle read,
     * upper triangle zeroed).
     *
     * @return false if the matrix is not (numerically) positive definite
     */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double s = a[j * n + j];
            for (int c = 0; c < j; c++) {
                s -= a[j * n + c] * a[j * n + c];
            }
            if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                return false;
            }
            double l = Math.sqrt(s);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double t = a[i * n + j];
                for (int c = 0; c < j; c++) {
                    t -= a[i * n + c] * a[j * n + c];
                }
                a[i * n + j] = t / l;
            }
            for (int c = j + 1; c < n; c++) {
                a[j * n + c] = 0.0;
            }
        }
        return true;
    }

    /** {@code v ← L⁻¹ v} for the lower factor {@code l} (n × n) and {@code v} at {@code v[off..off+n)}. */
    static void forward(double[] l, int n, double[] v, int off) {
        for (int i = 0; i < n; i++) {
            double t = v[off + i];
            for (int c = 0; c < i; c++) {
                t -= l[i * n + c] * v[off + c];
            }
            v[off + i] = t / l[i * n + i];
        }
    }

    /** {@code v ← L⁻ᵀ v}. */
    static void backward(double[] l, int n, double[] v, int off) {
        for (int i = n - 1; i >= 0; i--) {
            double t = v[off + i];
            for (int c = i + 1; c < n; c++) {
                t -= l[c * n + i] * v[off + c];
            }
            v[off + i] = t / l[i * n + i];
        }
    }

    /** {@code A⁻¹} from its lower Cholesky factor, into {@code out} (n × n, symmetric). */
    static void inverseFromCholesky(double[] l, int n, double[] out) {
        double[] e = new double[n];
        for (int c = 0; c < n; c++) {
            java.util.Arrays.fill(e, 0.0);
            e[c] = 1.0;
            forward(l, n, e, 0);
            backward(l, n, e, 0);
            for (int r = 0; r < n; r++) {
                out[r * n + c] = e[r];
            }
        }
    }

    /**
     * Eigen-decomposition of the symmetric {@code n × n} matrix {@code a} by cyclic Jacobi rotations:
     * {@code values} receives the eigenvalues in decreasing order and {@code vectors} (row-major) the
     * eigenvectors as columns, {@code A = V diag(λ) Vᵀ}: em-core's {@link SymmetricEigen} (cyclic Jacobi,
     * which keeps small eigenvalues to high relative accuracy, as the PPCA noise, their mean, needs).
     */
    static void symmetricEigen(double[] a, int n, double[] values, double[] vectors) {
        SymmetricEigen e = SymmetricEigen.of(a, 0, n);
        System.arraycopy(e.values(), 0, values, 0, n);
        System.arraycopy(e.vectors(), 0, vectors, 0, n * n);
    }

    /**
     * Closed-form PPCA of a covariance {@code s} (d × d, symmetric, not modified): with eigenvalues
     * {@code λ_1 >= ... >= λ_d} and eigenvectors {@code u_c}, {@code σ² = Σ_{c>q} λ_c / (d - q)} and
     * {@code W = U_q (Λ_q - σ² I)^{1/2}} (columns with {@code λ_c <= σ²} are zero). Each column's sign is
     * fixed so that its largest-magnitude entry is positive.
     *
     * @param loadings receives W, row-major d × q. Modified.
     * @return σ² (at least 0)
     */
    static double closedFormPpca(double[] s, int d, int q, double[] loadings) {
        double[] a = s.clone();
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        symmetricEigen(a, d, values, vectors);
        double rest = 0;
        for (int c = q; c < d; c++) {
            rest += Math.max(values[c], 0.0);
        }
        double sigma2 = rest / (d - q);
        for (int c = 0; c < q; c++) {
            double scale = Math.sqrt(Math.max(values[c] - sigma2, 0.0));
            int big = 0;
            for (int r = 1; r < d; r++) {
                if (Math.abs(vectors[r * d + c]) > Math.abs(vectors[big * d + c])) {
                    big = r;
                }
            }
            double sign = vectors[big * d + c] < 0 ? -1 : 1;
            for (int r = 0; r < d; r++) {
                loadings[r * q + c] = sign * scale * vectors[r * d + c];
            }
        }
        return sigma2;
    }
}
