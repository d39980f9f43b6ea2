package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.IncompleteDataset;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.ConditionalGaussian;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Factor analysis or PPCA on rows with missing cells: EM on the complete data x (Ghahramani and Jordan
 * 1994). E-step per row under {@code N(μ, C = W Wᵀ + Ψ)}: the observed-marginal log density, the completed
 * row {@code x̂} (missing cells at {@code E[x_m | x_o]}) and the expected scatter
 * {@code (x̂ - μ)(x̂ - μ)ᵀ} plus the conditional covariance on the missing block, accumulated as
 * {@link FactorMoments}; M-step: the complete-data one of {@link FactorEm} on those expected moments
 * ({@code μ} = the mean of the completed rows, then one FA / PPCA EM step for W and Ψ on the expected
 * covariance). Both steps raise the expected complete-data log-likelihood, so the observed-data
 * log-likelihood {@code Σ_i v_i log N(x_i,o; μ_o, C_oo)} never decreases (unless a noise floor binds).
 * Rows missing in every column carry no information and are skipped.
 */
final class IncompleteFactorEm implements LatentModel<IncompleteDataset, FactorParameters, FactorStatistics> {
    private final FactorEm em;

    IncompleteFactorEm(FactorEm em) {
        this.em = em;
    }

    @Override
    public void validate(IncompleteDataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(data.dimension() >= 2, "data have d = %s column(s); a factor model needs d >= 2",
                data.dimension());
        checkArgument(em.family.factors() < data.dimension(), "factors q (%s) must be < d (%s)", em.family.factors(),
                data.dimension());
        checkArgument(data.informativeRowCount() > 0, "every one of the %s rows is missing in every column",
                data.size());
    }

    @Override
    public FactorStatistics expect(FactorParameters params, IncompleteDataset chunk) {
        checkArgument(chunk.dimension() == params.set.d,
                "dimension mismatch: data have d = %s but the model has d = %s", chunk.dimension(), params.set.d);
        return expect(params, chunk, true);
    }

    /** The E-step; without {@code moments} only the observed-data log-likelihood is computed. */
    static FactorStatistics expect(FactorParameters params, IncompleteDataset chunk, boolean moments) {
        final int d = params.set.d;
        double[] mu = params.set.mean(0);
        Matrix c = params.set.covariance(0);
        Map<BitSet, ConditionalGaussian> byPattern = new HashMap<>();
        double[] row = new double[d];
        double[] s = new double[d];
        double[] sq = new double[d * d];
        double[] delta = new double[d];
        double n = 0;
        double logLikelihood = 0;
        for (int i = 0; i < chunk.size(); i++) {
            double v = chunk.weight(i);
            if (v == 0 || chunk.isEmptyRow(i)) {
                continue;
            }
            int p = chunk.pattern(i);
            int[] obs = chunk.observedColumns(p);
            int[] mis = chunk.missingColumns(p);
            BitSet key = new BitSet(d);
            for (int a : obs) {
                key.set(a);
            }
            ConditionalGaussian g = byPattern.computeIfAbsent(key, unused -> ConditionalGaussian.of(c, obs, mis));
            chunk.copyRows(i, i + 1, row, 0);
            logLikelihood += v * g.logDensity(row, mu);
            if (!moments) {
                continue;
            }
            g.conditionalMean(row, mu, row);
            n += v;
            for (int a = 0; a < d; a++) {
                delta[a] = row[a] - mu[a];
                s[a] += v * delta[a];
                for (int b = 0; b <= a; b++) {
                    sq[a * d + b] += v * delta[a] * delta[b];
                }
            }
            // the conditional covariance on the missing block (mis ascending, so mis[t] <= mis[u] for t <= u)
            for (int u = 0; u < mis.length; u++) {
                for (int t = 0; t <= u; t++) {
                    sq[mis[u] * d + mis[t]] += v * g.conditionalCovariance(u, t);
                }
            }
        }
        FactorMoments m = new FactorMoments(1, d);
        if (moments) {
            m.setFromReference(0, n, mu, 0, s, 0, sq, 0);
        }
        return new FactorStatistics(m, logLikelihood);
    }

    @Override
    public FactorParameters maximize(FactorStatistics total, FactorParameters previous, IterationContext context) {
        return em.maximize(total, previous, context);
    }

    /**
     * The complete-data start of {@link FactorEm#initialize} on the rows with at least one observed cell,
     * each missing cell replaced by its column's observed mean.
     */
    @Override
    public FactorParameters initialize(IncompleteDataset data, RandomGenerator random) {
        validate(data);
        return em.initialize(data.informativeRows().meanImputed(), random);
    }

    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return !em.family.isRegularised();
    }

    void checkStart(FactorParameters start, IncompleteDataset data) {
        Objects.requireNonNull(start, "start");
        checkArgument(start.factors() == em.family.factors(), "start has q = %s factors but the model has %s",
                start.factors(), em.family.factors());
        checkArgument(start.dimension() == data.dimension(), "start has d = %s but the data have d = %s",
                start.dimension(), data.dimension());
        checkArgument(!em.family.isIsotropic() || start.set.isIsotropic(),
                "start has d noise variances but PPCA needs one");
    }
}
