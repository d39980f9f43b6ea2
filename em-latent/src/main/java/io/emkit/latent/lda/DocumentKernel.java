package io.emkit.latent.lda;

/**
 * The per-document variational E-step of LDA (Blei, Ng &amp; Jordan 2003, section 5.2; notation of
 * Hoffman, Blei &amp; Bach 2010) with a workspace sized once per chunk. Not thread-safe: one kernel
 * per chunk.
 *
 * <p>With {@code b_wk = exp(E[log β_kw] - shift_w)} (from {@link LdaParameters}) and
 * {@code t_k = exp(E[log θ_dk])}, {@code E[log θ_dk] = ψ(γ_k) - ψ(Σ_k γ_k)}, one inner iteration is
 * <pre>
 *   norm_j = Σ_k t_k b_{w_j k}                      (φ_jk = t_k b_{w_j k} / norm_j)
 *   γ_k    = α + t_k Σ_j n_j b_{w_j k} / norm_j     (γ = α + Σ_j n_j φ_j)
 *   t_k    = exp(ψ(γ_k) - ψ(Σ γ))
 * </pre>
 * starting from {@code γ = 1} and stopping when the mean absolute change of {@code γ} over the K
 * topics is below the inner tolerance, or after the inner-iteration cap (scikit-learn's
 * {@code mean_change_tol} and {@code max_doc_update_iter}; its transform starts from 1 too, its fit
 * from random draws). As in scikit-learn, {@code norm_j} gets {@link #EPS} added before dividing, so an
 * all-underflowed term gives {@code φ = 0} rather than 0/0.
 */
final class DocumentKernel {

    /** Added to each {@code norm_j} before dividing (scikit-learn's {@code np.finfo(float).eps}). */
    static final double EPS = Math.ulp(1.0);

    private final int topics;
    private final double tolerance;
    private final int maxIterations;
    final double[] gamma;
    final double[] elogTheta;
    final double[] expElogTheta;
    private final double[] previous;
    private final double[] accumulator;
    private final double startExpElogTheta;
    /** Whether the last {@link #fit} stopped by the tolerance. */
    boolean converged;

    DocumentKernel(int topics, double tolerance, int maxIterations) {
        this.topics = topics;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.gamma = new double[topics];
        this.elogTheta = new double[topics];
        this.expElogTheta = new double[topics];
        this.previous = new double[topics];
        this.accumulator = new double[topics];
        // γ = 1: E[log θ_k] = ψ(1) - ψ(K)
        this.startExpElogTheta = Math.exp(SpecialFunctions.digamma(1.0) - SpecialFunctions.digamma(topics));
    }

    /**
     * Iterates document {@code d} of {@code docs} to the inner tolerance; leaves {@code γ},
     * {@code E[log θ]} and {@code exp(E[log θ])} in the workspace.
     *
     * @return the number of inner iterations
     */
    int fit(LdaParameters params, Documents docs, int d) {
        final int k = topics;
        final double alpha = params.docTopicPrior();
        final double[] beta = params.scaledExpElogBeta;
        final int[] terms = docs.rawTerms();
        final double[] counts = docs.rawCounts();
        final int start = docs.start(d);
        final int end = docs.end(d);
        final double[] t = expElogTheta;
        java.util.Arrays.fill(gamma, 1.0);
        java.util.Arrays.fill(t, startExpElogTheta);
        converged = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            System.arraycopy(gamma, 0, previous, 0, k);
            java.util.Arrays.fill(accumulator, 0.0);
            for (int j = start; j < end; j++) {
                int offset = terms[j] * k;
                double norm = dot(t, beta, offset, k);               // Σ_k t_k b_wk
                double ratio = counts[j] / (norm + EPS);
                for (int a = 0; a < k; a++) {
                    accumulator[a] += ratio * beta[offset + a];      // Σ_j n_j b_wk / norm_j
                }
            }
            double sum = 0;
            for (int a = 0; a < k; a++) {
                gamma[a] = alpha + t[a] * accumulator[a];            // γ = α + Σ_j n_j φ_j
                sum += gamma[a];
            }
            double psiSum = SpecialFunctions.digamma(sum);
            double change = 0;
            for (int a = 0; a < k; a++) {
                double e = SpecialFunctions.digamma(gamma[a]) - psiSum;
                elogTheta[a] = e;
                t[a] = Math.exp(e);
                change += Math.abs(gamma[a] - previous[a]);
            }
            if (change / k < tolerance) {
                converged = true;
                break;
            }
        }
        return iteration;
    }

    /**
     * After {@link #fit}: adds {@code t_k n_j / norm_j} to {@code sums[w_j][k]} (term-major; the
     * caller multiplies by {@code b_wk} once per chunk to get expected counts), and returns the
     * document's {@code Σ_j n_j log Σ_k exp(E[log θ_k] + E[log β_{k w_j}])}, which is
     * {@code E[log p(w | θ, z, β)] + E[log p(z | θ)] - E[log q(z)]} at the optimal {@code φ}.
     *
     * @param sums V×K accumulator, or null to skip it (transform and scoring)
     */
    double accumulate(LdaParameters params, Documents docs, int d, double[] sums) {
        final int k = topics;
        final double[] beta = params.scaledExpElogBeta;
        final double[] shift = params.termShift;
        final int[] terms = docs.rawTerms();
        final double[] counts = docs.rawCounts();
        final double[] t = expElogTheta;
        double logLikelihood = 0;
        for (int j = docs.start(d), end = docs.end(d); j < end; j++) {
            int w = terms[j];
            int offset = w * k;
            double norm = dot(t, beta, offset, k);
            if (sums != null) {
                double ratio = counts[j] / (norm + EPS);
                for (int a = 0; a < k; a++) {
                    sums[offset + a] += t[a] * ratio;
                }
            }
            double logNorm = norm >= Double.MIN_NORMAL ? Math.log(norm) + shift[w] : logSumExp(params, offset);
            logLikelihood += counts[j] * logNorm;
        }
        return logLikelihood;
    }

    /**
     * {@code Σ_a t[a] b[offset + a]} with four partial sums: the JIT does not reorder a floating-point
     * reduction, so one accumulator would make every product wait for the previous addition. The order
     * is fixed, so results stay bit-identical run to run.
     */
    static double dot(double[] t, double[] b, int offset, int k) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int a = 0;
        for (; a + 3 < k; a += 4) {
            s0 += t[a] * b[offset + a];
            s1 += t[a + 1] * b[offset + a + 1];
            s2 += t[a + 2] * b[offset + a + 2];
            s3 += t[a + 3] * b[offset + a + 3];
        }
        for (; a < k; a++) {
            s0 += t[a] * b[offset + a];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** log Σ_k exp(E[log θ_k] + E[log β_kw]) in log space, for a term whose product underflowed. */
    private double logSumExp(LdaParameters params, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < topics; a++) {
            max = Math.max(max, elogTheta[a] + params.elogBeta[offset + a]);
        }
        double sum = 0;
        for (int a = 0; a < topics; a++) {
            sum += Math.exp(elogTheta[a] + params.elogBeta[offset + a] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * After {@link #fit}: the document-topic part of the bound,
     * {@code E[log p(θ | α)] - E[log q(θ | γ)] = Σ_k (α - γ_k) E[log θ_k] + ln Γ(γ_k) - ln Γ(α)
     * + ln Γ(Kα) - ln Γ(Σ_k γ_k)}.
     */
    double docTopicBound(double alpha, double logGammaAlpha, double logGammaKAlpha) {
        double bound = logGammaKAlpha;
        double sum = 0;
        for (int a = 0; a < topics; a++) {
            bound += (alpha - gamma[a]) * elogTheta[a] + SpecialFunctions.logGamma(gamma[a]) - logGammaAlpha;
            sum += gamma[a];
        }
        return bound - SpecialFunctions.logGamma(sum);
    }
}
