package io.emkit.core.numeric;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: {@code A = V Λ Vᵀ}
 * with the eigenvalues in decreasing order (the order of an SVD of a positive semi-definite
 * matrix) and V orthogonal. Accurate to a few ulps of {@code ‖A‖} for the d × d scatter matrices
 * of the covariance M-steps; O(d³) per sweep, usually 6 to 10 sweeps. Jacobi keeps small eigenvalues
 * to high relative accuracy, which PPCA's noise variance (their mean) needs. The one eigen-solver of
 * the project: mclust's covariance structures, hierarchical agglomeration and the factor models use it.
 */
public final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    /** Eigenvalues, decreasing. */
    private final double[] values;
    /** Row-major d × d; column j is the eigenvector of {@code values[j]}. */
    private final double[] vectors;

    private SymmetricEigen(double[] values, double[] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /**
     * Decomposes the symmetric d × d matrix {@code a} (row-major, only read).
     *
     * @param a the matrix, row-major from {@code offset}. Not modified.
     * @param offset index of entry (0, 0)
     * @param d the order
     * @return the decomposition
     */
    public static SymmetricEigen of(double[] a, int offset, int d) {
        double[] m = new double[d * d];
        System.arraycopy(a, offset, m, 0, d * d);
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += m[p * d + p] * m[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += m[p * d + q] * m[p * d + q];
                }
            }
            if (off <= 1e-32 * diag || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = m[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = m[p * d + p];
                    double aqq = m[q * d + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < d; r++) {
                        double mrp = m[r * d + p];
                        double mrq = m[r * d + q];
                        m[r * d + p] = c * mrp - s * mrq;
                        m[r * d + q] = s * mrp + c * mrq;
                    }
                    for (int r = 0; r < d; r++) {
                        double mpr = m[p * d + r];
                        double mqr = m[q * d + r];
                        m[p * d + r] = c * mpr - s * mqr;
                        m[q * d + r] = s * mpr + c * mqr;
                    }
                    m[p * d + q] = 0;
                    m[q * d + p] = 0;
                    for (int r = 0; r < d; r++) {
                        double vrp = v[r * d + p];
                        double vrq = v[r * d + q];
                        v[r * d + p] = c * vrp - s * vrq;
                        v[r * d + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        // sort decreasing (stable selection sort; d is small)
        double[] values = new double[d];
        int[] order = new int[d];
        boolean[] used = new boolean[d];
        for (int j = 0; j < d; j++) {
            int best = -1;
            for (int i = 0; i < d; i++) {
                if (!used[i] && (best < 0 || m[i * d + i] > m[best * d + best])) {
                    best = i;
                }
            }
            used[best] = true;
            order[j] = best;
            values[j] = m[best * d + best];
        }
        double[] vectors = new double[d * d];
        for (int r = 0; r < d; r++) {
            for (int j = 0; j < d; j++) {
                vectors[r * d + j] = v[r * d + order[j]];
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /**
     * The eigenvalues, decreasing.
     *
     * @return a new array of length d
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * The eigenvectors as the columns of a row-major d × d matrix, column j for {@code values()[j]}.
     *
     * @return a new array
     */
    public double[] vectors() {
        return vectors.clone();
    }

    /**
     * One eigenvalue.
     *
     * @param j in {@code [0, d)}, decreasing order
     * @return {@code λ_j}
     */
    public double value(int j) {
        return values[j];
    }

    /**
     * One entry of the eigenvector matrix: component {@code row} of the eigenvector of {@code value(column)}.
     *
     * @param row the coordinate
     * @param column the eigenvector's index
     * @return {@code V[row][column]}
     */
    public double vector(int row, int column) {
        return vectors[row * values.length + column];
    }
}
