package io.emkit.gmm;

import io.emkit.core.numeric.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A textbook, test-only weighted Gaussian estimate: it keeps every (row, weight) and computes the
 * weighted mean and the biased weighted covariance in two passes, independently of the library's
 * accumulators and kernels.
 */
final class NaiveMoments {
    private final int d;
    private final List<double[]> rows = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    NaiveMoments(int d) {
        this.d = d;
    }

    void add(double[] x, int offset, double weight) {
        rows.add(java.util.Arrays.copyOfRange(x, offset, offset + d));
        weights.add(weight);
    }

    double weight() {
        double w = 0;
        for (double v : weights) {
            w += v;
        }
        return w;
    }

    double[] mean() {
        double[] m = new double[d];
        double w = weight();
        for (int i = 0; i < rows.size(); i++) {
            for (int a = 0; a < d; a++) {
                m[a] += weights.get(i) * rows.get(i)[a] / w;
            }
        }
        return m;
    }

    /** Σ_i w_i (x_i - m)(x_i - m)ᵀ / Σ w_i. */
    Matrix covariance() {
        double[] m = mean();
        double w = weight();
        double[] c = new double[d * d];
        for (int i = 0; i < rows.size(); i++) {
            double[] x = rows.get(i);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a * d + b] += weights.get(i) * (x[a] - m[a]) * (x[b] - m[b]) / w;
                }
            }
        }
        return Matrix.ofRowMajor(d, d, c);
    }

    /** Σ_i w_i (x_i - m)(x_i - m)ᵀ: the covariance times the total weight. */
    Matrix scatter() {
        double[] c = covariance().toRowMajor();
        double w = weight();
        for (int i = 0; i < c.length; i++) {
            c[i] *= w;
        }
        return Matrix.ofRowMajor(d, d, c);
    }

    /** The scikit-learn shaping of the covariance for one component, plus regCovar on the diagonal. */
    Gaussian toGaussian(CovarianceType type, double regCovar) {
        double[] c = covariance().toRowMajor();
        double[] out = new double[d * d];
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += c[a * d + a];
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                boolean diagonal = a == b;
                switch (type) {
                    case FULL:
                    case TIED:
                        out[a * d + b] = c[a * d + b] + (diagonal ? regCovar : 0);
                        break;
                    case DIAGONAL:
                        out[a * d + b] = diagonal ? c[a * d + a] + regCovar : 0;
                        break;
                    default:
                        out[a * d + b] = diagonal ? trace / d + regCovar : 0;
                }
            }
        }
        return Gaussian.of(mean(), Matrix.ofRowMajor(d, d, out));
    }
}
