package io.emkit.core.mixture;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The mixture's own part of the E-step on a block of rows, between the family's log densities and
 * its accumulation: {@code log w_j + log f_j(x_i)}, the log-sum-exp over components per row, and the
 * responsibilities times the row weight, in place. Blocks are component-major
 * ({@code logp[j·bs + i]}), so every inner loop runs over contiguous rows and vectorises.
 */
final class MixtureKernels {

    private MixtureKernels() {}

    /**
     * Turns {@code logp[j·bs + i] = log f_j(x_i)} into {@code v_i · r_ij} with
     * {@code r_ij = exp(log w_j + logp_ij - lse_i)}, {@code lse_i = log Σ_j exp(log w_j + logp_ij)};
     * adds {@code Σ v_i lse_i}, {@code Σ v_i}, {@code N_j} and the worst-explained rows to the
     * statistics. A row no component explains (every term {@code -∞}) is shared equally.
     */
    static void responsibilities(double[] logp, double[] logWeights, int k, int bs, int nb, double[] v,
            double[] rows, int d, double[] max, double[] sum, MixtureStatistics<?> stats) {
        // three passes over the block, each one small loop per component: shift and running max, shifted
        // exponentials and their sum, scaling to weighted responsibilities and their sum
        shiftFirst(logp, logWeights[0], max, nb);
        for (int j = 1; j < k; j++) {
            shiftMax(logp, j * bs, logWeights[j], max, nb);
        }
        expFirst(logp, max, sum, nb);
        for (int j = 1; j < k; j++) {
            expShifted(logp, j * bs, max, sum, nb);
        }
        boolean unexplained = rowTotals(max, sum, v, rows, d, nb, stats);
        if (unexplained) {
            for (int j = 0; j < k; j++) {
                multiply(logp, j * bs, sum, nb);
            }
            for (int i = 0; i < nb; i++) {
                if (max[i] == Double.NEGATIVE_INFINITY) {
                    for (int j = 0; j < k; j++) {
                        logp[j * bs + i] = v[i] / k;
                    }
                }
            }
            for (int j = 0; j < k; j++) {
                stats.nk[j] += sum(logp, j * bs, nb);
            }
            return;
        }
        for (int j = 0; j < k; j++) {
            stats.nk[j] += multiplySum(logp, j * bs, sum, nb);
        }
    }

    /**
     * Per row: adds {@code v_i · lse_i} and {@code v_i} to the statistics, offers the row as a
     * worst-explained one, and leaves {@code sum[i] = v_i / Σ_j exp(...)}, the factor that turns the
     * shifted exponentials into weighted responsibilities.
     *
     * @return whether some row has no density under any component
     */
    private static boolean rowTotals(double[] max, double[] sum, double[] v, double[] rows, int d, int nb,
            MixtureStatistics<?> stats) {
        double threshold = stats.worstThreshold();
        double logLikelihood = stats.logLikelihood;
        double weight = stats.weight;
        boolean unexplained = false;
        for (int i = 0; i < nb; i++) {
            double vi = v[i];
            double lse = max[i] + Math.log(sum[i]);
            if (max[i] == Double.NEGATIVE_INFINITY) {
                lse = Double.NEGATIVE_INFINITY;
                unexplained = true;
            }
            sum[i] = vi / sum[i];
            if (vi > 0) {
                logLikelihood += vi * lse;
                weight += vi;
                if (lse <= threshold) {
                    stats.offerWorst(lse, rows, i * d);
                    threshold = stats.worstThreshold();
                }
            }
        }
        stats.logLikelihood = logLikelihood;
        stats.weight = weight;
        return unexplained;
    }

    /** Component 0: logp[i] += c; max[i] = logp[i]. */
    private static void shiftFirst(double[] logp, double c, double[] max, int nb) {
        for (int i = 0; i < nb; i++) {
            double t = logp[i] + c;
            logp[i] = t;
            max[i] = t;
        }
    }

    /** logp[off + i] += c; max[i] = max(max[i], logp[off + i]). */
    private static void shiftMax(double[] logp, int off, double c, double[] max, int nb) {
        for (int i = 0; i < nb; i++) {
            double t = logp[off + i] + c;
            logp[off + i] = t;
            max[i] = Math.max(max[i], t);
        }
    }

    /** Component 0: logp[i] = exp(logp[i] - max[i]); sum[i] = that. */
    private static void expFirst(double[] logp, double[] max, double[] sum, int nb) {
        for (int i = 0; i < nb; i++) {
            double e = Math.exp(logp[i] - max[i]);
            logp[i] = e;
            sum[i] = e;
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

    /** x[off + i] *= f[i]; returns Σ_i of the products, summed in row order. */
    private static double multiplySum(double[] x, int off, double[] f, int nb) {
        double s = 0;
        for (int i = 0; i < nb; i++) {
            double t = x[off + i] * f[i];
            x[off + i] = t;
            s += t;
        }
        return s;
    }

    /** x[off + i] *= f[i]. */
    private static void multiply(double[] x, int off, double[] f, int nb) {
        for (int i = 0; i < nb; i++) {
            x[off + i] *= f[i];
        }
    }

    private static double sum(double[] x, int off, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    /** log Σ_j exp(x[off + j]) over k terms; -∞ when all are -∞. */
    static double logSumExp(double[] x, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, x[off + j]);
        }
        if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(x[off + j] - max);
        }
        return max + Math.log(s);
    }

    /** An index drawn with probability p[j] (p sums to 1). */
    static int draw(double[] p, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int j = 0; j < p.length; j++) {
            if (p[j] > 0) {
                cumulative += p[j];
                last = j;
                if (u < cumulative) {
                    return j;
                }
            }
        }
        return last;
    }
}
