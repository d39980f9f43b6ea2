package io.emkit.gmm;

import io.emkit.core.numeric.Matrix;
import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one Gaussian component needs for the rows of one missingness pattern, factored once per
 * pattern per component per parameter set (Ghahramani and Jordan 1994, "Supervised learning from
 * incomplete data via an EM approach", section 3). With o the observed and m the missing coordinates:
 * the lower Cholesky factor {@code L} of {@code Σ_oo}, the log normaliser
 * {@code -½ (d_o log 2π + log det Σ_oo)}, the regression {@code B = Σ_mo Σ_oo⁻¹} ({@code d_m × d_o})
 * so that {@code E[x_m | x_o] = μ_m + B (x_o - μ_o)}, and the conditional covariance
 * {@code C = Σ_mm - B Σ_om} ({@code d_m × d_m}), the correction the expected scatter adds.
 */
final class PatternFactors {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final int[] observed;
    final int[] missing;
    final double[] lower;       // d_o × d_o row-major, lower triangle
    final double logNormaliser;
    final double[] regression;  // d_m × d_o row-major
    final double[] conditional; // d_m × d_m row-major, symmetric
    private volatile double[] conditionalLower; // lazily, for sampling

    private PatternFactors(int[] observed, int[] missing, double[] lower, double logNormaliser, double[] regression,
            double[] conditional) {
        this.observed = observed;
        this.missing = missing;
        this.lower = lower;
        this.logNormaliser = logNormaliser;
        this.regression = regression;
        this.conditional = conditional;
    }

    /** Factors one component's full covariance {@code sigma} ({@code d × d}) for a pattern. */
    static PatternFactors of(Matrix sigma, int[] observed, int[] missing) {
        int no = observed.length;
        int nm = missing.length;
        double[] l = new double[no * no];
        for (int a = 0; a < no; a++) {
            for (int b = 0; b < no; b++) {
                l[a * no + b] = sigma.get(observed[a], observed[b]);
            }
        }
        if (!cholesky(l, no)) {
            throw new IllegalStateException("the observed block " + java.util.Arrays.toString(observed)
                    + " of a covariance is not positive definite");
        }
        double logDet = 0;
        for (int a = 0; a < no; a++) {
            logDet += 2 * Math.log(l[a * no + a]);
        }
        // B = Σ_mo Σ_oo⁻¹: row s solves Σ_oo bᵀ = Σ_o,m[s] (L then Lᵀ)
        double[] reg = new double[nm * no];
        double[] col = new double[no];
        for (int s = 0; s < nm; s++) {
            for (int a = 0; a < no; a++) {
                col[a] = sigma.get(observed[a], missing[s]);
            }
            forward(l, no, col);
            backward(l, no, col);
            System.arraycopy(col, 0, reg, s * no, no);
        }
        // C = Σ_mm - B Σ_om
        double[] cond = new double[nm * nm];
        for (int s = 0; s < nm; s++) {
            for (int t = 0; t < nm; t++) {
                double c = sigma.get(missing[s], missing[t]);
                for (int a = 0; a < no; a++) {
                    c -= reg[s * no + a] * sigma.get(observed[a], missing[t]);
                }
                cond[s * nm + t] = c;
            }
        }
        for (int s = 0; s < nm; s++) { // symmetrise the round-off
            for (int t = 0; t < s; t++) {
                double c = 0.5 * (cond[s * nm + t] + cond[t * nm + s]);
                cond[s * nm + t] = c;
                cond[t * nm + s] = c;
            }
        }
        return new PatternFactors(observed, missing, l, -0.5 * (no * LOG_2PI + logDet), reg, cond);
    }

    /** In-place lower Cholesky of a symmetric {@code n × n} row-major matrix; false if not positive definite. */
    static boolean cholesky(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int t = 0; t < j; t++) {
                    s -= a[i * n + t] * a[j * n + t];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    a[i * n + i] = Math.sqrt(s);
                } else {
                    a[i * n + j] = s / a[j * n + j];
                }
            }
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = 0;
            }
        }
        return true;
    }

    /** Solves {@code L z = v} in place. */
    static void forward(double[] l, int n, double[] v) {
        for (int a = 0; a < n; a++) {
            double s = v[a];
            for (int b = 0; b < a; b++) {
                s -= l[a * n + b] * v[b];
            }
            v[a] = s / l[a * n + a];
        }
    }

    /** Solves {@code Lᵀ z = v} in place. */
    static void backward(double[] l, int n, double[] v) {
        for (int a = n - 1; a >= 0; a--) {
            double s = v[a];
            for (int b = a + 1; b < n; b++) {
                s -= l[b * n + a] * v[b];
            }
            v[a] = s / l[a * n + a];
        }
    }

    /**
     * The lower Cholesky factor of {@code C} (for drawing {@code x_m | x_o}); a conditional covariance
     * that is singular by round-off gets a tiny ridge.
     */
    double[] conditionalLower() {
        double[] out = conditionalLower;
        if (out == null) {
            int nm = missing.length;
            double scale = 0;
            for (int s = 0; s < nm; s++) {
                scale = Math.max(scale, Math.abs(conditional[s * nm + s]));
            }
            double ridge = 0;
            while (true) {
                out = conditional.clone();
                for (int s = 0; s < nm; s++) {
                    out[s * nm + s] += ridge;
                }
                if (cholesky(out, nm)) {
                    break;
                }
                ridge = ridge == 0 ? 1e-12 * Math.max(scale, Double.MIN_NORMAL) : ridge * 10;
            }
            conditionalLower = out;
        }
        return out;
    }

    /**
     * The factors of every component of one parameter set, computed on first use of each pattern and
     * then shared by all chunks and threads of an E-step: a pattern is factored once per component per
     * parameter set, not once per row or per chunk.
     */
    static final class Cache {
        final GaussianMixture params;
        private final GaussianComponents set;
        private final ConcurrentHashMap<BitSet, PatternFactors[]> byPattern = new ConcurrentHashMap<>();

        Cache(GaussianMixture params) {
            this.params = params;
            this.set = params.componentSet();
        }

        /** The factors of a component set without mixture weights (HMM emissions: one Gaussian per state). */
        Cache(GaussianComponents set) {
            this.params = null;
            this.set = set;
        }

        /** The factors of every component for the pattern with these observed and missing columns. */
        PatternFactors[] get(int[] observed, int[] missing) {
            BitSet key = new BitSet();
            for (int a : observed) {
                key.set(a);
            }
            return byPattern.computeIfAbsent(key, unused -> {
                int k = set.size();
                PatternFactors[] out = new PatternFactors[k];
                for (int j = 0; j < k; j++) {
                    // tied and shared covariances could share factors; the cost is per pattern only
                    out[j] = of(set.covariance(j), observed, missing);
                }
                return out;
            });
        }
    }
}
