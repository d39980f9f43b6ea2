package io.emkit.gmm;

import io.emkit.core.IncompleteDataset;
import io.emkit.core.mixture.MixtureStatistics;
import java.util.Arrays;

/**
 * The E-step of {@link IncompleteGaussianMixture} over one chunk's rows with at least one but not all
 * coordinates missing: one missingness pattern at a time, in blocks of {@value #BLOCK} rows held
 * coordinate-major, so that every inner loop runs over rows and vectorises.
 *
 * <p>Per block and component j: residuals {@code Y = X_o - μ_j,o}, {@code Z = L⁻¹ Y} by forward
 * substitution and {@code q = Σ_a Z_a²} ({@link #logDensities}); responsibilities by log-sum-exp
 * ({@link #responsibilities}); the observed-space sums {@code s_o = Σ r y_o} and
 * {@code S_oo = Σ r y_o y_oᵀ} ({@link #observedSums}). At the end of a pattern they are mapped to the
 * full space with {@code y_m = B y_o}: {@code S_mo = B S_oo}, {@code S_mm = B S_oo Bᵀ + (Σ r) C}, the
 * conditional covariance correction once per pattern ({@link #toFullSpace}).
 *
 * <p>Use: {@link #startPattern}, {@link #block} for each block of the pattern's rows,
 * {@link #endPattern}; then {@link #statistics}. One instance per chunk; not thread-safe.
 */
final class IncompleteEStep {
    /** Rows of one pattern handled together. */
    static final int BLOCK = 64;

    private final int k;
    private final int d;
    private final boolean full;
    private final double[] means;       // k × d
    private final double[] logWeights;  // k

    private final double[] nk;
    private final double[] first;       // Σ r (x̂ - μ_j)
    private final double[] second;      // Σ r [(x̂ - μ_j)(x̂ - μ_j)ᵀ + C], lower / diagonal
    private double logLikelihood;
    private double weight;
    // the k worst-explained rows, kept by the mixture's own rule (and merged into the totals at the end)
    private final MixtureStatistics<GaussianAccumulator> worst;

    private final double[] xrow;
    private final double[] xo;          // observed values, coordinate-major
    private final double[] v = new double[BLOCK];
    private final double[] y;           // per component: residuals y_o, coordinate-major
    private final double[] z;
    private final double[] lp;          // log w_j f_j, then responsibilities
    private final double[] rowMax = new double[BLOCK];   // then log p(x_o)
    private final double[] rowSum = new double[BLOCK];
    private final double[] wr = new double[BLOCK];
    private final double[] wy = new double[BLOCK];
    private final double[] so;          // per pattern: Σ r y_o
    private final double[] soo;         // per pattern: Σ r y_o y_oᵀ (full, symmetric)
    private final double[] groupWeight; // per pattern: Σ r
    private final double[] completed;

    private PatternFactors[] f;
    private int[] obs;
    private int[] mis;

    /**
     * @param set the components
     * @param means their means, {@code k × d} flat
     * @param logWeights the log mixing weights
     */
    IncompleteEStep(GaussianComponents set, double[] means, double[] logWeights) {
        this.k = set.size();
        this.d = set.dimension();
        this.full = GaussianComponents.isFactored(set.type());
        this.means = means;
        this.logWeights = logWeights;
        this.nk = new double[k];
        this.first = new double[k * d];
        this.second = new double[full ? k * d * d : k * d];
        this.worst = MixtureStatistics.of(d, new double[k], new GaussianAccumulator(k, d, full), 0, 0);
        this.xrow = new double[d];
        this.xo = new double[d * BLOCK];
        this.y = new double[k * d * BLOCK];
        this.z = new double[d * BLOCK];
        this.lp = new double[k * BLOCK];
        this.so = new double[k * d];
        this.soo = new double[k * d * d];
        this.groupWeight = new double[k];
        this.completed = new double[d];
    }

    /** The chunk's rows with some but not all coordinates missing, grouped by pattern (stable). */
    static int[] incompleteRowsByPattern(IncompleteDataset chunk) {
        int n = chunk.size();
        long[] keys = new long[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (chunk.hasMissing(i) && !chunk.isEmptyRow(i)) {
                keys[m++] = ((long) chunk.pattern(i) << 32) | i;
            }
        }
        keys = Arrays.copyOf(keys, m);
        Arrays.sort(keys);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = (int) keys[i];
        }
        return out;
    }

    /** Begins a pattern: its factors per component, its observed and missing columns (ascending). */
    void startPattern(PatternFactors[] factors, int[] observed, int[] missing) {
        this.f = factors;
        this.obs = observed;
        this.mis = missing;
        Arrays.fill(so, 0);
        Arrays.fill(soo, 0);
        Arrays.fill(groupWeight, 0);
    }

    /** Adds rows {@code order[from .. from + nb)} of the chunk, all of the current pattern. */
    void block(IncompleteDataset chunk, int[] order, int from, int nb) {
        load(chunk, order, from, nb);
        logDensities(nb);
        responsibilities(nb);
        observedSums(nb);
        offerWorst(nb);
    }

    /** Maps the pattern's observed-space sums into the full-space ones. */
    void endPattern() {
        for (int j = 0; j < k; j++) {
            if (groupWeight[j] > 0) {
                toFullSpace(f[j], obs, mis, d, full, so, j * d, soo, j * d * d, groupWeight[j], first, j * d,
                        second, full ? j * d * d : j * d);
            }
        }
    }

    /** The chunk's statistics, with its worst-explained rows. */
    MixtureStatistics<GaussianAccumulator> statistics() {
        GaussianAccumulator acc = new GaussianAccumulator(k, d, full);
        for (int j = 0; j < k; j++) {
            acc.setFromReference(j, nk[j], means, j * d, first, j * d, second, full ? j * d * d : j * d);
        }
        return MixtureStatistics.of(d, nk, acc, logLikelihood, weight).merge(worst);
    }

    /** The block's observed values, coordinate-major, and its row weights. */
    private void load(IncompleteDataset chunk, int[] order, int from, int nb) {
        final int[] obs = this.obs;
        final double[] xo = this.xo;
        final double[] xrow = this.xrow;
        for (int i = 0; i < nb; i++) {
            int row = order[from + i];
            chunk.copyRows(row, row + 1, xrow, 0);
            v[i] = chunk.weight(row);
            for (int a = 0; a < obs.length; a++) {
                xo[a * BLOCK + i] = xrow[obs[a]];
            }
        }
    }

    /** {@code lp_j = log w_j + log N(x_o | μ_j,o, Σ_j,oo)} per row, keeping the residuals in y. */
    private void logDensities(int nb) {
        final int no = obs.length;
        final double[] xo = this.xo;
        final double[] y = this.y;
        final double[] z = this.z;
        final double[] rowSum = this.rowSum;
        for (int j = 0; j < k; j++) {
            PatternFactors pf = f[j];
            double[] l = pf.lower;
            int yj = j * d * BLOCK;
            int lj = j * BLOCK;
            Arrays.fill(rowSum, 0, nb, 0.0); // q, the squared Mahalanobis distance
            for (int a = 0; a < no; a++) {
                // y_a = x_a - μ_a; z_a = (y_a - Σ_{b<a} L_ab z_b) / L_aa; q += z_a²
                double mu = means[j * d + obs[a]];
                int ya = yj + a * BLOCK;
                int za = a * BLOCK;
                for (int i = 0; i < nb; i++) {
                    double r = xo[za + i] - mu;
                    y[ya + i] = r;
                    z[za + i] = r;
                }
                int b = 0;
                for (; b + 3 < a; b += 4) { // four columns of L per pass over the block
                    double l0 = l[a * no + b];
                    double l1 = l[a * no + b + 1];
                    double l2 = l[a * no + b + 2];
                    double l3 = l[a * no + b + 3];
                    int z0 = b * BLOCK;
                    for (int i = 0; i < nb; i++) {
                        z[za + i] -= l0 * z[z0 + i] + l1 * z[z0 + BLOCK + i] + l2 * z[z0 + 2 * BLOCK + i]
                                + l3 * z[z0 + 3 * BLOCK + i];
                    }
                }
                for (; b < a; b++) {
                    double lab = l[a * no + b];
                    int zb = b * BLOCK;
                    for (int i = 0; i < nb; i++) {
                        z[za + i] -= lab * z[zb + i];
                    }
                }
                double inverse = 1.0 / l[a * no + a];
                for (int i = 0; i < nb; i++) {
                    double t = z[za + i] * inverse;
                    z[za + i] = t;
                    rowSum[i] += t * t;
                }
            }
            double base = logWeights[j] + pf.logNormaliser;
            for (int i = 0; i < nb; i++) {
                lp[lj + i] = base - 0.5 * rowSum[i];
            }
        }
    }

    /**
     * Log-sum-exp over the components: {@code rowMax = log p(x_o)}, {@code lp = exp(lp - max)} and
     * {@code rowSum = 1 / Σ_j exp(lp_j - max)}; adds the block's log-likelihood and weight.
     */
    private void responsibilities(int nb) {
        final double[] lp = this.lp;
        final double[] rowMax = this.rowMax;
        final double[] rowSum = this.rowSum;
        System.arraycopy(lp, 0, rowMax, 0, nb);
        for (int j = 1; j < k; j++) {
            for (int i = 0; i < nb; i++) {
                rowMax[i] = Math.max(rowMax[i], lp[j * BLOCK + i]);
            }
        }
        Arrays.fill(rowSum, 0, nb, 0.0);
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < nb; i++) {
                double e = Math.exp(lp[j * BLOCK + i] - rowMax[i]);
                lp[j * BLOCK + i] = e;
                rowSum[i] += e;
            }
        }
        for (int i = 0; i < nb; i++) {
            double logp = rowMax[i] + Math.log(rowSum[i]);
            rowMax[i] = logp; // now log p(x_o)
            rowSum[i] = 1.0 / rowSum[i];
            logLikelihood += v[i] * logp;
            weight += v[i];
        }
    }

    /**
     * Turns {@code lp} into responsibilities and adds, per component, {@code N_j}, the pattern's
     * {@code Σ r} and its observed-space sums {@code s_o} and {@code S_oo} (the diagonal only for
     * diagonal models; the lower triangle otherwise).
     */
    private void observedSums(int nb) {
        final int no = obs.length;
        final double[] lp = this.lp;
        final double[] y = this.y;
        final double[] wr = this.wr;
        final double[] wy = this.wy;
        for (int j = 0; j < k; j++) {
            int lj = j * BLOCK;
            int yj = j * d * BLOCK;
            double total = 0;
            for (int i = 0; i < nb; i++) {
                double r = lp[lj + i] * rowSum[i];
                lp[lj + i] = r;
                wr[i] = v[i] * r;
                total += wr[i];
            }
            nk[j] += total;
            groupWeight[j] += total;
            if (!(total > 0)) {
                continue;
            }
            int sj = j * d;
            int qj = j * d * d;
            for (int a = 0; a < no; a++) {
                int ya = yj + a * BLOCK;
                for (int i = 0; i < nb; i++) {
                    wy[i] = wr[i] * y[ya + i];
                }
                so[sj + a] += GaussianKernels.dot(wr, 0, y, ya, nb);
                for (int b = full ? 0 : a; b <= a; b++) {
                    soo[qj + a * d + b] += GaussianKernels.dot(wy, 0, y, yj + b * BLOCK, nb);
                }
            }
        }
    }

    /**
     * Offers the block's rows of positive weight as worst explained, for re-seeding; a row is
     * completed by its conditional mean {@code Σ_j r_j (μ_j,m + B_j y_j,o)} only if it can enter the list.
     */
    private void offerWorst(int nb) {
        final int no = obs.length;
        final int nm = mis.length;
        for (int i = 0; i < nb; i++) {
            double logp = rowMax[i];
            if (!(v[i] > 0 && logp <= worst.worstThreshold())) {
                continue;
            }
            Arrays.fill(completed, 0);
            for (int a = 0; a < no; a++) {
                completed[obs[a]] = xo[a * BLOCK + i];
            }
            for (int j = 0; j < k; j++) {
                double r = lp[j * BLOCK + i];
                double[] reg = f[j].regression;
                for (int s = 0; s < nm; s++) {
                    double ym = 0;
                    for (int a = 0; a < no; a++) {
                        ym += reg[s * no + a] * y[j * d * BLOCK + a * BLOCK + i];
                    }
                    completed[mis[s]] += r * (means[j * d + mis[s]] + ym);
                }
            }
            worst.offerWorstRow(logp, completed, 0);
        }
    }

    /**
     * Adds one pattern's observed-space sums to the full-space ones: with {@code y_m = B y_o},
     * {@code s_m = B s_o}, {@code S_mo = B S_oo}, {@code S_mm = B S_oo Bᵀ + N C} ({@code N} the pattern's
     * summed weight). {@code soo} holds the lower triangle (full models) or the diagonal; {@code second}
     * receives the lower triangle ({@code d × d}) or the diagonal ({@code d}).
     */
    private static void toFullSpace(PatternFactors pf, int[] obs, int[] mis, int d, boolean full, double[] so,
            int soOff, double[] soo, int sooOff, double n, double[] first, int firstOff, double[] second, int secondOff) {
        int no = obs.length;
        int nm = mis.length;
        double[] reg = pf.regression;
        double[] c = pf.conditional;
        for (int a = 0; a < no; a++) {
            first[firstOff + obs[a]] += so[soOff + a];
        }
        for (int s = 0; s < nm; s++) {
            double acc = 0;
            for (int a = 0; a < no; a++) {
                acc += reg[s * no + a] * so[soOff + a];
            }
            first[firstOff + mis[s]] += acc;
        }
        if (!full) {
            // diagonal models: only diag(S) is kept. S_mm,ss = b_sᵀ S_oo b_s + N C_ss, and with a diagonal
            // Σ the regression B is zero, so only the observed diagonal and the correction remain
            for (int a = 0; a < no; a++) {
                second[secondOff + obs[a]] += soo[sooOff + a * d + a];
            }
            for (int s = 0; s < nm; s++) {
                second[secondOff + mis[s]] += n * c[s * nm + s];
            }
            return;
        }
        // the observed block, lower triangle (obs ascending, so obs[a] >= obs[b] for b <= a)
        for (int a = 0; a < no; a++) {
            for (int b = 0; b <= a; b++) {
                second[secondOff + obs[a] * d + obs[b]] += soo[sooOff + a * d + b];
            }
        }
        // M = B S_oo (nm × no), with S_oo symmetric from its lower triangle
        double[] m = new double[nm * no];
        for (int s = 0; s < nm; s++) {
            for (int b = 0; b < no; b++) {
                double acc = 0;
                for (int a = 0; a < no; a++) {
                    double sab = a >= b ? soo[sooOff + a * d + b] : soo[sooOff + b * d + a];
                    acc += reg[s * no + a] * sab;
                }
                m[s * no + b] = acc;
            }
        }
        for (int s = 0; s < nm; s++) {
            int row = mis[s];
            for (int b = 0; b < no; b++) {
                int col = obs[b];
                // S[mis_s][obs_b] into the lower triangle
                second[secondOff + Math.max(row, col) * d + Math.min(row, col)] += m[s * no + b];
            }
            for (int t = 0; t <= s; t++) {
                double acc = n * c[s * nm + t];
                for (int b = 0; b < no; b++) {
                    acc += m[s * no + b] * reg[t * no + b];
                }
                second[secondOff + row * d + mis[t]] += acc; // mis ascending: row >= mis[t]
            }
        }
    }
}
