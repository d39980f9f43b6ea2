package io.emkit.latent.factor;

import io.emkit.core.family.Kernel;

/**
 * One chunk's E-step work for a set of factor analysers: log densities by Woodbury in {@code O(d q)} per
 * observation and component, and weighted sums {@code N_j}, {@code Σ w (x - μ_j)},
 * {@code Σ w (x - μ_j)(x - μ_j)ᵀ} about each component's current mean (near its data, so the centred
 * scatter keeps its precision), turned into {@link FactorMoments} by {@link #finish}.
 */
final class FactorKernel implements Kernel<FactorMoments> {
    private final FactorAnalysers set;
    private final int k;
    private final int d;
    private final double[] n;      // k
    private final double[] sums;   // k × d
    private final double[] square; // k × d × d, lower triangle
    private final double[] work;   // d (centred row) and q (Woodbury)
    private final double[] scaled; // d

    FactorKernel(FactorAnalysers set) {
        this.set = set;
        this.k = set.k;
        this.d = set.d;
        this.n = new double[k];
        this.sums = new double[k * d];
        this.square = new double[Math.multiplyExact(k * d, d)];
        this.work = new double[Math.max(d, set.q)];
        this.scaled = new double[d];
    }

    @Override
    public void logDensities(double[] x, int xOffset, int rows, double[] out, int outOffset, int stride) {
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < rows; i++) {
                out[outOffset + j * stride + i] = set.logDensity(j, x, xOffset + i * d, work);
            }
        }
    }

    @Override
    public void accumulate(double[] x, int xOffset, int rows, double[] weights, int wOffset, int stride) {
        double[] e = work;
        for (int j = 0; j < k; j++) {
            int mj = j * d;
            int base = j * d * d;
            for (int i = 0; i < rows; i++) {
                double w = weights[wOffset + j * stride + i];
                if (!(w > 0)) {
                    continue;
                }
                int row = xOffset + i * d;
                n[j] += w;
                for (int a = 0; a < d; a++) {
                    e[a] = x[row + a] - set.means[mj + a];
                    scaled[a] = w * e[a];
                    sums[mj + a] += scaled[a];
                }
                // S += w e eᵀ, lower triangle: row a gets (w e_a) e_0..a
                for (int a = 0; a < d; a++) {
                    double wa = scaled[a];
                    int r = base + a * d;
                    for (int b = 0; b <= a; b++) {
                        square[r + b] += wa * e[b];
                    }
                }
            }
        }
    }

    @Override
    public FactorMoments finish() {
        FactorMoments out = new FactorMoments(k, d);
        for (int j = 0; j < k; j++) {
            out.setFromReference(j, n[j], set.means, j * d, sums, j * d, square, j * d * d);
        }
        return out;
    }
}
