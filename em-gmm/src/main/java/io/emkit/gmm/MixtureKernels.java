package io.emkit.gmm;

import io.emkit.core.Dataset;
import java.util.Arrays;

/**
 * The mixture's E-step over one chunk, in blocks of B rows copied column-major ({@code d × B}), so
 * that every inner loop runs over B contiguous samples.
 *
 * <p>Per block and component j: {@code δ = x - μ_j}, {@code z = L_j⁻¹ δ} (row-wise saxpys over the
 * lower-triangular inverse factor), {@code log w_j N(x|j) = c_j - ½|z|²}; then the log-sum-exp over
 * components per sample, responsibilities {@code r_ij} (times the row weight), and the statistics
 * {@code N_j += Σ r}, {@code s_j += Σ r δ}, {@code S_j += Σ r δδᵀ} (lower triangle; 4 × 4 register
 * tiles of dot products). Workspaces are allocated once per chunk.
 *
 * <p>Performance notes (HotSpot C2, measured on AVX-512): C2 vectorises a loop only if its body is
 * small (it must be unrolled by the vector length) and every array is indexed by the plain loop
 * index; it does not vectorise one array read at several offsets, nor floating-point reductions.
 * Hence the block is one array per coordinate ({@code double[d][B]}), the distance kernel is a chain
 * of small saxpys ({@link #axpy4}) and the scatter's dot products are scalar register tiles (rank-4
 * row updates of S, vectorised along the short rows, measured no faster in place at d = 50). The
 * loops live in small methods, each compiled by C2 on its own soon after the first E-step starts.
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
        // column-major block as one array per coordinate: C2 vectorises loops over several distinct
        // arrays, not over one array at several offsets
        double[][] xt = new double[d][bs];
        double[][] diff = new double[d][bs];
        double[][] rd = diagonal ? null : new double[d][bs];
        double[] z = new double[bs];
        double[] sq = new double[bs];
        double[] logp = new double[k * bs];
        double[] w = new double[bs];
        double[] max = new double[bs];
        double[] sum = new double[bs];
        double[] resp = new double[bs];
        double[] precision = diagonal ? diagonalPrecisions(p) : null;

        for (int from = 0; from < n; from += bs) {
            final int nb = Math.min(bs, n - from);
            chunk.copyRows(from, from + nb, rows, 0);
            chunk.copyWeights(from, from + nb, w, 0);
            transpose(rows, xt, d, nb);
            // log w_j + log N(x_i | j) = c_j - ½ |L_j⁻¹ (x_i - μ_j)|²
            for (int j = 0; j < k; j++) {
                centre(xt, p.means, j * d, diff, d, nb);
                if (diagonal) {
                    diagonalDistances(diff, precision, j * d, sq, d, nb);
                } else {
                    fullDistances(diff, p.inverseCholesky, j * d * d, z, sq, d, nb);
                }
                logDensities(logp, j * bs, p.logConstants[j], sq, nb);
            }
            responsibilities(logp, k, bs, nb, w, rows, d, max, sum, stats);
            // statistics per component, about the component's current mean
            for (int j = 0; j < k; j++) {
                System.arraycopy(logp, j * bs, resp, 0, nb);
                stats.nk[j] += sum(resp, nb);
                centre(xt, p.means, j * d, diff, d, nb);
                if (diagonal) {
                    accumulateDiagonal(diff, resp, stats.firstMoments, stats.scatter, j * d, d, nb);
                } else {
                    accumulateFull(diff, rd, resp, stats.firstMoments, j * d, stats.scatter, j * d * d, d, nb);
                }
            }
        }
        return stats;
    }

    /** xt[a][i] = x_i[a] for the nb rows of the row-major block. */
    private static void transpose(double[] rows, double[][] xt, int d, int nb) {
        for (int a = 0; a < d; a++) {
            double[] xa = xt[a];
            for (int i = 0, r = a; i < nb; i++, r += d) {
                xa[i] = rows[r];
            }
        }
    }

    /** logp[off + i] = c - ½ sq[i]. */
    private static void logDensities(double[] logp, int off, double c, double[] sq, int nb) {
        for (int i = 0; i < nb; i++) {
            logp[off + i] = c - 0.5 * sq[i];
        }
    }

    /**
     * Turns the per-component log-densities {@code logp[j·bs + i]} into responsibilities times the row
     * weight, {@code w_i · exp(logp_ij - lse_i)} with {@code lse_i = log Σ_j exp(logp_ij)}, and adds
     * {@code Σ w_i lse_i}, {@code Σ w_i} and the worst-explained rows to the statistics.
     */
    private static void responsibilities(double[] logp, int k, int bs, int nb, double[] w, double[] rows, int d,
            double[] max, double[] sum, GaussianMixtureStatistics stats) {
        Arrays.fill(max, 0, nb, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < k; j++) {
            columnMax(logp, j * bs, max, nb);
        }
        Arrays.fill(sum, 0, nb, 0.0);
        for (int j = 0; j < k; j++) {
            expShifted(logp, j * bs, max, sum, nb);
        }
        double threshold = stats.worstThreshold();
        double logLikelihood = stats.logLikelihood;
        double weight = stats.weight;
        for (int i = 0; i < nb; i++) {
            double wi = w[i];
            double lse;
            if (max[i] == Double.NEGATIVE_INFINITY) {
                // no component gives this row any density: share it equally
                lse = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    logp[j * bs + i] = wi / k;
                }
            } else {
                lse = max[i] + Math.log(sum[i]);
                double scale = wi / sum[i];
                for (int j = 0; j < k; j++) {
                    logp[j * bs + i] *= scale;
                }
            }
            if (wi > 0) {
                logLikelihood += wi * lse;
                weight += wi;
                if (lse <= threshold) {
                    stats.offerWorst(lse, rows, i * d);
                    threshold = stats.worstThreshold();
                }
            }
        }
        stats.logLikelihood = logLikelihood;
        stats.weight = weight;
    }

    /** max[i] = max(max[i], logp[off + i]). */
    private static void columnMax(double[] logp, int off, double[] max, int nb) {
        for (int i = 0; i < nb; i++) {
            max[i] = Math.max(max[i], logp[off + i]);
        }
    }

    /** logp[off + i] = exp(logp[off + i] - max[i]); sum[i] += that. */
    private static void expShifted(double[] logp, int off, double[] max, double[] sum, int nb) {
        for (int i = 0; i < nb; i++) {
            double e = Math.exp(logp[off + i] - max[i]);
            logp[off + i] = e;
            sum[i] += e;
        }
    }

    private static double sum(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
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
    private static void centre(double[][] xt, double[] means, int mu, double[][] diff, int d, int nb) {
        for (int a = 0; a < d; a++) {
            double m = means[mu + a];
            double[] x = xt[a];
            double[] t = diff[a];
            for (int i = 0; i < nb; i++) {
                t[i] = x[i] - m;
            }
        }
    }

    /**
     * sq[i] = |W δ_i|², W lower triangular: z_a = Σ_{b<=a} W_ab δ_b, computed for all samples at once
     * as saxpys over the block ({@code z += W_ab δ_b}, four columns b per pass).
     */
    private static void fullDistances(double[][] diff, double[] inv, int base, double[] z, double[] sq, int d,
            int nb) {
        Arrays.fill(sq, 0, nb, 0.0);
        for (int a = 0; a < d; a++) {
            int wRow = base + a * d;
            scale(z, inv[wRow + a], diff[a], nb);
            int b = 0;
            for (; b + 3 < a; b += 4) {
                axpy4(z, inv[wRow + b], diff[b], inv[wRow + b + 1], diff[b + 1], inv[wRow + b + 2], diff[b + 2],
                        inv[wRow + b + 3], diff[b + 3], nb);
            }
            for (; b < a; b++) {
                axpy(z, inv[wRow + b], diff[b], nb);
            }
            for (int i = 0; i < nb; i++) {
                sq[i] = Math.fma(z[i], z[i], sq[i]);
            }
        }
    }

    /** z[i] = w · x[i]. */
    private static void scale(double[] z, double w, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = w * x[i];
        }
    }

    /** z[i] += w · x[i]. */
    private static void axpy(double[] z, double w, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w, x[i], z[i]);
        }
    }

    /**
     * z[i] += w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i]. Kept this small on purpose: C2 vectorises
     * the loop only while its body stays small enough to be unrolled by the vector length.
     */
    private static void axpy4(double[] z, double w0, double[] x0, double w1, double[] x1, double w2, double[] x2,
            double w3, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w3, x3[i], Math.fma(w2, x2[i], Math.fma(w1, x1[i], Math.fma(w0, x0[i], z[i]))));
        }
    }

    /** sq[i] = Σ_a δ_a² / σ²_a. */
    private static void diagonalDistances(double[][] diff, double[] precision, int off, double[] sq, int d,
            int nb) {
        Arrays.fill(sq, 0, nb, 0.0);
        for (int a = 0; a < d; a++) {
            double pa = precision[off + a];
            double[] t = diff[a];
            for (int i = 0; i < nb; i++) {
                sq[i] += pa * t[i] * t[i];
            }
        }
    }

    private static void accumulateDiagonal(double[][] diff, double[] r, double[] first, double[] second, int off,
            int d, int nb) {
        for (int a = 0; a < d; a++) {
            double[] t = diff[a];
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < nb; i++) {
                double u = r[i] * t[i];
                s1 += u;
                s2 += u * t[i];
            }
            first[off + a] += s1;
            second[off + a] += s2;
        }
    }

    /** s += Σ r δ; S[a][b] += Σ r δ_a δ_b for b <= a. */
    private static void accumulateFull(double[][] diff, double[][] rd, double[] r, double[] first, int off,
            double[] scatter, int sOff, int d, int nb) {
        for (int a = 0; a < d; a++) {
            double[] t = diff[a];
            double[] u = rd[a];
            double s1 = 0;
            for (int i = 0; i < nb; i++) {
                double v = r[i] * t[i];
                u[i] = v;
                s1 += v;
            }
            first[off + a] += s1;
        }
        // lower triangle (and the upper half of diagonal tiles, never read) in 4 x 4 register tiles
        int a0 = 0;
        for (; a0 + 3 < d; a0 += 4) {
            for (int b0 = 0; b0 <= a0; b0 += 4) {
                tile4x4(rd, a0, diff, b0, nb, scatter, sOff + a0 * d + b0, d);
            }
        }
        for (int a = a0; a < d; a++) {
            int sRow = sOff + a * d;
            int b = 0;
            for (; b + 3 <= a; b += 4) {
                tile1x4(rd[a], diff, b, nb, scatter, sRow + b);
            }
            for (; b <= a; b++) {
                scatter[sRow + b] += dot(rd[a], diff[b], nb);
            }
        }
    }

    /** S[a0+p][b0+q] += Σ_i x[a0+p][i] y[b0+q][i] for p, q < 4. */
    private static void tile4x4(double[][] x, int a0, double[][] y, int b0, int n, double[] s, int so, int d) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        double[] x0 = x[a0];
        double[] x1 = x[a0 + 1];
        double[] x2 = x[a0 + 2];
        double[] x3 = x[a0 + 3];
        double[] y0 = y[b0];
        double[] y1 = y[b0 + 1];
        double[] y2 = y[b0 + 2];
        double[] y3 = y[b0 + 3];
        for (int i = 0; i < n; i++) {
            double a0v = x0[i];
            double a1v = x1[i];
            double a2v = x2[i];
            double a3v = x3[i];
            double b0v = y0[i];
            double b1v = y1[i];
            double b2v = y2[i];
            double b3v = y3[i];
            s00 = Math.fma(a0v, b0v, s00);
            s01 = Math.fma(a0v, b1v, s01);
            s02 = Math.fma(a0v, b2v, s02);
            s03 = Math.fma(a0v, b3v, s03);
            s10 = Math.fma(a1v, b0v, s10);
            s11 = Math.fma(a1v, b1v, s11);
            s12 = Math.fma(a1v, b2v, s12);
            s13 = Math.fma(a1v, b3v, s13);
            s20 = Math.fma(a2v, b0v, s20);
            s21 = Math.fma(a2v, b1v, s21);
            s22 = Math.fma(a2v, b2v, s22);
            s23 = Math.fma(a2v, b3v, s23);
            s30 = Math.fma(a3v, b0v, s30);
            s31 = Math.fma(a3v, b1v, s31);
            s32 = Math.fma(a3v, b2v, s32);
            s33 = Math.fma(a3v, b3v, s33);
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

    /** S[q] += Σ_i x[i] y[b0+q][i] for q < 4. */
    private static void tile1x4(double[] x, double[][] y, int b0, int n, double[] s, int so) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double[] y0 = y[b0];
        double[] y1 = y[b0 + 1];
        double[] y2 = y[b0 + 2];
        double[] y3 = y[b0 + 3];
        for (int i = 0; i < n; i++) {
            double a = x[i];
            s0 += a * y0[i];
            s1 += a * y1[i];
            s2 += a * y2[i];
            s3 += a * y3[i];
        }
        s[so] += s0;
        s[so + 1] += s1;
        s[so + 2] += s2;
        s[so + 3] += s3;
    }

    private static double dot(double[] x, double[] y, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
        }
        for (; i < n; i++) {
            s0 += x[i] * y[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
