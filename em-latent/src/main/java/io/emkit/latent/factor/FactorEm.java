package io.emkit.latent.factor;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import io.emkit.core.family.Families;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What {@link FactorAnalysis} and {@link PPCA} share: the E-step on rows (Woodbury log densities and
 * moments), the M-step of {@link FactorAnalyserFamily} with k = 1, starts, and the fit by moments.
 */
final class FactorEm {
    final FactorAnalyserFamily family;
    final boolean random;

    FactorEm(FactorAnalyserFamily family, boolean random) {
        this.family = family;
        this.random = random;
    }

    void validate(Dataset data) {
        Objects.requireNonNull(data, "data");
        checkArgument(data.dimension() >= 2, "data have d = %s column(s); a factor model needs d >= 2",
                data.dimension());
        checkArgument(family.factors() < data.dimension(), "factors q (%s) must be < d (%s)", family.factors(),
                data.dimension());
    }

    FactorStatistics expect(FactorParameters params, Dataset chunk) {
        checkArgument(chunk.dimension() == params.set.d,
                "dimension mismatch: data have d = %s but the model has d = %s", chunk.dimension(), params.set.d);
        final int d = chunk.dimension();
        final int bs = Family.BLOCK_ROWS;
        Kernel<FactorMoments> kernel = family.kernel(params.set);
        double[] rows = new double[bs * d];
        double[] v = new double[bs];
        double[] ld = new double[bs];
        double logLikelihood = 0;
        int n = chunk.size();
        for (int from = 0; from < n; from += bs) {
            int nb = Math.min(bs, n - from);
            chunk.copyRows(from, from + nb, rows, 0);
            chunk.copyWeights(from, from + nb, v, 0);
            kernel.logDensities(rows, 0, nb, ld, 0, bs);
            for (int i = 0; i < nb; i++) {
                if (v[i] != 0) {
                    logLikelihood += v[i] * ld[i];
                }
            }
            kernel.accumulate(rows, 0, nb, v, 0, bs);
        }
        return new FactorStatistics(kernel.finish(), logLikelihood);
    }

    FactorParameters maximize(FactorStatistics total, FactorParameters previous, IterationContext context) {
        boolean[] empty = new boolean[1];
        FactorAnalysers next = family.estimate(total.moments, previous.set,
                Repairs.of(context, (component, weight) -> empty[0] = true));
        if (empty[0]) {
            context.warn(new FitWarning.ModelWarning(context.iteration(),
                    "the M-step gave non-finite values; the previous parameters were kept"));
            return previous;
        }
        return new FactorParameters(next, family.isIsotropic());
    }

    FactorParameters initialize(Dataset data, RandomGenerator rng) {
        FactorAnalysers closed = Families.fromLabels(family, data, new int[data.size()], 1);
        if (!random) {
            return new FactorParameters(closed, family.isIsotropic());
        }
        // random loadings and noise, each explaining half of every feature's variance
        int d = closed.d;
        int q = closed.q;
        double[] variances = new double[d];
        double[] cov = closed.covariance(0).toRowMajor();
        double mean = 0;
        for (int a = 0; a < d; a++) {
            variances[a] = cov[a * d + a];
            mean += variances[a] / d;
        }
        double floor = Math.max(family.noiseFloor(), FactorAnalyserFamily.RELATIVE_NOISE_FLOOR * (mean > 0 ? mean : 1));
        double[] w = new double[d * q];
        double[] psi = new double[d];
        for (int a = 0; a < d; a++) {
            double scale = Math.sqrt(Math.max(variances[a], floor) / (2.0 * q));
            for (int c = 0; c < q; c++) {
                w[a * q + c] = scale * rng.nextGaussian();
            }
            psi[a] = Math.max(family.isIsotropic() ? mean / 2 : variances[a] / 2, floor);
        }
        return new FactorParameters(closed.withComponent(0, closed.mean(0), w, psi), family.isIsotropic());
    }

    /**
     * The data's moments by one parallel E-step, then 2d weighted rows with exactly these moments: the
     * Gaussian likelihood, and so every EM iterate, depends on the data only through them.
     */
    static Dataset summary(FactorEm em, Dataset data, EmOptions options,
            io.emkit.core.LatentModel<Dataset, FactorParameters, FactorStatistics> model) {
        model.validate(data);
        FactorParameters reference = new FactorParameters(em.family.reference(data, 1), em.family.isIsotropic());
        FactorStatistics stats = Em.expect(model, reference, data, options);
        FactorMoments m = stats.moments;
        int d = m.d;
        double[] cov = m.covarianceArray(0);
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        FactorKernels.symmetricEigen(cov, d, values, vectors);
        double[] mean = m.mean(0);
        double[] rows = new double[2 * d * d];
        for (int c = 0; c < d; c++) {
            double r = Math.sqrt(d * Math.max(values[c], 0.0)); // x̄ ± sqrt(d λ_c) u_c
            for (int a = 0; a < d; a++) {
                double delta = r * vectors[a * d + c];
                rows[(2 * c) * d + a] = mean[a] + delta;
                rows[(2 * c + 1) * d + a] = mean[a] - delta;
            }
        }
        double[] weights = new double[2 * d];
        java.util.Arrays.fill(weights, m.weight[0] / (2 * d));
        return Dataset.ofRowMajor(rows, 2 * d, d).withWeights(weights);
    }

    static EmResult<FactorParameters> fit(FactorEm em,
            io.emkit.core.LatentModel<Dataset, FactorParameters, FactorStatistics> model, Dataset data,
            FactorParameters start, EmOptions options) {
        Objects.requireNonNull(options, "options");
        Dataset summary = summary(em, data, options, model);
        return start == null ? Em.fit(model, summary, options) : Em.fit(model, summary, start, options);
    }

    void checkStart(FactorParameters start, Dataset data) {
        Objects.requireNonNull(start, "start");
        checkArgument(start.factors() == family.factors(), "start has q = %s factors but the model has %s",
                start.factors(), family.factors());
        checkArgument(start.dimension() == data.dimension(), "start has d = %s but the data have d = %s",
                start.dimension(), data.dimension());
        checkArgument(start.isIsotropic() == family.isIsotropic() || !family.isIsotropic() || start.set.isIsotropic(),
                "start has d noise variances but PPCA needs one");
    }
}
