package io.emkit.latent.factor;

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
     * eigenvectors as columns, {@code A = V diag(λ) Vᵀ}. {@code a} is overwritten. Jacobi keeps small
     * eigenvalues to high relative accuracy, which the PPCA noise (their mean) needs.
     */
    static void symmetricEigen(double[] a, int n, double[] values, double[] vectors) {
        java.util.Arrays.fill(vectors, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) {
            vectors[i * n + i] = 1.0;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < n; p++) {
                diag += a[p * n + p] * a[p * n + p];
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (!(off > 1e-32 * diag) || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = a[p * n + p];
                    double aqq = a[q * n + q];
                    // tan of the rotation angle that zeroes a_pq (Golub & Van Loan 8.4)
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    a[p * n + p] = app - t * apq;
                    a[q * n + q] = aqq + t * apq;
                    a[p * n + q] = 0;
                    a[q * n + p] = 0;
                    for (int r = 0; r < n; r++) {
                        if (r != p && r != q) {
                            double arp = a[r * n + p];
                            double arq = a[r * n + q];
                            double np = c * arp - s * arq;
                            double nq = s * arp + c * arq;
                            a[r * n + p] = np;
                            a[p * n + r] = np;
                            a[r * n + q] = nq;
                            a[q * n + r] = nq;
                        }
                        double vrp = vectors[r * n + p];
                        double vrq = vectors[r * n + q];
                        vectors[r * n + p] = c * vrp - s * vrq;
                        vectors[r * n + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        // sort by decreasing eigenvalue (selection sort on columns; n is small)
        for (int i = 0; i < n; i++) {
            values[i] = a[i * n + i];
        }
        for (int i = 0; i < n; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (values[j] > values[best]) {
                    best = j;
                }
            }
            if (best != i) {
                double tv = values[i];
                values[i] = values[best];
                values[best] = tv;
                for (int r = 0; r < n; r++) {
                    double t = vectors[r * n + i];
                    vectors[r * n + i] = vectors[r * n + best];
                    vectors[r * n + best] = t;
                }
            }
        }
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
