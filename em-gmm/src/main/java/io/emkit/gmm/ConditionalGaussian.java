package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.numeric.Matrix;
import java.util.Objects;

/**
 * The conditional-Gaussian algebra of one missingness pattern under one {@code N(μ, Σ)}, for models
 * outside this module that need the Ghahramani-Jordan E-step (factor analysis with missing values, for
 * one): with o the observed and m the missing coordinates, the observed marginal
 * {@code log N(x_o; μ_o, Σ_oo)}, the conditional mean {@code E[x_m | x_o] = μ_m + Σ_mo Σ_oo⁻¹ (x_o - μ_o)}
 * and the conditional covariance {@code Σ_mm - Σ_mo Σ_oo⁻¹ Σ_om}, the correction an expected scatter adds
 * on the missing block. The same factors {@link IncompleteGaussianMixture} uses, factored once at
 * construction ({@code O(d_o³ + d_m d_o²)}); immutable and thread-safe.
 */
public final class ConditionalGaussian {
    private final PatternFactors factors;

    private ConditionalGaussian(PatternFactors factors) {
        this.factors = factors;
    }

    /**
     * Factors a covariance for one pattern.
     *
     * @param covariance Σ, symmetric positive definite {@code d × d}. Not modified.
     * @param observed the observed column indices, ascending, at least one, in {@code [0, d)}. Not modified.
     * @param missing the other columns, ascending (possibly none). Not modified.
     * @return the factors
     * @throws IllegalArgumentException if the columns do not partition {@code [0, d)} or nothing is observed
     * @throws IllegalStateException if {@code Σ_oo} is not positive definite
     */
    public static ConditionalGaussian of(Matrix covariance, int[] observed, int[] missing) {
        Objects.requireNonNull(covariance, "covariance");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(missing, "missing");
        int d = covariance.rows();
        checkArgument(covariance.columns() == d, "covariance is %s × %s; it must be square", d, covariance.columns());
        checkArgument(observed.length >= 1, "observed columns are empty; a pattern needs at least one");
        checkArgument(observed.length + missing.length == d,
                "observed (%s) and missing (%s) columns must together be the d = %s columns", observed.length,
                missing.length, d);
        boolean[] seen = new boolean[d];
        for (int[] columns : new int[][] {observed, missing}) {
            for (int t = 0; t < columns.length; t++) {
                int c = columns[t];
                checkArgument(c >= 0 && c < d && !seen[c], "column index %s at position %s is out of [0, %s) or repeated",
                        c, t, d);
                checkArgument(t == 0 || columns[t - 1] < c, "column indices must ascend: %s follows %s at position %s",
                        c, t == 0 ? -1 : columns[t - 1], t);
                seen[c] = true;
            }
        }
        return new ConditionalGaussian(PatternFactors.of(covariance, observed.clone(), missing.clone()));
    }

    /**
     * The number of observed coordinates.
     *
     * @return {@code d_o >= 1}
     */
    public int observedCount() {
        return factors.observed.length;
    }

    /**
     * The number of missing coordinates.
     *
     * @return {@code d_m >= 0}
     */
    public int missingCount() {
        return factors.missing.length;
    }

    /**
     * The observed-marginal log density {@code log N(x_o; μ_o, Σ_oo)}, natural log.
     *
     * @param x a full row of length d; only the observed columns are read. Not modified.
     * @param mean μ, length d. Not modified.
     * @return the log density
     */
    public double logDensity(double[] x, double[] mean) {
        int[] obs = factors.observed;
        int no = obs.length;
        double[] z = new double[no];
        for (int a = 0; a < no; a++) {
            z[a] = x[obs[a]] - mean[obs[a]];
        }
        PatternFactors.forward(factors.lower, no, z);
        double q = 0;
        for (int a = 0; a < no; a++) {
            q += z[a] * z[a];
        }
        return factors.logNormaliser - 0.5 * q;
    }

    /**
     * Completes a row: the observed cells copied, every missing cell set to {@code E[x_m | x_o]}.
     *
     * @param x a full row of length d; only the observed columns are read. Not modified.
     * @param mean μ, length d. Not modified.
     * @param out receives the completed row, length d (may be {@code x} itself)
     */
    public void conditionalMean(double[] x, double[] mean, double[] out) {
        int[] obs = factors.observed;
        int[] mis = factors.missing;
        int no = obs.length;
        double[] reg = factors.regression;
        for (int s = 0; s < mis.length; s++) {
            double v = mean[mis[s]];
            for (int a = 0; a < no; a++) {
                v += reg[s * no + a] * (x[obs[a]] - mean[obs[a]]);
            }
            out[mis[s]] = v;
        }
        if (out != x) {
            for (int a : obs) {
                out[a] = x[a];
            }
        }
    }

    /**
     * One entry of the conditional covariance {@code Σ_mm - Σ_mo Σ_oo⁻¹ Σ_om}, indexed by position in the
     * missing columns.
     *
     * @param s position of a missing column, {@code [0, d_m)}
     * @param t position of a missing column, {@code [0, d_m)}
     * @return the covariance of {@code x_{m_s}} and {@code x_{m_t}} given {@code x_o}
     * @throws IndexOutOfBoundsException if s or t is out of range
     */
    public double conditionalCovariance(int s, int t) {
        int nm = factors.missing.length;
        return factors.conditional[Objects.checkIndex(s, nm) * nm + Objects.checkIndex(t, nm)];
    }
}
