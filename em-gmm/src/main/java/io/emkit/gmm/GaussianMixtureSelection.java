package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Model selection: fits every k in a range for each chosen covariance type and tabulates
 * log-likelihood, parameter count, BIC and AIC. The best model minimises the chosen criterion
 * (<b>lower is better</b>, the opposite sign of mclust's BIC).
 */
public final class GaussianMixtureSelection {

    /** The criterion that picks the best model. */
    public enum Criterion {
        /** {@code -2 lnL + p ln n}. */
        BIC,
        /** {@code -2 lnL + 2p}. */
        AIC,
        /** BIC plus twice the classification entropy. */
        ICL
    }

    /**
     * One fitted candidate.
     *
     * @param k components
     * @param type covariance type
     * @param logLikelihood total training log-likelihood
     * @param parameterCount free parameters p
     * @param bic {@code -2 lnL + p ln n}
     * @param aic {@code -2 lnL + 2p}
     * @param icl BIC plus twice the classification entropy
     */
    public record Row(int k, CovarianceType type, double logLikelihood, int parameterCount, double bic, double aic,
            double icl) {}

    /**
     * The table (in fitting order: types in the given order, k ascending) and the winner.
     *
     * @param table every candidate
     * @param best the row minimising the criterion
     * @param bestModel the winning fitted model
     * @param criterion the criterion used
     */
    public record Result(List<Row> table, Row best, FittedGaussianMixture bestModel, Criterion criterion) {
        /** Copies the table. */
        public Result {
            table = List.copyOf(table);
            Objects.requireNonNull(best, "best");
            Objects.requireNonNull(bestModel, "bestModel");
            Objects.requireNonNull(criterion, "criterion");
        }
    }

    private GaussianMixtureSelection() {}

    /**
     * Fits k = minK..maxK for each type, with the template's other settings.
     *
     * @param data rows; {@code n >= maxK}. Not modified.
     * @param minK smallest k, at least 1
     * @param maxK largest k, at least minK
     * @param types covariance types to try (non-empty; iteration order is the table's order)
     * @param template settings other than k and type (regCovar, floor, initialisation). Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion what picks the best. Not null.
     * @return the table and the best model
     * @throws IllegalArgumentException if the range is empty or invalid, or {@code maxK > n}
     */
    public static Result select(Dataset data, int minK, int maxK, Set<CovarianceType> types,
            GaussianMixtureModel template, EmOptions options, Criterion criterion) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(criterion, "criterion");
        GaussianMixture.check(minK >= 1 && maxK >= minK, "k range [%s, %s] must satisfy 1 <= minK <= maxK", minK, maxK);
        GaussianMixture.check(maxK <= data.size(), "maxK (%s) must be <= n (%s)", maxK, data.size());
        GaussianMixture.check(!types.isEmpty(), "types must not be empty");
        List<Row> table = new ArrayList<>();
        Row best = null;
        FittedGaussianMixture bestModel = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (CovarianceType type : types) {
            for (int k = minK; k <= maxK; k++) {
                GaussianMixtureModel model = template.toBuilder().components(k).covarianceType(type).build();
                FittedGaussianMixture fit = model.fit(data, options);
                GaussianMixture m = fit.mixture();
                double ll = m.logLikelihood(data);
                int p = m.parameterCount();
                double bic = -2 * ll + p * Math.log(data.totalWeight());
                double aic = -2 * ll + 2.0 * p;
                double icl = criterion == Criterion.ICL ? m.icl(data) : Double.NaN;
                Row row = new Row(k, type, ll, p, bic, aic, icl);
                table.add(row);
                double value = criterion == Criterion.BIC ? bic : criterion == Criterion.AIC ? aic : icl;
                if (best == null || value < bestValue) {
                    best = row;
                    bestModel = fit;
                    bestValue = value;
                }
            }
        }
        return new Result(table, best, bestModel, criterion);
    }
}
