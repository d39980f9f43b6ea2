package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The family of factor analysers with q factors: component j is {@code N(μ_j, W_j W_jᵀ + Ψ_j)}, with a
 * diagonal {@code Ψ_j} (factor analysis) or {@code Ψ_j = σ_j² I} (probabilistic PCA). A mixture over it,
 * {@code Mixture.builder(FactorAnalyserFamily.factorAnalysers(q)).components(k).build()}, is the mixture
 * of factor analysers (Ghahramani &amp; Hinton 1996; McLachlan &amp; Peel 2000, ch. 8) or of PPCA (Tipping
 * &amp; Bishop 1999); with k = 1 it is {@link FactorAnalysis} or {@link PPCA}.
 *
 * <h2>M-step from parameter-free moments</h2>
 * The E-step only sums, per component, {@code N_j}, the weighted mean {@code m_j} and the centred
 * scatter, so {@code S_j = M_j / N_j} ({@link FactorMoments}). With the responsibilities {@code r_ij}
 * fixed, the mixture's lower bound separates into one factor-analysis likelihood per component,
 * {@code -N_j/2 [log|C_j| + tr(C_j⁻¹ (S_j + (m_j - μ_j)(m_j - μ_j)ᵀ))]}. Its maximiser over the mean is
 * {@code μ_j = m_j} whatever {@code C_j}; one EM step for {@code (W_j, Ψ_j)} from the previous values,
 * with the factors as missing data, then needs only {@code S_j}: with {@code β = W_jᵀ C_j⁻¹} of the
 * previous parameters, {@code Σ_i r_ij (x_i - m_j) E[z_i]ᵀ = N_j S_j βᵀ} and
 * {@code Σ_i r_ij E[z_i z_iᵀ] = N_j (M_j⁻¹ + β S_j βᵀ)}, so
 * <pre>
 *   W_j ← S_j βᵀ (M⁻¹ + β S_j βᵀ)⁻¹,    Ψ_j ← diag(S_j - W_j β S_j),    σ_j² ← tr(S_j - W_j β S_j) / d
 * </pre>
 * (Rubin &amp; Thayer 1982; Tipping &amp; Bishop 1999, eq. 29-30). Each block increases its term, so the
 * whole iteration is a generalised EM step and the log-likelihood cannot decrease. Cost per
 * iteration and component: {@code O(d² q)}, independent of n.
 *
 * <h2>Starts and repairs</h2>
 * From a {@linkplain #reference reference} set (what initialisation from hard labels or responsibilities
 * uses) the M-step is the closed-form PPCA of each {@code S_j} (eigen-decomposition), with
 * {@code Ψ_j = diag(S_j - W_j W_jᵀ)} for factor analysis. Noise variances are raised to at least
 * {@code max(noiseFloor, 1e-12 · s̄)}, s̄ the data's mean variance; when the built-in {@code 1e-12 · s̄}
 * floor binds (a Heywood case, a constant feature), a {@link FitWarning.CovarianceRegularised} says so.
 * A component with {@code N_j <= 1e-10 · Σ N} keeps its values and is reported empty; the
 * {@link #reseed} rule puts its mean at the given observation with the loadings and noise of the
 * closed-form PPCA of all the data.
 *
 * <p>Instances are immutable, thread-safe and serialisable.
 */
public final class FactorAnalyserFamily implements Family<FactorAnalysers, FactorMoments> {
    private static final long serialVersionUID = 1L;

    /** A component is empty when {@code N_j <= EMPTY_FRACTION · Σ_j N_j}. */
    public static final double EMPTY_FRACTION = 1e-10;
    /** The built-in noise floor, relative to the data's mean variance. */
    public static final double RELATIVE_NOISE_FLOOR = 1e-12;

    private final int factors;
    private final boolean isotropic;
    private final double noiseFloor;

    private FactorAnalyserFamily(int factors, boolean isotropic, double noiseFloor) {
        checkArgument(factors >= 1, "factors q (%s) must be >= 1", factors);
        checkArgument(noiseFloor >= 0 && noiseFloor < Double.POSITIVE_INFINITY,
                "noiseFloor (%s) must be finite and >= 0", noiseFloor);
        this.factors = factors;
        this.isotropic = isotropic;
        this.noiseFloor = noiseFloor;
    }

    /**
     * Factor analysers with q factors and a diagonal noise per component.
     *
     * @param q the number of factors, {@code >= 1} (and {@code < d} of the data)
     * @return the family
     * @throws IllegalArgumentException if {@code q < 1}
     */
    public static FactorAnalyserFamily factorAnalysers(int q) {
        return new FactorAnalyserFamily(q, false, 0);
    }

    /**
     * Probabilistic PCA with q components: one noise variance {@code σ_j²} per component.
     *
     * @param q the number of principal components, {@code >= 1} (and {@code < d} of the data)
     * @return the family
     * @throws IllegalArgumentException if {@code q < 1}
     */
    public static FactorAnalyserFamily probabilisticPca(int q) {
        return new FactorAnalyserFamily(q, true, 0);
    }

    /**
     * This family with an absolute floor on every noise variance (a regulariser, as
     * {@code regCovar} for Gaussian mixtures: a mixture's components cannot collapse on a constant
     * feature).
     *
     * @param floor the floor, finite and {@code >= 0} (0: only the built-in relative floor)
     * @return a new family
     * @throws IllegalArgumentException if negative or not finite
     */
    public FactorAnalyserFamily withNoiseFloor(double floor) {
        return new FactorAnalyserFamily(factors, isotropic, floor);
    }

    /**
     * The number of factors q.
     *
     * @return {@code q >= 1}
     */
    public int factors() {
        return factors;
    }

    /**
     * Whether the noise is isotropic (probabilistic PCA).
     *
     * @return true for PPCA
     */
    public boolean isIsotropic() {
        return isotropic;
    }

    /**
     * The absolute noise floor.
     *
     * @return the floor, {@code >= 0}
     */
    public double noiseFloor() {
        return noiseFloor;
    }

    @Override
    public String name() {
        return isotropic ? "ppca" : "factorAnalyser";
    }

    @Override
    public int components(FactorAnalysers set) {
        return set.k;
    }

    @Override
    public int dimension(FactorAnalysers set) {
        return set.d;
    }

    @Override
    public Kernel<FactorMoments> kernel(FactorAnalysers set) {
        checkSet(set);
        return new FactorKernel(set);
    }

    void checkSet(FactorAnalysers set) {
        Objects.requireNonNull(set, "set");
        checkArgument(set.q == factors, "the components have q = %s factors but the family has %s", set.q, factors);
    }

    /**
     * {@code k·[d + d q - q(q-1)/2 + (d or 1)]}: means, loadings less their rotation freedom, noise.
     *
     * @param set the components
     * @return the count
     */
    @Override
    public long parameterCount(FactorAnalysers set) {
        return parameterCount(set.k, set.d, set.q, isotropic);
    }

    static long parameterCount(long k, long d, long q, boolean isotropic) {
        return k * (d + d * q - q * (q - 1) / 2 + (isotropic ? 1 : d));
    }

    @Override
    public boolean isRegularised() {
        return noiseFloor > 0;
    }

    /** Every component at the data's mean, unit noise and unit loadings on the first q axes. */
    @Override
    public FactorAnalysers reference(Dataset data, int k) {
        int d = data.dimension();
        checkArgument(factors < d, "factors q (%s) must be < d (%s)", factors, d);
        double[] mean = new double[d];
        double total = data.totalWeight();
        double[] row = new double[d];
        for (int i = 0; i < data.size(); i++) {
            double w = data.weight(i);
            if (w > 0) {
                data.copyRows(i, i + 1, row, 0);
                for (int a = 0; a < d; a++) {
                    mean[a] += w / total * row[a];
                }
            }
        }
        double[] means = new double[k * d];
        double[] w = new double[k * d * factors];
        double[] psi = new double[k * d];
        Arrays.fill(psi, 1.0);
        for (int j = 0; j < k; j++) {
            System.arraycopy(mean, 0, means, j * d, d);
            for (int c = 0; c < factors; c++) {
                w[(j * d + c) * factors + c] = 1.0;
            }
        }
        return new FactorAnalysers(k, d, factors, means, w, psi, true);
    }

    @Override
    public FactorAnalysers estimate(FactorMoments s, FactorAnalysers previous, Repairs repairs) {
        checkSet(previous);
        checkArgument(s.k == previous.k && s.d == previous.d,
                "statistics of k = %s, d = %s do not match components of k = %s, d = %s", s.k, s.d, previous.k,
                previous.d);
        final int k = previous.k;
        final int d = previous.d;
        final int q = factors;
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += s.weight[j];
        }
        double floor = Math.max(noiseFloor, RELATIVE_NOISE_FLOOR * meanVariance(s));
        double[] means = previous.means.clone();
        double[] loadings = previous.loadings.clone();
        double[] noise = previous.noise.clone();
        double[] w = new double[d * q];
        double[] psi = new double[d];
        for (int j = 0; j < k; j++) {
            double nj = s.weight[j];
            boolean ok = nj > EMPTY_FRACTION * total && nj < Double.POSITIVE_INFINITY;
            int floored = 0;
            if (ok) {
                double[] cov = s.covarianceArray(j);
                floored = previous.reference ? closedForm(cov, d, floor, w, psi) : emStep(previous, j, cov, floor, w, psi);
                ok = allFinite(w) && allFinite(psi);
                double[] mean = s.mean(j);
                ok &= allFinite(mean);
                if (ok) {
                    System.arraycopy(mean, 0, means, j * d, d);
                    System.arraycopy(w, 0, loadings, j * d * q, d * q);
                    System.arraycopy(psi, 0, noise, j * d, d);
                }
            }
            if (!ok) {
                repairs.empty(j, nj);
            } else if (floored > 0 && floor > noiseFloor) {
                repairs.warn(new FitWarning.CovarianceRegularised(repairs.iteration(), j, floored
                        + " noise variance(s) fell to or below " + floor + " (a Heywood case or a constant feature)"
                        + " and were held there"));
            }
        }
        return new FactorAnalysers(k, d, q, means, loadings, noise, false);
    }

    /** The closed-form PPCA start of one component; returns how many noise variances were floored. */
    private int closedForm(double[] cov, int d, double floor, double[] w, double[] psi) {
        double sigma2 = FactorKernels.closedFormPpca(cov, d, factors, w);
        int floored = 0;
        for (int a = 0; a < d; a++) {
            double v;
            if (isotropic) {
                v = sigma2;
            } else {
                v = cov[a * d + a];
                for (int c = 0; c < factors; c++) {
                    v -= w[a * factors + c] * w[a * factors + c];
                }
            }
            if (!(v > floor)) {
                v = floor;
                floored++;
            }
            psi[a] = v;
        }
        return isotropic ? Math.min(floored, 1) : floored;
    }

    /**
     * One EM step for component j's (W, Ψ) on its covariance S about its (new) mean, with
     * {@code β = M⁻¹ Wᵀ Ψ⁻¹} of the previous parameters. Returns how many noise variances were floored.
     */
    private int emStep(FactorAnalysers previous, int j, double[] s, double floor, double[] w, double[] psi) {
        final int d = previous.d;
        final int q = factors;
        final int bj = j * q * d;
        double[] beta = previous.beta;
        // SBt = S βᵀ (d × q)
        double[] sbt = new double[d * q];
        double[] rowBeta = new double[q];
        for (int a = 0; a < d; a++) {
            Arrays.fill(rowBeta, 0.0);
            int ra = a * d;
            for (int b = 0; b < d; b++) {
                double sab = s[ra + b];
                for (int c = 0; c < q; c++) {
                    rowBeta[c] += sab * beta[bj + c * d + b];
                }
            }
            System.arraycopy(rowBeta, 0, sbt, a * q, q);
        }
        // E = M⁻¹ + β S βᵀ (q × q): E[zzᵀ] per unit weight
        double[] e = new double[q * q];
        for (int c = 0; c < q; c++) {
            for (int f = 0; f <= c; f++) {
                double v = previous.posteriorCovariance[j * q * q + c * q + f];
                for (int a = 0; a < d; a++) {
                    v += beta[bj + c * d + a] * sbt[a * q + f];
                }
                e[c * q + f] = v;
                e[f * q + c] = v;
            }
        }
        if (!FactorKernels.cholesky(e, q)) {
            Arrays.fill(w, Double.NaN);
            return 0;
        }
        // W = SBt E⁻¹ : each row solves E wᵀ = sbt_aᵀ
        for (int a = 0; a < d; a++) {
            System.arraycopy(sbt, a * q, w, a * q, q);
            FactorKernels.forward(e, q, w, a * q);
            FactorKernels.backward(e, q, w, a * q);
        }
        // Ψ = diag(S - W β S) = S_aa - Σ_c W_ac (S βᵀ)_ac
        double mean = 0;
        for (int a = 0; a < d; a++) {
            double v = s[a * d + a];
            for (int c = 0; c < q; c++) {
                v -= w[a * q + c] * sbt[a * q + c];
            }
            psi[a] = v;
            mean += v / d;
        }
        int floored = 0;
        for (int a = 0; a < d; a++) {
            double v = isotropic ? mean : psi[a];
            if (!(v > floor)) {
                v = floor;
                floored++;
            }
            psi[a] = v;
        }
        return isotropic ? Math.min(floored, 1) : floored;
    }

    private static double meanVariance(FactorMoments s) {
        FactorMoments all = s.pooled();
        if (!(all.weight[0] > 0)) {
            return 1.0;
        }
        double v = 0;
        for (int a = 0; a < s.d; a++) {
            v += all.scatter[a * s.d + a] / all.weight[0] / s.d;
        }
        return v > 0 && v < Double.POSITIVE_INFINITY ? v : 1.0;
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public FactorAnalysers reseed(FactorAnalysers set, int component, double[] observation, FactorMoments total) {
        FactorMoments all = total.pooled();
        int d = set.d;
        double[] w = new double[d * factors];
        double[] psi = new double[d];
        if (all.weight[0] > 0) {
            closedForm(all.covarianceArray(0), d, Math.max(noiseFloor, RELATIVE_NOISE_FLOOR * meanVariance(total)), w,
                    psi);
        } else {
            Arrays.fill(psi, 1.0);
        }
        return set.withComponent(component, observation, w, psi);
    }

    @Override
    public void sample(FactorAnalysers set, int component, RandomGenerator random, double[] out, int offset) {
        final int d = set.d;
        final int q = set.q;
        double[] z = new double[q];
        for (int c = 0; c < q; c++) {
            z[c] = random.nextGaussian();
        }
        int wj = component * d * q;
        for (int a = 0; a < d; a++) {
            double v = set.means[component * d + a] + Math.sqrt(set.noise[component * d + a]) * random.nextGaussian();
            for (int c = 0; c < q; c++) {
                v += set.loadings[wj + a * q + c] * z[c];
            }
            out[offset + a] = v;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FactorAnalyserFamily f && f.factors == factors && f.isotropic == isotropic
                && f.noiseFloor == noiseFloor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(factors, isotropic, noiseFloor);
    }

    @Override
    public String toString() {
        return "FactorAnalyserFamily[" + name() + ", q=" + factors + (noiseFloor > 0 ? ", noiseFloor=" + noiseFloor : "")
                + "]";
    }
}
