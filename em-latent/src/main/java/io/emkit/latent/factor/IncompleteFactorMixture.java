package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.mixture.Mixture;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureStatistics;
import io.emkit.gmm.ConditionalGaussian;
import io.emkit.gmm.IncompleteGaussianMixture;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A mixture of factor analysers (or of PPCA models) fitted to rows with missing cells: EM on the
 * observed-data likelihood {@code Π_i Σ_j π_j N(x_i,o; μ_j,o, C_j,oo)} with {@code C_j = W_j W_jᵀ + Ψ_j}
 * and o the columns observed in row i (Ghahramani and Jordan 1994).
 *
 * <p>E-step for a row with missing cells: responsibilities {@code r_ij ∝ π_j N(x_o; μ_j,o, C_j,oo)} from
 * the observed columns only; per component j the row completed under {@code N(μ_j, C_j)}
 * ({@link ConditionalGaussian}) and its scatter plus the conditional covariance on the missing block,
 * weighted by {@code r_ij}, added to component j's {@link FactorMoments}. Complete rows go through the
 * mixture's own kernels, and the M-step is {@link Mixture#maximize} unchanged, so with no missing cell
 * every result equals {@link Mixture#fit} on the same rows bit for bit. Rows missing in every column
 * contribute nothing. Immutable and thread-safe.
 */
public final class IncompleteFactorMixture implements
        LatentModel<IncompleteDataset, MixtureParameters<FactorAnalysers>, MixtureStatistics<FactorMoments>> {
    private final Mixture<FactorAnalysers, FactorMoments> mixture;

    private IncompleteFactorMixture(Mixture<FactorAnalysers, FactorMoments> mixture) {
        this.mixture = mixture;
    }

    /**
     * The missing-value form of a mixture of factor analysers (same k, family, initialisation and frozen
     * weights).
     *
     * @param mixture a mixture over a {@link FactorAnalyserFamily}. Not null.
     * @return the model
     * @throws IllegalArgumentException if the mixture's family is not a {@link FactorAnalyserFamily}
     */
    public static IncompleteFactorMixture of(Mixture<FactorAnalysers, FactorMoments> mixture) {
        Objects.requireNonNull(mixture, "mixture");
        checkArgument(mixture.family() instanceof FactorAnalyserFamily,
                "mixture: family %s is not a FactorAnalyserFamily; build the mixture over"
                        + " FactorAnalyserFamily.factorAnalysers(q) or probabilisticPca(q)", mixture.family());
        return new IncompleteFactorMixture(mixture);
    }

    /**
     * The complete-data mixture.
     *
     * @return the mixture this model wraps
     */
    public Mixture<FactorAnalysers, FactorMoments> mixture() {
        return mixture;
    }

    private FactorAnalyserFamily family() {
        return (FactorAnalyserFamily) mixture.family();
    }

    /**
     * Fits with the mixture's initialisation and {@code options.restarts()} runs; with no missing cell
     * this is {@link Mixture#fit(Dataset, EmOptions)}. Rows missing in every column are reported as a
     * model warning.
     *
     * @param data rows with NaN-masked missing cells, {@code d > q}, at least k rows with an observed cell.
     *     Not modified.
     * @param options loop options. Not null.
     * @return the fit; its log-likelihood is the observed-data one
     * @throws IllegalArgumentException if {@code q >= d} or fewer than k rows have an observed cell
     */
    public EmResult<MixtureParameters<FactorAnalysers>> fit(IncompleteDataset data, EmOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        if (data.isComplete()) {
            return mixture.fit(data.toDataset(), options);
        }
        return IncompleteGaussianMixture.reportEmptyRows(data, Em.fit(this, data, options));
    }

    /**
     * Fits from given parameters (one run), as {@link #fit(IncompleteDataset, EmOptions)}.
     *
     * @param data rows of the start's dimension with NaN-masked missing cells. Not modified.
     * @param start starting parameters with this mixture's k and q. Not null.
     * @param options loop options. Not null.
     * @return the fit; its log-likelihood is the observed-data one
     * @throws IllegalArgumentException if the start does not match the model or the data
     */
    public EmResult<MixtureParameters<FactorAnalysers>> fit(IncompleteDataset data,
            MixtureParameters<FactorAnalysers> start, EmOptions options) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        if (data.isComplete()) {
            return mixture.fit(data.toDataset(), start, options);
        }
        validate(data);
        checkStart(start, data);
        return IncompleteGaussianMixture.reportEmptyRows(data, Em.fit(this, data, start, options));
    }

    private void checkStart(MixtureParameters<FactorAnalysers> start, IncompleteDataset data) {
        checkArgument(start.k() == mixture.components(), "start has k = %s components but the model has %s",
                start.k(), mixture.components());
        checkArgument(start.dimension() == data.dimension(), "start has d = %s but the data have d = %s",
                start.dimension(), data.dimension());
        checkArgument(start.components().factors() == family().factors(),
                "start has q = %s factors but the model has %s", start.components().factors(), family().factors());
    }

    /**
     * Checks {@code 1 <= q < d} and that at least k rows have an observed cell.
     *
     * @param data the data
     * @throws IllegalArgumentException naming the problem
     */
    @Override
    public void validate(IncompleteDataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(family().factors() < data.dimension(), "factors q (%s) must be < d (%s)", family().factors(),
                data.dimension());
        int informative = data.informativeRowCount();
        checkArgument(mixture.components() <= informative,
                "k (%s) must be <= the number of rows with an observed value (%s)", mixture.components(),
                informative);
    }

    @Override
    public MixtureStatistics<FactorMoments> expect(MixtureParameters<FactorAnalysers> params,
            IncompleteDataset chunk) {
        checkArgument(chunk.dimension() == params.dimension(),
                "dimension mismatch: data have d = %s but the model has d = %s", chunk.dimension(),
                params.dimension());
        if (chunk.isComplete()) {
            return mixture.expect(params, chunk.toDataset());
        }
        Dataset complete = chunk.completeRows();
        MixtureStatistics<FactorMoments> incomplete = expect(params, chunk, true, false);
        return complete == null ? incomplete : mixture.expect(params, complete).merge(incomplete);
    }

    /**
     * The E-step over the rows of {@code chunk} that have a missing cell (over all rows when {@code all});
     * without {@code moments} only the observed-data log-likelihood and weight are filled in.
     */
    private static MixtureStatistics<FactorMoments> expect(MixtureParameters<FactorAnalysers> params,
            IncompleteDataset chunk, boolean moments, boolean all) {
        FactorAnalysers set = params.components();
        final int k = params.k();
        final int d = params.dimension();
        double[] weights = params.weights().toArray();
        double[] logWeights = new double[k];
        double[][] means = new double[k][];
        double[] flatMeans = new double[k * d];
        for (int j = 0; j < k; j++) {
            logWeights[j] = Math.log(weights[j]);
            means[j] = set.mean(j);
            System.arraycopy(means[j], 0, flatMeans, j * d, d);
        }
        Map<Integer, ConditionalGaussian[]> byPattern = new HashMap<>();
        double[] nk = new double[k];
        double[] s = new double[k * d];
        double[] sq = new double[k * d * d];
        double[] row = new double[d];
        double[] completed = new double[d];
        double[] best = new double[d];
        double[] logp = new double[k];
        double logLikelihood = 0;
        double total = 0;
        // the k worst-explained rows, kept by the mixture's own rule (and merged into the totals below)
        MixtureStatistics<FactorMoments> worst = MixtureStatistics.of(d, new double[k], new FactorMoments(k, d), 0,
                0);
        for (int i = 0; i < chunk.size(); i++) {
            double v = chunk.weight(i);
            if (v == 0 || chunk.isEmptyRow(i) || !(all || chunk.hasMissing(i))) {
                continue;
            }
            int p = chunk.pattern(i);
            int[] obs = chunk.observedColumns(p);
            int[] mis = chunk.missingColumns(p);
            ConditionalGaussian[] g = byPattern.computeIfAbsent(p, unused -> {
                ConditionalGaussian[] out = new ConditionalGaussian[k];
                for (int j = 0; j < k; j++) {
                    out[j] = ConditionalGaussian.of(set.covariance(j), obs, mis);
                }
                return out;
            });
            chunk.copyRows(i, i + 1, row, 0);
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int j = 0; j < k; j++) {
                logp[j] = weights[j] == 0 ? Double.NEGATIVE_INFINITY : logWeights[j] + g[j].logDensity(row, means[j]);
                if (logp[j] > max) {
                    max = logp[j];
                    argmax = j;
                }
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(logp[j] - max);
            }
            double logDensity = max + Math.log(sum);
            logLikelihood += v * logDensity;
            total += v;
            if (!moments) {
                continue;
            }
            for (int j = 0; j < k; j++) {
                double r = v * Math.exp(logp[j] - logDensity);
                if (!(r > 0)) {
                    continue;
                }
                nk[j] += r;
                g[j].conditionalMean(row, means[j], completed);
                if (j == argmax) {
                    System.arraycopy(completed, 0, best, 0, d);
                }
                int mo = j * d;
                int base = j * d * d;
                for (int a = 0; a < d; a++) {
                    double da = completed[a] - means[j][a];
                    s[mo + a] += r * da;
                    for (int b = 0; b <= a; b++) {
                        sq[base + a * d + b] += r * da * (completed[b] - means[j][b]);
                    }
                }
                // the conditional covariance on the missing block (mis ascending, so mis[t] <= mis[u] for t <= u)
                for (int u = 0; u < mis.length; u++) {
                    for (int t = 0; t <= u; t++) {
                        sq[base + mis[u] * d + mis[t]] += r * g[j].conditionalCovariance(u, t);
                    }
                }
            }
            // completed under its most likely component
            worst.offerWorstRow(logDensity, best, 0);
        }
        FactorMoments m = new FactorMoments(k, d);
        if (moments) {
            for (int j = 0; j < k; j++) {
                m.setFromReference(j, nk[j], flatMeans, j * d, s, j * d, sq, j * d * d);
            }
        }
        return MixtureStatistics.of(d, nk, m, logLikelihood, total).merge(worst);
    }

    @Override
    public MixtureParameters<FactorAnalysers> maximize(MixtureStatistics<FactorMoments> total,
            MixtureParameters<FactorAnalysers> previous, IterationContext context) {
        return mixture.maximize(total, previous, context);
    }

    /**
     * The mixture's initialisation on the rows with an observed cell, each missing cell replaced by its
     * column's observed mean ({@link IncompleteDataset#meanImputed}).
     *
     * @param data the rows. Not modified.
     * @param random the only source of randomness
     * @return starting parameters
     * @throws IllegalArgumentException as {@link #validate}
     */
    @Override
    public MixtureParameters<FactorAnalysers> initialize(IncompleteDataset data, RandomGenerator random) {
        validate(data);
        return mixture.initialize(data.informativeRows().meanImputed(), random);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return mixture.guaranteesMonotoneLikelihood();
    }

    /**
     * The observed-data log-likelihood {@code Σ_i v_i log Σ_j π_j N(x_i,o; μ_j,o, C_j,oo)}, natural log;
     * rows missing in every column contribute 0.
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return the total weighted log-likelihood
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double logLikelihood(MixtureParameters<FactorAnalysers> params, IncompleteDataset data) {
        Objects.requireNonNull(params, "params");
        checkArgument(data.dimension() == params.dimension(),
                "dimension mismatch: data have d = %s but the model has d = %s", data.dimension(),
                params.dimension());
        return expect(params, data, false, true).logLikelihood();
    }

    @Override
    public String toString() {
        return "IncompleteFactorMixture[" + mixture + "]";
    }
}
