package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.numeric.Matrix;
import java.io.Serializable;
import java.util.Objects;

/**
 * An immutable set of k factor analysers in dimension d with q factors each: component j is the
 * Gaussian {@code N(μ_j, W_j W_jᵀ + Ψ_j)} with a {@code d × q} loading matrix {@code W_j} and a
 * diagonal noise {@code Ψ_j} (all equal for probabilistic PCA: {@code σ_j² I}). The component set of
 * {@link FactorAnalyserFamily}.
 *
 * <p>What the densities need is precomputed once, so a log density costs {@code O(d q)}: with
 * {@code M_j = I + W_jᵀ Ψ_j⁻¹ W_j = L_j L_jᵀ} (q × q), the matrix determinant lemma gives
 * {@code log|C_j| = Σ_a log ψ_ja + 2 Σ_c log L_j,cc} and Woodbury gives
 * {@code eᵀ C_j⁻¹ e = Σ_a e_a² / ψ_ja - |A_jᵀ e|²} with {@code A_j = Ψ_j⁻¹ W_j L_j⁻ᵀ} (d × q); no d × d
 * matrix is formed. The posterior of the factors is {@code z | x, j ~ N(β_j (x - μ_j), M_j⁻¹)} with
 * {@code β_j = M_j⁻¹ W_jᵀ Ψ_j⁻¹ = W_jᵀ C_j⁻¹}.
 *
 * <p>Validated at construction: finite means and loadings, noise variances finite and {@code > 0},
 * {@code 1 <= q < d}. Getters return copies; instances are thread-safe and serialisable.
 */
public final class FactorAnalysers implements Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final int q;
    final double[] means;     // k × d
    final double[] loadings;  // k × d × q
    final double[] noise;     // k × d
    /** A reference set (initialisation): the family's M-step from it is the closed form, not an EM step. */
    final boolean reference;

    // derived
    final double[] logNormaliser; // k: -½ (d log 2π + log|C_j|)
    final double[] inverseNoise;  // k × d
    final double[] woodbury;      // k × d × q: A_j
    final double[] beta;          // k × q × d: β_j
    final double[] posteriorCovariance; // k × q × q: M_j⁻¹

    FactorAnalysers(int k, int d, int q, double[] means, double[] loadings, double[] noise, boolean reference) {
        this.k = k;
        this.d = d;
        this.q = q;
        this.means = means;
        this.loadings = loadings;
        this.noise = noise;
        this.reference = reference;
        this.logNormaliser = new double[k];
        this.inverseNoise = new double[k * d];
        this.woodbury = new double[k * d * q];
        this.beta = new double[k * q * d];
        this.posteriorCovariance = new double[k * q * q];
        double[] m = new double[q * q];
        double[] col = new double[q];
        double log2pi = Math.log(2 * Math.PI);
        for (int j = 0; j < k; j++) {
            int wj = j * d * q;
            double logDet = 0;
            for (int a = 0; a < d; a++) {
                inverseNoise[j * d + a] = 1.0 / noise[j * d + a];
                logDet += Math.log(noise[j * d + a]);
            }
            // M = I + Wᵀ Ψ⁻¹ W
            java.util.Arrays.fill(m, 0.0);
            for (int a = 0; a < d; a++) {
                double ip = inverseNoise[j * d + a];
                int row = wj + a * q;
                for (int c = 0; c < q; c++) {
                    double wc = loadings[row + c] * ip;
                    for (int e = 0; e <= c; e++) {
                        m[c * q + e] += wc * loadings[row + e];
                    }
                }
            }
            for (int c = 0; c < q; c++) {
                m[c * q + c] += 1.0;
            }
            if (!FactorKernels.cholesky(m, q)) {
                throw new IllegalArgumentException("component " + j + ": I + W^T Psi^-1 W is not positive definite"
                        + " (loadings or noise variances out of floating-point range)");
            }
            for (int c = 0; c < q; c++) {
                logDet += 2 * Math.log(m[c * q + c]);
            }
            logNormaliser[j] = -0.5 * (d * log2pi + logDet);
            // A row a = L⁻¹ (Ψ⁻¹ W)_a ; β column a = M⁻¹ (Ψ⁻¹ W)_aᵀ = L⁻ᵀ A_a
            for (int a = 0; a < d; a++) {
                double ip = inverseNoise[j * d + a];
                for (int c = 0; c < q; c++) {
                    col[c] = loadings[wj + a * q + c] * ip;
                }
                FactorKernels.forward(m, q, col, 0);
                System.arraycopy(col, 0, woodbury, wj + a * q, q);
                FactorKernels.backward(m, q, col, 0);
                for (int c = 0; c < q; c++) {
                    beta[j * q * d + c * d + a] = col[c];
                }
            }
            double[] inv = new double[q * q];
            FactorKernels.inverseFromCholesky(m, q, inv);
            System.arraycopy(inv, 0, posteriorCovariance, j * q * q, q * q);
        }
    }

    /**
     * A validated set of factor analysers.
     *
     * @param means {@code k × d} component means, finite. Not modified.
     * @param loadings {@code k × d × q} loading matrices, finite. Not modified.
     * @param noiseVariances {@code k × d} diagonal noise variances, finite and {@code > 0}. Not modified.
     * @return the set
     * @throws IllegalArgumentException naming the first entry that is ragged, missing, not finite or not
     *     positive, or if {@code q >= d}
     */
    public static FactorAnalysers of(double[][] means, double[][][] loadings, double[][] noiseVariances) {
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(loadings, "loadings");
        Objects.requireNonNull(noiseVariances, "noiseVariances");
        int k = means.length;
        checkArgument(k >= 1, "means is empty: need at least one component");
        checkArgument(loadings.length == k && noiseVariances.length == k,
                "means has %s components but loadings has %s and noiseVariances %s", k, loadings.length,
                noiseVariances.length);
        checkArgument(means[0] != null && means[0].length >= 2, "means[0] must have d >= 2 entries");
        int d = means[0].length;
        checkArgument(loadings[0] != null && loadings[0].length == d && loadings[0][0] != null,
                "loadings[0] must have d = %s rows", d);
        int q = loadings[0][0].length;
        checkArgument(q >= 1 && q < d, "factors q (%s) must be >= 1 and < d (%s)", q, d);
        double[] mu = new double[k * d];
        double[] w = new double[k * d * q];
        double[] psi = new double[k * d];
        for (int j = 0; j < k; j++) {
            checkArgument(means[j] != null && means[j].length == d, "means[%s] must have length d = %s", j, d);
            checkArgument(loadings[j] != null && loadings[j].length == d, "loadings[%s] must have d = %s rows", j, d);
            checkArgument(noiseVariances[j] != null && noiseVariances[j].length == d,
                    "noiseVariances[%s] must have length d = %s", j, d);
            for (int a = 0; a < d; a++) {
                double m = means[j][a];
                checkArgument(Double.isFinite(m), "means[%s][%s] is %s; must be finite", j, a, m);
                mu[j * d + a] = m;
                double p = noiseVariances[j][a];
                checkArgument(p > 0 && p < Double.POSITIVE_INFINITY,
                        "noiseVariances[%s][%s] is %s; must be finite and > 0", j, a, p);
                psi[j * d + a] = p;
                checkArgument(loadings[j][a] != null && loadings[j][a].length == q,
                        "loadings[%s][%s] must have q = %s entries", j, a, q);
                for (int c = 0; c < q; c++) {
                    double v = loadings[j][a][c];
                    checkArgument(Double.isFinite(v), "loadings[%s][%s][%s] is %s; must be finite", j, a, c, v);
                    w[(j * d + a) * q + c] = v;
                }
            }
        }
        return new FactorAnalysers(k, d, q, mu, w, psi, false);
    }

    /**
     * The number of components k.
     *
     * @return {@code k >= 1}
     */
    public int components() {
        return k;
    }

    /**
     * The dimension d.
     *
     * @return {@code d >= 2}
     */
    public int dimension() {
        return d;
    }

    /**
     * The number of factors q per component.
     *
     * @return {@code 1 <= q < d}
     */
    public int factors() {
        return q;
    }

    /**
     * Component j's mean.
     *
     * @param j component index in {@code [0, k)}
     * @return a new array of length d
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public double[] mean(int j) {
        Objects.checkIndex(j, k);
        return java.util.Arrays.copyOfRange(means, j * d, (j + 1) * d);
    }

    /**
     * Component j's loading matrix W_j.
     *
     * @param j component index in {@code [0, k)}
     * @return a new {@code d × q} matrix
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public Matrix loadings(int j) {
        Objects.checkIndex(j, k);
        return Matrix.ofRowMajor(d, q, java.util.Arrays.copyOfRange(loadings, j * d * q, (j + 1) * d * q));
    }

    /**
     * Component j's noise variances, the diagonal of Ψ_j.
     *
     * @param j component index in {@code [0, k)}
     * @return a new array of length d, entries {@code > 0}
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public double[] noiseVariances(int j) {
        Objects.checkIndex(j, k);
        return java.util.Arrays.copyOfRange(noise, j * d, (j + 1) * d);
    }

    /**
     * Component j's covariance {@code W_j W_jᵀ + Ψ_j}, invariant under rotations of the factors.
     *
     * @param j component index in {@code [0, k)}
     * @return a new symmetric {@code d × d} matrix
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public Matrix covariance(int j) {
        Objects.checkIndex(j, k);
        double[] c = new double[d * d];
        int wj = j * d * q;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = 0;
                for (int e = 0; e < q; e++) {
                    v += loadings[wj + a * q + e] * loadings[wj + b * q + e];
                }
                c[a * d + b] = v;
                c[b * d + a] = v;
            }
            c[a * d + a] += noise[j * d + a];
        }
        return Matrix.ofRowMajor(d, d, c);
    }

    /**
     * Component j's posterior factor covariance {@code Cov(z | x, j) = M_j⁻¹ = (I + W_jᵀ Ψ_j⁻¹ W_j)⁻¹},
     * the same for every x.
     *
     * @param j component index in {@code [0, k)}
     * @return a new symmetric {@code q × q} matrix
     * @throws IndexOutOfBoundsException if j is out of range
     */
    public Matrix posteriorCovariance(int j) {
        Objects.checkIndex(j, k);
        return Matrix.ofRowMajor(q, q, java.util.Arrays.copyOfRange(posteriorCovariance, j * q * q, (j + 1) * q * q));
    }

    /**
     * Whether every component's noise variances are all equal (a probabilistic PCA set).
     *
     * @return true if each {@code Ψ_j = σ_j² I}
     */
    public boolean isIsotropic() {
        for (int j = 0; j < k; j++) {
            for (int a = 1; a < d; a++) {
                if (noise[j * d + a] != noise[j * d]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code log N(x; μ_j, C_j)} of the d values at {@code x[off]}. */
    double logDensity(int j, double[] x, int off, double[] work) {
        int mj = j * d;
        int wj = j * d * q;
        java.util.Arrays.fill(work, 0, q, 0.0);
        double quad = 0;
        for (int a = 0; a < d; a++) {
            double e = x[off + a] - means[mj + a];
            quad += e * e * inverseNoise[mj + a];
            int row = wj + a * q;
            for (int c = 0; c < q; c++) {
                work[c] += woodbury[row + c] * e;
            }
        }
        for (int c = 0; c < q; c++) {
            quad -= work[c] * work[c];
        }
        return logNormaliser[j] - 0.5 * Math.max(quad, 0.0);
    }

    /** {@code out[outOff..+q) = E[z | x, j] = β_j (x - μ_j)}. */
    void posteriorMean(int j, double[] x, int off, double[] out, int outOff) {
        int mj = j * d;
        int bj = j * q * d;
        for (int c = 0; c < q; c++) {
            double v = 0;
            for (int a = 0; a < d; a++) {
                v += beta[bj + c * d + a] * (x[off + a] - means[mj + a]);
            }
            out[outOff + c] = v;
        }
    }

    /** This set with component j replaced (trusted arrays of one component). */
    FactorAnalysers withComponent(int j, double[] mean, double[] w, double[] psi) {
        double[] mu = means.clone();
        double[] ww = loadings.clone();
        double[] ps = noise.clone();
        System.arraycopy(mean, 0, mu, j * d, d);
        System.arraycopy(w, 0, ww, j * d * q, d * q);
        System.arraycopy(psi, 0, ps, j * d, d);
        return new FactorAnalysers(k, d, q, mu, ww, ps, false);
    }

    @Override
    public String toString() {
        return "FactorAnalysers[k=" + k + ", d=" + d + ", q=" + q + "]";
    }
}
