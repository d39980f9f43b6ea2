package io.emkit.gmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IncompleteDataset;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.ParameterVector;
import io.emkit.core.mixture.MixtureStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A Gaussian mixture fitted to data with missing cells ({@link IncompleteDataset}): EM on the
 * observed-data likelihood {@code Π_i Σ_j w_j N(x_i,o | μ_j,o, Σ_j,oo)}, with o the coordinates
 * observed in row i (Ghahramani and Jordan 1994).
 *
 * <p>E-step, for a row with observed o and missing m: responsibilities from the observed coordinates
 * only, {@code r_ij ∝ w_j N(x_o | μ_j,o, Σ_j,oo)}; per component the completed row
 * {@code x̂ = (x_o, μ_j,m + B_j (x_o - μ_j,o))} with {@code B_j = Σ_j,mo Σ_j,oo⁻¹}; expected statistics
 * {@code N_j += r}, {@code Σ r x̂} and {@code Σ r [x̂ x̂ᵀ + (0 ⊕ C_j)]} with the conditional covariance
 * {@code C_j = Σ_j,mm - B_j Σ_j,om} on the missing block. Rows are grouped by missingness pattern, and
 * each pattern's {@code Σ_oo} is factored once per component per iteration ({@link PatternFactors}).
 * The M-step is the {@link GaussianMixtureModel}'s, unchanged, for all 14 covariance models: the
 * expected statistics have the form of complete-data statistics (weights, means, scatters).
 *
 * <p>Complete rows go through the complete-data kernels: with no missing cell at all, every result
 * equals {@link GaussianMixtureModel#fit} on the same rows bit for bit. A row missing in every column
 * contributes nothing (no weight, no likelihood); the fit reports such rows as a
 * {@link FitWarning.ModelWarning}.
 *
 * <p>Also here: the observed-data log densities, responsibilities and labels of incomplete rows,
 * imputation by the conditional mean {@code E[x_m | x_o] = Σ_j r_j (μ_j,m + B_j (x_o - μ_j,o))}, and
 * multiple imputation by draws from the conditional distribution. Immutable and thread-safe.
 */
public final class IncompleteGaussianMixture
        implements LatentModel<IncompleteDataset, GaussianMixture, MixtureStatistics<GaussianAccumulator>>,
        java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final GaussianMixtureModel model;
    private transient volatile PatternFactors.Cache cache;

    private IncompleteGaussianMixture(GaussianMixtureModel model) {
        this.model = model;
    }

    /**
     * The missing-value form of a Gaussian mixture model (same k, covariance model, regCovar, floor,
     * initialisation and frozen parts).
     *
     * @param model the complete-data model. Not null.
     * @return the model
     */
    public static IncompleteGaussianMixture of(GaussianMixtureModel model) {
        return new IncompleteGaussianMixture(Objects.requireNonNull(model, "model"));
    }

    /**
     * The complete-data model whose M-step and settings this one uses.
     *
     * @return the model
     */
    public GaussianMixtureModel model() {
        return model;
    }

    /**
     * Fits from the model's initialisation on the mean-imputed data ({@code options.restarts()} runs,
     * keeping the best observed-data log-likelihood).
     *
     * @param data the rows; at least k rows observed in some column. Not modified.
     * @param options loop options. Not null.
     * @return the fit; its warnings list rows missing in every column
     * @throws IllegalArgumentException if fewer than k rows have an observed value
     */
    public FittedGaussianMixture fit(IncompleteDataset data, EmOptions options) {
        return withEmptyRowWarning(data, Em.fit(this, data, options));
    }

    /**
     * Fits from given starting parameters (a warm start; one run).
     *
     * @param data rows of the start's dimension. Not modified.
     * @param start starting parameters with the model's k and covariance model. Not null.
     * @param options loop options. Not null.
     * @return the fit; its warnings list rows missing in every column
     * @throws IllegalArgumentException if the start does not match the model or the data
     */
    public FittedGaussianMixture fit(IncompleteDataset data, GaussianMixture start, EmOptions options) {
        Objects.requireNonNull(start, "start");
        checkDimension(start, data);
        checkArgument(start.components() == model.components(), "start has k = %s components but the model has %s",
                start.components(), model.components());
        return withEmptyRowWarning(data, Em.fit(this, data, start, options));
    }

    private static FittedGaussianMixture withEmptyRowWarning(IncompleteDataset data, EmResult<GaussianMixture> r) {
        return new FittedGaussianMixture(reportEmptyRows(data, r));
    }

    /**
     * A fit result with a {@link FitWarning.ModelWarning} listing the rows missing in every column
     * (they contributed nothing), for results of {@code Em.fit} run on this model by other means
     * (any model fitted on incomplete data, such as em-latent's factor analysis, may use it).
     *
     * @param <P> the parameter type
     * @param data the data the fit ran on. Not modified.
     * @param r the result. Not null.
     * @return {@code r} itself when no row is empty, else a copy with the warning added
     */
    public static <P> EmResult<P> reportEmptyRows(IncompleteDataset data, EmResult<P> r) {
        int[] empty = data.emptyRows();
        if (empty.length == 0) {
            return r;
        }
        List<FitWarning> warnings = new ArrayList<>(r.warnings());
        String rows = Arrays.toString(Arrays.copyOf(empty, Math.min(10, empty.length)));
        warnings.add(new FitWarning.ModelWarning(1, empty.length + " row(s) missing in every column contribute nothing"
                + " to the fit: rows " + (empty.length > 10 ? rows.replace("]", ", ...]") : rows)));
        return new EmResult<>(r.parameters(), r.logLikelihood(), r.iterations(), r.eSteps(),
                r.converged(), r.stopReason(), r.trace(), warnings, r.bestRestart(), r.restartLogLikelihoods(),
                r.options(), r.elapsed());
    }

    private static void checkDimension(GaussianMixture params, IncompleteDataset data) {
        checkArgument(params.dimension() == data.dimension(), "the model has dimension %s but the data have %s columns",
                params.dimension(), data.dimension());
    }

    // ------------------------------------------------------------------ LatentModel

    /**
     * Checks that at least k rows have an observed value.
     *
     * @param data the data
     * @throws IllegalArgumentException if fewer than k rows have an observed value
     */
    @Override
    public void validate(IncompleteDataset data) {
        Objects.requireNonNull(data, "data");
        int informative = data.informativeRowCount();
        checkArgument(model.components() <= informative,
                "k (%s) must be <= the number of rows with an observed value (%s)", model.components(), informative);
    }

    @Override
    public MixtureStatistics<GaussianAccumulator> expect(GaussianMixture params, IncompleteDataset chunk) {
        checkDimension(params, chunk);
        if (chunk.isComplete()) {
            return model.expect(params, chunk.toDataset());
        }
        Dataset complete = chunk.completeRows();
        MixtureStatistics<GaussianAccumulator> incomplete = expectIncomplete(params, chunk);
        return complete == null ? incomplete : model.expect(params, complete).merge(incomplete);
    }

    /** The factors of {@code params}, shared by the chunks of one E-step. */
    private PatternFactors.Cache cache(GaussianMixture params) {
        PatternFactors.Cache c = cache;
        if (c == null || c.params != params) {
            synchronized (this) {
                c = cache;
                if (c == null || c.params != params) {
                    c = new PatternFactors.Cache(params);
                    cache = c;
                }
            }
        }
        return c;
    }

    /**
     * The E-step over the rows of a chunk with at least one but not all coordinates missing, one
     * pattern at a time ({@link IncompleteEStep}).
     */
    private MixtureStatistics<GaussianAccumulator> expectIncomplete(GaussianMixture params, IncompleteDataset chunk) {
        IncompleteEStep step = new IncompleteEStep(params.componentSet(), flatMeans(params.componentSet()),
                logWeights(params));
        PatternFactors.Cache factors = cache(params);
        int[] order = IncompleteEStep.incompleteRowsByPattern(chunk);
        for (int start = 0; start < order.length; ) {
            int pattern = chunk.pattern(order[start]);
            int end = start;
            while (end < order.length && chunk.pattern(order[end]) == pattern) {
                end++;
            }
            int[] obs = chunk.observedColumns(pattern);
            int[] mis = chunk.missingColumns(pattern);
            step.startPattern(factors.get(obs, mis), obs, mis);
            for (int from = start; from < end; from += IncompleteEStep.BLOCK) {
                step.block(chunk, order, from, Math.min(IncompleteEStep.BLOCK, end - from));
            }
            step.endPattern();
            start = end;
        }
        return step.statistics();
    }

    /**
     * One row under every component: {@code y[j·d + a] = x̂_a - μ_j,a} (observed: the residual;
     * missing: {@code B_j} times the observed residual), and in {@code lp} the responsibilities.
     *
     * @return {@code log p(x_o)} (natural log)
     */
    private static double conditionalRow(double[] x, double[] means, PatternFactors[] f, double[] logWeights, int k,
            int d, double[] y, double[] lp, double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            PatternFactors pf = f[j];
            int[] obs = pf.observed;
            int[] mis = pf.missing;
            int no = obs.length;
            int yo = j * d;
            // y_o = x_o - μ_o, kept in y; z = L⁻¹ y_o and q = zᵀz = y_oᵀ Σ_oo⁻¹ y_o
            double q = 0;
            double[] l = pf.lower;
            for (int a = 0; a < no; a++) {
                double r = x[obs[a]] - means[yo + obs[a]];
                y[yo + obs[a]] = r;
                double s = r;
                for (int b = 0; b < a; b++) {
                    s -= l[a * no + b] * z[b];
                }
                z[a] = s / l[a * no + a];
                q += z[a] * z[a];
            }
            // y_m = B y_o (so x̂_m = μ_m + y_m = E[x_m | x_o, j])
            double[] reg = pf.regression;
            for (int s = 0; s < mis.length; s++) {
                double acc = 0;
                for (int a = 0; a < no; a++) {
                    acc += reg[s * no + a] * y[yo + obs[a]];
                }
                y[yo + mis[s]] = acc;
            }
            lp[j] = logWeights[j] + pf.logNormaliser - 0.5 * q;
            max = Math.max(max, lp[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            lp[j] = Math.exp(lp[j] - max);
            sum += lp[j];
        }
        for (int j = 0; j < k; j++) {
            lp[j] /= sum;
        }
        return max + Math.log(sum);
    }

    private static double[] flatMeans(GaussianComponents set) {
        int k = set.size();
        int d = set.dimension();
        double[] out = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(set.mean(j), 0, out, j * d, d);
        }
        return out;
    }

    private static double[] logWeights(GaussianMixture params) {
        double[] w = params.weights();
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.log(w[j]);
        }
        return w;
    }

    @Override
    public GaussianMixture maximize(MixtureStatistics<GaussianAccumulator> total, GaussianMixture previous,
            IterationContext context) {
        return model.maximize(total, previous, context);
    }

    /**
     * The complete-data model's initialisation on the data with every missing cell replaced by its
     * column's mean ({@link IncompleteDataset#meanImputed}); rows missing in every column are left out.
     *
     * @param data the rows. Not modified.
     * @param random the only source of randomness
     * @return starting parameters
     */
    @Override
    public GaussianMixture initialize(IncompleteDataset data, RandomGenerator random) {
        validate(data);
        return model.initialize(data.informativeRows().meanImputed(), random);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return model.guaranteesMonotoneLikelihood();
    }

    @Override
    public Optional<ParameterVector<GaussianMixture>> parameterVector() {
        return model.parameterVector();
    }

    // ------------------------------------------------------------------ queries on incomplete rows

    /**
     * Per row, the observed-data log density {@code log p(x_o) = log Σ_j w_j N(x_o | μ_j,o, Σ_j,oo)}
     * (natural log; 0 for a row missing in every column, whose observed part is empty).
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new array of n values
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double[] logDensities(GaussianMixture params, IncompleteDataset data) {
        double[] out = new double[data.size()];
        new RowVisitor(params, data).forEach((i, x, logp, r, y) -> out[i] = logp);
        return out;
    }

    /**
     * The total observed-data log-likelihood {@code Σ_i v_i log p(x_i,o)} (v the row weights).
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return the log-likelihood
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double logLikelihood(GaussianMixture params, IncompleteDataset data) {
        double[] logp = logDensities(params, data);
        double sum = 0;
        for (int i = 0; i < logp.length; i++) {
            sum += data.weight(i) * logp[i];
        }
        return sum;
    }

    /**
     * Responsibilities from the observed coordinates of each row ({@code w} for an empty row).
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new {@code n × k} array, rows summing to 1
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double[][] responsibilities(GaussianMixture params, IncompleteDataset data) {
        double[][] out = new double[data.size()][];
        new RowVisitor(params, data).forEach((i, x, logp, r, y) -> out[i] = r.clone());
        return out;
    }

    /**
     * The most responsible component of each row (the lowest index on ties).
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new array of n labels in {@code [0, k)}
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static int[] labels(GaussianMixture params, IncompleteDataset data) {
        double[][] r = responsibilities(params, data);
        int[] out = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            int best = 0;
            for (int j = 1; j < r[i].length; j++) {
                if (r[i][j] > r[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /**
     * The data with every missing cell replaced by its conditional mean under the mixture,
     * {@code E[x_m | x_o] = Σ_j r_j (μ_j,m + Σ_j,mo Σ_j,oo⁻¹ (x_o - μ_j,o))}; observed cells are kept
     * (a row missing in every column gets the mixture's mean {@code Σ_j w_j μ_j}).
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @return a new {@code n × d} array with no NaN
     * @throws IllegalArgumentException if the dimensions differ
     */
    public static double[][] impute(GaussianMixture params, IncompleteDataset data) {
        double[][] means = params.means();
        double[][] out = new double[data.size()][];
        int d = data.dimension();
        new RowVisitor(params, data).forEach((i, x, logp, r, y) -> {
            double[] row = x.clone();
            for (int a = 0; a < d; a++) {
                if (Double.isNaN(row[a])) {
                    double v = 0;
                    for (int j = 0; j < r.length; j++) {
                        v += r[j] * (means[j][a] + y[j * d + a]);
                    }
                    row[a] = v;
                }
            }
            out[i] = row;
        });
        return out;
    }

    /**
     * Multiple imputation: {@code draws} completed copies of the data, each missing block drawn from
     * its conditional distribution {@code p(x_m | x_o)} (a component j with probability {@code r_j},
     * then {@code N(μ_j,m + B_j (x_o - μ_j,o), C_j)}); observed cells are kept.
     *
     * @param params the mixture. Not null.
     * @param data rows of the mixture's dimension. Not modified.
     * @param draws the number of completed data sets, {@code >= 1}
     * @param random the only source of randomness. Not null.
     * @return a new {@code draws × n × d} array
     * @throws IllegalArgumentException if {@code draws < 1} or the dimensions differ
     */
    public static double[][][] drawImputations(GaussianMixture params, IncompleteDataset data, int draws,
            RandomGenerator random) {
        checkArgument(draws >= 1, "draws (%s) must be >= 1", draws);
        Objects.requireNonNull(random, "random");
        double[][] means = params.means();
        int d = data.dimension();
        double[][][] out = new double[draws][data.size()][];
        RowVisitor visitor = new RowVisitor(params, data);
        visitor.forEach((i, x, logp, r, y) -> {
            PatternFactors[] f = visitor.current;
            for (int m = 0; m < draws; m++) {
                double[] row = x.clone();
                if (f[0].missing.length > 0) {
                    int j = pick(r, random.nextDouble());
                    PatternFactors pf = f[j];
                    int nm = pf.missing.length;
                    double[] lc = pf.conditionalLower();
                    double[] e = new double[nm];
                    for (int s = 0; s < nm; s++) {
                        e[s] = random.nextGaussian();
                    }
                    for (int s = 0; s < nm; s++) {
                        double v = 0;
                        for (int t = 0; t <= s; t++) {
                            v += lc[s * nm + t] * e[t];
                        }
                        int a = pf.missing[s];
                        row[a] = means[j][a] + y[j * d + a] + v;
                    }
                }
                out[m][i] = row;
            }
        });
        return out;
    }

    private static int pick(double[] p, double u) {
        double c = 0;
        for (int j = 0; j < p.length - 1; j++) {
            c += p[j];
            if (u < c) {
                return j;
            }
        }
        return p.length - 1;
    }

    /** Walks the rows of a data set with each row's posterior under one mixture. */
    private static final class RowVisitor {
        interface Action {
            void row(int i, double[] x, double logp, double[] r, double[] y);
        }

        private final GaussianMixture params;
        private final IncompleteDataset data;
        PatternFactors[] current;

        RowVisitor(GaussianMixture params, IncompleteDataset data) {
            this.params = Objects.requireNonNull(params, "params");
            this.data = Objects.requireNonNull(data, "data");
            checkDimension(params, data);
        }

        void forEach(Action action) {
            int k = params.components();
            int d = data.dimension();
            GaussianComponents set = params.componentSet();
            double[] means = flatMeans(set);
            double[] logWeights = logWeights(params);
            PatternFactors.Cache cache = new PatternFactors.Cache(params);
            double[] x = new double[d];
            double[] y = new double[k * d];
            double[] r = new double[k];
            double[] z = new double[d];
            for (int i = 0; i < data.size(); i++) {
                data.copyRows(i, i + 1, x, 0);
                int p = data.pattern(i);
                // an empty row has no observed block: responsibilities w, conditional = marginal
                current = cache.get(data.observedColumns(p), data.missingColumns(p));
                double logp = conditionalRow(x, means, current, logWeights, k, d, y, r, z);
                action.row(i, x, logp, r, y);
            }
        }
    }

    @Override
    public String toString() {
        return "IncompleteGaussianMixture[" + model + "]";
    }
}
