package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.Criteria;
import io.emkit.core.numeric.Matrix;
import java.io.Serializable;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Immutable parameters of one factor-analysis or probabilistic-PCA model,
 * {@code x = μ + W z + ε} with {@code z ~ N(0, I_q)} and {@code ε ~ N(0, Ψ)}, so
 * {@code x ~ N(μ, W Wᵀ + Ψ)}; Ψ is diagonal (factor analysis) or {@code σ² I} (PPCA). Also the fitted
 * model's queries: log densities in {@code O(d q)} per row (Woodbury, see {@link FactorAnalysers}),
 * the posterior mean of the factors ({@link #transform}), reconstructions, samples, BIC and AIC.
 *
 * <p>W is identified only up to a rotation {@code W R} ({@code R Rᵀ = I}); {@link #covariance()} is
 * invariant. Validated at construction; getters return copies; thread-safe and serialisable.
 */
public final class FactorParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    final FactorAnalysers set;
    private final boolean isotropic;

    FactorParameters(FactorAnalysers set, boolean isotropic) {
        this.set = set;
        this.isotropic = isotropic;
    }

    /**
     * Factor-analysis parameters.
     *
     * @param mean the mean μ, d finite values, {@code d >= 2}. Not modified.
     * @param loadings W, {@code d × q} finite, {@code 1 <= q < d}. Not modified.
     * @param noiseVariances the diagonal of Ψ, d values finite and {@code > 0}. Not modified.
     * @return the parameters
     * @throws IllegalArgumentException naming the first bad entry or shape
     */
    public static FactorParameters of(double[] mean, double[][] loadings, double[] noiseVariances) {
        Objects.requireNonNull(mean, "mean");
        return new FactorParameters(FactorAnalysers.of(new double[][] {mean}, new double[][][] {loadings},
                new double[][] {noiseVariances}), false);
    }

    /**
     * Probabilistic-PCA parameters.
     *
     * @param mean the mean μ, d finite values, {@code d >= 2}. Not modified.
     * @param loadings W, {@code d × q} finite, {@code 1 <= q < d}. Not modified.
     * @param noiseVariance σ², finite and {@code > 0}
     * @return the parameters
     * @throws IllegalArgumentException naming the first bad entry or shape
     */
    public static FactorParameters isotropic(double[] mean, double[][] loadings, double noiseVariance) {
        Objects.requireNonNull(mean, "mean");
        checkArgument(noiseVariance > 0 && noiseVariance < Double.POSITIVE_INFINITY,
                "noiseVariance (%s) must be finite and > 0", noiseVariance);
        double[] psi = new double[mean.length];
        java.util.Arrays.fill(psi, noiseVariance);
        return new FactorParameters(FactorAnalysers.of(new double[][] {mean}, new double[][][] {loadings},
                new double[][] {psi}), true);
    }

    /**
     * Whether Ψ is constrained to {@code σ² I} (probabilistic PCA), which changes the parameter count.
     *
     * @return true for PPCA
     */
    public boolean isIsotropic() {
        return isotropic;
    }

    /**
     * The dimension d.
     *
     * @return {@code d >= 2}
     */
    public int dimension() {
        return set.d;
    }

    /**
     * The number of factors q.
     *
     * @return {@code 1 <= q < d}
     */
    public int factors() {
        return set.q;
    }

    /**
     * The mean μ.
     *
     * @return a new array of length d
     */
    public double[] mean() {
        return set.mean(0);
    }

    /**
     * The loadings W.
     *
     * @return a new {@code d × q} matrix
     */
    public Matrix loadings() {
        return set.loadings(0);
    }

    /**
     * The noise variances, the diagonal of Ψ.
     *
     * @return a new array of length d, entries {@code > 0}
     */
    public double[] noiseVariances() {
        return set.noiseVariances(0);
    }

    /**
     * The PPCA noise variance σ².
     *
     * @return σ²
     * @throws IllegalStateException if the parameters are not isotropic
     */
    public double noiseVariance() {
        if (!isotropic) {
            throw new IllegalStateException("factor-analysis parameters have d noise variances; use noiseVariances()");
        }
        return set.noise[0];
    }

    /**
     * The model covariance {@code W Wᵀ + Ψ} (rotation-invariant).
     *
     * @return a new symmetric {@code d × d} matrix
     */
    public Matrix covariance() {
        return set.covariance(0);
    }

    /**
     * The posterior covariance of the factors, {@code (I + Wᵀ Ψ⁻¹ W)⁻¹}.
     *
     * @return a new {@code q × q} matrix
     */
    public Matrix posteriorCovariance() {
        return set.posteriorCovariance(0);
    }

    /**
     * The parameters as a one-component set of factor analysers.
     *
     * @return the immutable set (k = 1)
     */
    public FactorAnalysers components() {
        return set;
    }

    /**
     * Free parameters: {@code d + d q - q(q-1)/2 + d} (factor analysis) or {@code + 1} instead of the last
     * d (PPCA); the rotation freedom of W is subtracted.
     *
     * @return the count used by {@link #bic} and {@link #aic}
     */
    public long parameterCount() {
        return FactorAnalyserFamily.parameterCount(1, set.d, set.q, isotropic);
    }

    /**
     * {@code log N(x_i; μ, W Wᵀ + Ψ)} of every row, natural log, in {@code O(d q)} per row.
     *
     * @param data rows of dimension d (weights ignored). Not modified.
     * @return a new array of length n
     * @throws IllegalArgumentException if the dimension differs
     */
    public double[] logDensities(Dataset data) {
        checkDimension(data);
        double[] row = new double[set.d];
        double[] work = new double[Math.max(set.d, set.q)];
        double[] out = new double[data.size()];
        for (int i = 0; i < out.length; i++) {
            data.copyRows(i, i + 1, row, 0);
            out[i] = set.logDensity(0, row, 0, work);
        }
        return out;
    }

    /**
     * The total (sample-weighted) log-likelihood {@code Σ_i v_i log p(x_i)}.
     *
     * @param data rows of dimension d, with optional weights. Not modified.
     * @return the natural-log total
     * @throws IllegalArgumentException if the dimension differs
     */
    public double logLikelihood(Dataset data) {
        double[] ld = logDensities(data);
        double total = 0;
        for (int i = 0; i < ld.length; i++) {
            double v = data.weight(i);
            if (v != 0) {
                total += v * ld[i];
            }
        }
        return total;
    }

    /**
     * The observed-data log-likelihood {@code Σ_i v_i log N(x_i,o; μ_o, C_oo)} of rows with missing cells,
     * {@code C = W Wᵀ + Ψ} (rows missing in every column contribute 0); equal to
     * {@link #logLikelihood(Dataset)} up to round-off when no cell is missing.
     *
     * @param data rows of dimension d with NaN-masked missing cells, optional weights. Not modified.
     * @return the natural-log total
     * @throws IllegalArgumentException if the dimension differs
     */
    public double logLikelihood(io.emkit.core.IncompleteDataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(data.dimension() == set.d, "dimension mismatch: data have d = %s but the model has d = %s",
                data.dimension(), set.d);
        return IncompleteFactorEm.expect(this, data, false).logLikelihood();
    }

    /**
     * The mean log-likelihood per unit of sample weight (scikit-learn's {@code score}).
     *
     * @param data rows of dimension d. Not modified.
     * @return {@code logLikelihood(data) / data.totalWeight()}
     * @throws IllegalArgumentException if the dimension differs
     */
    public double score(Dataset data) {
        return logLikelihood(data) / data.totalWeight();
    }

    /**
     * {@code BIC = -2 lnL + p ln n}, n the total sample weight. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     * @throws IllegalArgumentException if the dimension differs
     */
    public double bic(Dataset data) {
        return Criteria.bic(logLikelihood(data), parameterCount(), data.totalWeight());
    }

    /**
     * {@code AIC = -2 lnL + 2p}. Lower is better.
     *
     * @param data rows of dimension d. Not modified.
     * @return the criterion
     * @throws IllegalArgumentException if the dimension differs
     */
    public double aic(Dataset data) {
        return Criteria.aic(logLikelihood(data), parameterCount());
    }

    /**
     * The posterior means of the factors, {@code E[z | x_i] = (I + Wᵀ Ψ⁻¹ W)⁻¹ Wᵀ Ψ⁻¹ (x_i - μ)}
     * (scikit-learn's {@code FactorAnalysis.transform}).
     *
     * @param data rows of dimension d. Not modified.
     * @return a new {@code n × q} matrix
     * @throws IllegalArgumentException if the dimension differs
     */
    public Matrix transform(Dataset data) {
        checkDimension(data);
        int n = data.size();
        double[] row = new double[set.d];
        double[] out = new double[Math.multiplyExact(n, set.q)];
        for (int i = 0; i < n; i++) {
            data.copyRows(i, i + 1, row, 0);
            set.posteriorMean(0, row, 0, out, i * set.q);
        }
        return Matrix.ofRowMajor(n, set.q, out);
    }

    /**
     * Reconstructions from the factors' posterior means, {@code μ + W E[z | x_i]}.
     *
     * @param data rows of dimension d. Not modified.
     * @return a new {@code n × d} matrix
     * @throws IllegalArgumentException if the dimension differs
     */
    public Matrix reconstruct(Dataset data) {
        Matrix z = transform(data);
        int n = data.size();
        int d = set.d;
        int q = set.q;
        double[] out = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double v = set.means[a];
                for (int c = 0; c < q; c++) {
                    v += set.loadings[a * q + c] * z.get(i, c);
                }
                out[i * d + a] = v;
            }
        }
        return Matrix.ofRowMajor(n, d, out);
    }

    /**
     * Draws n points {@code μ + W z + ε}.
     *
     * @param n number of points, {@code >= 1}
     * @param random the random source. Not null.
     * @return a new {@code n × d} matrix
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Matrix sample(int n, RandomGenerator random) {
        checkArgument(n >= 1, "n (%s) must be >= 1", n);
        Objects.requireNonNull(random, "random");
        int d = set.d;
        double[] out = new double[Math.multiplyExact(n, d)];
        FactorAnalyserFamily family = isotropic ? FactorAnalyserFamily.probabilisticPca(set.q)
                : FactorAnalyserFamily.factorAnalysers(set.q);
        for (int i = 0; i < n; i++) {
            family.sample(set, 0, random, out, i * d);
        }
        return Matrix.ofRowMajor(n, d, out);
    }

    private void checkDimension(Dataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(data.dimension() == set.d, "dimension mismatch: data have d = %s but the model has d = %s",
                data.dimension(), set.d);
    }

    @Override
    public String toString() {
        return (isotropic ? "PPCA" : "FactorAnalysis") + "Parameters[d=" + set.d + ", q=" + set.q + "]";
    }
}
