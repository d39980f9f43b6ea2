package io.emkit.gmm;

import io.emkit.core.Dataset;
import java.util.Arrays;

/**
 * The mixture's E-step over one chunk, in blocks of B rows copied column-major ({@code d × B}), so
 * that every inner loop runs over B contiguous samples (saxpy-like, vectorised by the JIT).
 *
 * <p>Per block and component j: {@code δ = x - μ_j}, {@code z = L_j⁻¹ δ} (row-wise saxpys over the
 * lower-triangular inverse factor), {@code log w_j N(x|j) = c_j - ½|z|²}; then the log-sum-exp over
 * components per sample, responsibilities {@code r_ij} (times the row weight), and the statistics
 * {@code N_j += Σ r}, {@code s_j += Σ r δ}, {@code S_j += Σ r δδᵀ} (lower triangle; dot products with
 * four independent accumulators). Workspaces are allocated once per chunk.
 */
final class MixtureKernels {

    private MixtureKernels() {}

    /** Block length for dimension d: about 8192 doubles per {@code d × B} workspace. */
    static int blockSize(int d) {
        int b = 8192 / d;
        b = b / 8 * 8;
        return Math.max(8, Math.min(256, b));
    }

    static GaussianMixtureStatistics expect(GaussianMixture p, Dataset chunk) {
        final int d = p.d;
        final int k = p.k;
        final boolean diagonal = p.type == CovarianceType.DIAGONAL || p.type == CovarianceType.SPHERICAL;
        GaussianMixtureStatistics stats = new GaussianMixtureStatistics(k, d, !diagonal);
        final int n = chunk.size();
        final int bs = blockSize(d);
        double[] rows = new double[bs * d];
        double[] xt = new double[d * bs];
        double[] diff = new double[d * bs];
        double[] rd = new double[d * bs];
        double[] z = new double[bs];
        double[] sq = new double[bs];
        double[] logp = new double[k * bs];
        double[] w = new double[bs];
        double[] lse = new double[bs];
        double[] max = new double[bs];
        double[] sum = new double[bs];
        double[] precision = diagonal ? diagonalPrecisions(p) : null;
        double logLikelihood = 0;
        double weight = 0;
        double threshold = stats.worstThreshold();

        for (int from = 0; from < n; from += bs) {
            final int nb = Math.min(bs, n - from);
            chunk.copyRows(from, from + nb, rows, 0);
            chunk.copyWeights(from, from + nb, w, 0);
            // transpose the block: xt[a][i] = x_i[a]
            for (int i = 0; i < nb; i++) {
                int r = i * d;
                for (int a = 0; a < d; a++) {
                    xt[a * bs + i] = rows[r + a];
                }
            }
            // log w_j + log N(x_i | j)
            for (int j = 0; j < k; j++) {
                centre(xt, p.means, j * d, diff, d, bs, nb);
                if (diagonal) {
                    diagonalDistances(diff, precision, j * d, sq, d, bs, nb);
                } else {
                    fullDistances(diff, p.inverseCholesky, j * d * d, z, sq, d, bs, nb);
                }
                double c = p.logConstants[j];
                int off = j * bs;
                for (int i = 0; i < nb; i++) {
                    logp[off + i] = c - 0.5 * sq[i];
                }
            }
            // log-sum-exp per sample; logp becomes the responsibility times the row weight
            Arrays.fill(max, 0, nb, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < k; j++) {
                int off = j * bs;
                for (int i = 0; i < nb; i++) {
                    max[i] = Math.max(max[i], logp[off + i]);
                }
            }
            Arrays.fill(sum, 0, nb, 0.0);
            for (int j = 0; j < k; j++) {
                int off = j * bs;
                for (int i = 0; i < nb; i++) {
                    double e = Math.exp(logp[off + i] - max[i]);
                    logp[off + i] = e;
                    sum[i] += e;
                }
            }
            for (int i = 0; i < nb; i++) {
                double wi = w[i];
                if (max[i] == Double.NEGATIVE_INFINITY) {
                    // no component gives this row any density: share it equally
                    lse[i] = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        logp[j * bs + i] = wi / k;
                    }
                } else {
                    double l = max[i] + Math.log(sum[i]);
                    lse[i] = l;
                    double scale = wi / sum[i];
                    for (int j = 0; j < k; j++) {
                        logp[j * bs + i] *= scale;
                    }
                }
                if (wi > 0) {
                    logLikelihood += wi * lse[i];
                    weight += wi;
                    if (lse[i] <= threshold) {
                        stats.offerWorst(lse[i], rows, i * d);
                        threshold = stats.worstThreshold();
                    }
                }
            }
            // statistics per component, about the component's current mean
            for (int j = 0; j < k; j++) {
                int off = j * bs;
                double nj = 0;
                for (int i = 0; i < nb; i++) {
                    nj += logp[off + i];
                }
                stats.nk[j] += nj;
                centre(xt, p.means, j * d, diff, d, bs, nb);
                if (diagonal) {
                    accumulateDiagonal(diff, logp, off, stats.firstMoments, stats.scatter, j * d, d, bs, nb);
                } else {
                    accumulateFull(diff, rd, logp, off, stats.firstMoments, j * d, stats.scatter, j * d * d, d, bs,
                            nb);
                }
            }
        }
        stats.logLikelihood = logLikelihood;
        stats.weight = weight;
        return stats;
    }

    static double[] diagonalPrecisions(GaussianMixture p) {
        int d = p.d;
        double[] out = new double[p.k * d];
        for (int j = 0; j < p.k; j++) {
            for (int a = 0; a < d; a++) {
                out[j * d + a] = 1.0 / p.covariances[(j * d + a) * d + a];
            }
        }
        return out;
    }

    /** diff[a][i] = xt[a][i] - μ[a]. */
    private static void centre(double[] xt, double[] means, int mu, double[] diff, int d, int bs, int nb) {
        for (int a = 0; a < d; a++) {
            double m = means[mu + a];
            int row = a * bs;
            for (int i = 0; i < nb; i++) {
                diff[row + i] = xt[row + i] - m;
            }
        }
    }

    /** sq[i] = |W δ_i|², W lower triangular: z_a = Σ_{b<=a} W_ab δ_b. */
    private static void fullDistances(double[] diff, double[] inv, int base, double[] z, double[] sq, int d, int bs,
            int nb) {
        Arrays.fill(sq, 0, nb, 0.0);
        for (int a = 0; a < d; a++) {
            int wRow = base + a * d;
            double waa = inv[wRow + a];
            int rowA = a * bs;
            for (int i = 0; i < nb; i++) {
                z[i] = waa * diff[rowA + i];
            }
            int b = 0;
            // eight, then four columns of W per pass: fewer loads and stores of z per multiply-add
            for (; b + 7 < a; b += 8) {
                double w0 = inv[wRow + b];
                double w1 = inv[wRow + b + 1];
                double w2 = inv[wRow + b + 2];
                double w3 = inv[wRow + b + 3];
                double w4 = inv[wRow + b + 4];
                double w5 = inv[wRow + b + 5];
                double w6 = inv[wRow + b + 6];
                double w7 = inv[wRow + b + 7];
                int r0 = b * bs;
                int r1 = r0 + bs;
                int r2 = r1 + bs;
                int r3 = r2 + bs;
                int r4 = r3 + bs;
                int r5 = r4 + bs;
                int r6 = r5 + bs;
                int r7 = r6 + bs;
                for (int i = 0; i < nb; i++) {
                    z[i] += (w0 * diff[r0 + i] + w1 * diff[r1 + i] + w2 * diff[r2 + i] + w3 * diff[r3 + i])
                            + (w4 * diff[r4 + i] + w5 * diff[r5 + i] + w6 * diff[r6 + i] + w7 * diff[r7 + i]);
                }
            }
            for (; b + 3 < a; b += 4) {
                double w0 = inv[wRow + b];
                double w1 = inv[wRow + b + 1];
                double w2 = inv[wRow + b + 2];
                double w3 = inv[wRow + b + 3];
                int r0 = b * bs;
                int r1 = r0 + bs;
                int r2 = r1 + bs;
                int r3 = r2 + bs;
                for (int i = 0; i < nb; i++) {
                    z[i] += w0 * diff[r0 + i] + w1 * diff[r1 + i] + w2 * diff[r2 + i] + w3 * diff[r3 + i];
                }
            }
            for (; b < a; b++) {
                double wab = inv[wRow + b];
                int rowB = b * bs;
                for (int i = 0; i < nb; i++) {
                    z[i] += wab * diff[rowB + i];
                }
            }
            for (int i = 0; i < nb; i++) {
                sq[i] += z[i] * z[i];
            }
        }
    }

    /** sq[i] = Σ_a δ_a² / σ²_a. */
    private static void diagonalDistances(double[] diff, double[] precision, int off, double[] sq, int d, int bs,
            int nb) {
        Arrays.fill(sq, 0, nb, 0.0);
        for (int a = 0; a < d; a++) {
            double pa = precision[off + a];
            int row = a * bs;
            for (int i = 0; i < nb; i++) {
                double t = diff[row + i];
                sq[i] += pa * t * t;
            }
        }
    }

    private static void accumulateDiagonal(double[] diff, double[] r, int rOff, double[] first, double[] second,
            int off, int d, int bs, int nb) {
        for (int a = 0; a < d; a++) {
            int row = a * bs;
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < nb; i++) {
                double t = r[rOff + i] * diff[row + i];
                s1 += t;
                s2 += t * diff[row + i];
            }
            first[off + a] += s1;
            second[off + a] += s2;
        }
    }

    /** s += Σ r δ; S[a][b] += Σ r δ_a δ_b for b <= a. */
    private static void accumulateFull(double[] diff, double[] rd, double[] r, int rOff, double[] first, int off,
            double[] scatter, int sOff, int d, int bs, int nb) {
        for (int a = 0; a < d; a++) {
            int row = a * bs;
            double s1 = 0;
            for (int i = 0; i < nb; i++) {
                double t = r[rOff + i] * diff[row + i];
                rd[row + i] = t;
                s1 += t;
            }
            first[off + a] += s1;
        }
        // lower triangle (and the upper half of diagonal tiles, never read) in 4 x 4 register tiles
        int a0 = 0;
        for (; a0 + 3 < d; a0 += 4) {
            for (int b0 = 0; b0 <= a0; b0 += 4) {
                tile4x4(rd, a0 * bs, diff, b0 * bs, bs, nb, scatter, sOff + a0 * d + b0, d);
            }
        }
        for (int a = a0; a < d; a++) {
            int rowA = a * bs;
            int sRow = sOff + a * d;
            int b = 0;
            for (; b + 3 <= a; b += 4) {
                tile1x4(rd, rowA, diff, b * bs, bs, nb, scatter, sRow + b);
            }
            for (; b <= a; b++) {
                scatter[sRow + b] += dot(rd, rowA, diff, b * bs, nb);
            }
        }
    }

    /** S[a0+p][b0+q] += Σ_i x[a0+p][i] y[b0+q][i] for p, q < 4; x rows at xo + p·bs, y rows at yo + q·bs. */
    private static void tile4x4(double[] x, int xo, double[] y, int yo, int bs, int n, double[] s, int so, int d) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        int x0 = xo;
        int x1 = xo + bs;
        int x2 = xo + 2 * bs;
        int x3 = xo + 3 * bs;
        int y0 = yo;
        int y1 = yo + bs;
        int y2 = yo + 2 * bs;
        int y3 = yo + 3 * bs;
        for (int i = 0; i < n; i++) {
            double a0 = x[x0 + i];
            double a1 = x[x1 + i];
            double a2 = x[x2 + i];
            double a3 = x[x3 + i];
            double b0 = y[y0 + i];
            double b1 = y[y1 + i];
            double b2 = y[y2 + i];
            double b3 = y[y3 + i];
            s00 = Math.fma(a0, b0, s00);
            s01 = Math.fma(a0, b1, s01);
            s02 = Math.fma(a0, b2, s02);
            s03 = Math.fma(a0, b3, s03);
            s10 = Math.fma(a1, b0, s10);
            s11 = Math.fma(a1, b1, s11);
            s12 = Math.fma(a1, b2, s12);
            s13 = Math.fma(a1, b3, s13);
            s20 = Math.fma(a2, b0, s20);
            s21 = Math.fma(a2, b1, s21);
            s22 = Math.fma(a2, b2, s22);
            s23 = Math.fma(a2, b3, s23);
            s30 = Math.fma(a3, b0, s30);
            s31 = Math.fma(a3, b1, s31);
            s32 = Math.fma(a3, b2, s32);
            s33 = Math.fma(a3, b3, s33);
        }
        s[so] += s00;
        s[so + 1] += s01;
        s[so + 2] += s02;
        s[so + 3] += s03;
        s[so + d] += s10;
        s[so + d + 1] += s11;
        s[so + d + 2] += s12;
        s[so + d + 3] += s13;
        s[so + 2 * d] += s20;
        s[so + 2 * d + 1] += s21;
        s[so + 2 * d + 2] += s22;
        s[so + 2 * d + 3] += s23;
        s[so + 3 * d] += s30;
        s[so + 3 * d + 1] += s31;
        s[so + 3 * d + 2] += s32;
        s[so + 3 * d + 3] += s33;
    }

    /** S[b0+q] += Σ_i x[i] y[b0+q][i] for q < 4. */
    private static void tile1x4(double[] x, int xo, double[] y, int yo, int bs, int n, double[] s, int so) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int y1 = yo + bs;
        int y2 = yo + 2 * bs;
        int y3 = yo + 3 * bs;
        for (int i = 0; i < n; i++) {
            double a = x[xo + i];
            s0 += a * y[yo + i];
            s1 += a * y[y1 + i];
            s2 += a * y[y2 + i];
            s3 += a * y[y3 + i];
        }
        s[so] += s0;
        s[so + 1] += s1;
        s[so + 2] += s2;
        s[so + 3] += s3;
    }

    private static double dot(double[] x, int xOff, double[] y, int yOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[xOff + i] * y[yOff + i];
            s1 += x[xOff + i + 1] * y[yOff + i + 1];
            s2 += x[xOff + i + 2] * y[yOff + i + 2];
            s3 += x[xOff + i + 3] * y[yOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xOff + i] * y[yOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
