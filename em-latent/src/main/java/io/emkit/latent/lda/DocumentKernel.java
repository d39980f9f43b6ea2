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
 *
 * <p>Layout: each document's columns of {@code b} are first copied into a dense topic-major block
 * (one row of the document's {@code n} terms per topic), so {@code norm} is K passes of a vectorisable
 * {@code norm[j] += t_k row_k[j]} and {@code Σ_j} is a dot product over contiguous rows. On the
 * issue-#15 benchmark corpus this halves the E-step's CPU time against gathering K-long slices of
 * the V×K array per term (CPU time on the lda_bench.py corpus).
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
    /**
     * The current document's {@code b_{w_j k}}, topic-major: {@code block[k][j]}. One row per topic,
     * so the inner loops index the row and the per-term arrays with the same {@code j}: C2 then
     * vectorises them (it does not when two accesses to possibly aliased arrays differ by an offset).
     */
    private double[][] block;
    /** The current document's counts {@code n_j}, then (per inner iteration) {@code norm_j}, {@code n_j / norm_j}. */
    private double[] documentCounts;
    private double[] norm;
    private double[] ratio;
    /** What {@link #block} holds: the parameters, documents and index it was gathered from. */
    private LdaParameters gatheredParameters;
    private Documents gatheredDocuments;
    private int gatheredDocument = -1;
    /** Whether the last {@link #fit} stopped by the tolerance. */
    boolean converged;

    /**
     * A kernel whose per-document workspace grows to the longest document it sees.
     *
     * @param topics K
     * @param tolerance inner tolerance on the mean absolute change of {@code γ}
     * @param maxIterations inner-iteration cap
     */
    DocumentKernel(int topics, double tolerance, int maxIterations) {
        this.topics = topics;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.gamma = new double[topics];
        this.elogTheta = new double[topics];
        this.expElogTheta = new double[topics];
        this.previous = new double[topics];
        this.accumulator = new double[topics];
        this.block = new double[topics][0];
        this.documentCounts = new double[0];
        this.norm = new double[0];
        this.ratio = new double[0];
        // γ = 1: E[log θ_k] = ψ(1) - ψ(K)
        this.startExpElogTheta = Math.exp(SpecialFunctions.digamma(1.0) - SpecialFunctions.digamma(topics));
    }

    /**
     * Copies document {@code d}'s columns of {@code b} and its counts into the dense workspace (once
     * per document; the inner iterations then read only contiguous arrays).
     *
     * @return the number of distinct terms {@code n} of the document
     */
    private int gather(LdaParameters params, Documents docs, int d) {
        final int k = topics;
        final int start = docs.start(d);
        final int n = docs.end(d) - start;
        if (gatheredParameters == params && gatheredDocuments == docs && gatheredDocument == d) {
            return n;
        }
        if (documentCounts.length < n) {
            int capacity = Math.max(n, documentCounts.length + (documentCounts.length >> 1));
            for (int a = 0; a < k; a++) {
                block[a] = new double[capacity];
            }
            documentCounts = new double[capacity];
            norm = new double[capacity];
            ratio = new double[capacity];
        }
        final double[] beta = params.scaledExpElogBeta;
        final int[] terms = docs.rawTerms();
        final double[] counts = docs.rawCounts();
        for (int j = 0; j < n; j++) {
            int offset = terms[start + j] * k;
            for (int a = 0; a < k; a++) {
                block[a][j] = beta[offset + a];
            }
            documentCounts[j] = counts[start + j];
        }
        gatheredParameters = params;
        gatheredDocuments = docs;
        gatheredDocument = d;
        return n;
    }

    /** {@code norm_j = Σ_k t_k b_{w_j k}} for the gathered document, topics added in order. */
    private void norms(int n) {
        final double[] t = expElogTheta;
        final double[] out = norm;
        final double[] first = block[0];
        final double t0 = t[0];
        for (int j = 0; j < n; j++) {
            out[j] = t0 * first[j];
        }
        for (int a = 1; a < topics; a++) {
            final double ta = t[a];
            final double[] row = block[a];
            for (int j = 0; j < n; j++) {
                out[j] += ta * row[j];                               // Σ_k t_k b_wk
            }
        }
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
        final int n = gather(params, docs, d);
        final double[] t = expElogTheta;
        final double[] c = documentCounts;
        final double[] r = ratio;
        final double[] nm = norm;
        java.util.Arrays.fill(gamma, 1.0);
        java.util.Arrays.fill(t, startExpElogTheta);
        converged = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            System.arraycopy(gamma, 0, previous, 0, k);
            norms(n);
            for (int j = 0; j < n; j++) {
                r[j] = c[j] / (nm[j] + EPS);                         // n_j / norm_j
            }
            for (int a = 0; a < k; a++) {
                accumulator[a] = dot(r, block[a], n);                // Σ_j n_j b_wk / norm_j
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
        final int n = gather(params, docs, d);
        final double[] shift = params.termShift;
        final int[] terms = docs.rawTerms();
        final int start = docs.start(d);
        final double[] t = expElogTheta;
        final double[] c = documentCounts;
        norms(n);
        double logLikelihood = 0;
        for (int j = 0; j < n; j++) {
            int w = terms[start + j];
            double nj = norm[j];
            if (sums != null) {
                double rj = c[j] / (nj + EPS);
                int offset = w * k;
                for (int a = 0; a < k; a++) {
                    sums[offset + a] += t[a] * rj;
                }
            }
            double logNorm = nj >= Double.MIN_NORMAL ? Math.log(nj) + shift[w] : logSumExp(params, w * k);
            logLikelihood += c[j] * logNorm;
        }
        return logLikelihood;
    }

    /**
     * {@code Σ_j x[j] y[j]} over {@code [0, n)} with eight partial sums: the JIT does not reorder a
     * floating-point reduction, so one accumulator would make every product wait for the previous
     * addition. The order is fixed, so results stay bit-identical run to run.
     */
    static double dot(double[] x, double[] y, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int j = 0;
        for (; j + 7 < n; j += 8) {
            s0 += x[j] * y[j];
            s1 += x[j + 1] * y[j + 1];
            s2 += x[j + 2] * y[j + 2];
            s3 += x[j + 3] * y[j + 3];
            s4 += x[j + 4] * y[j + 4];
            s5 += x[j + 5] * y[j + 5];
            s6 += x[j + 6] * y[j + 6];
            s7 += x[j + 7] * y[j + 7];
        }
        for (; j < n; j++) {
            s0 += x[j] * y[j];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
