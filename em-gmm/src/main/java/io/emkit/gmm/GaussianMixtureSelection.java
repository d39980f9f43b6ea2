package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Model selection: fits every (number of components, covariance type) candidate and tabulates
 * log-likelihood, parameter count, BIC and AIC (and ICL when it is the criterion). The best model
 * minimises the chosen criterion (<b>lower is better</b>, the opposite sign of mclust's BIC).
 *
 * <p>With {@code lnL} the training log-likelihood, p the free-parameter count of
 * {@link GaussianMixture#parameterCount()} and n the total sample weight: {@code BIC = -2 lnL + p ln n},
 * {@code AIC = -2 lnL + 2p}, {@code ICL = BIC + 2 · classification entropy}. A candidate whose fit
 * throws (a degenerate covariance that cannot be repaired, for example) stays in the table as failed,
 * with its message, and is never chosen.
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
     * One candidate.
     *
     * @param k components
     * @param type covariance type
     * @param logLikelihood total training log-likelihood (NaN when failed)
     * @param iterations EM iterations of the kept run (0 when failed)
     * @param parameterCount free parameters p (0 when failed)
     * @param bic {@code -2 lnL + p ln n} (NaN when failed)
     * @param aic {@code -2 lnL + 2p} (NaN when failed)
     * @param icl BIC plus twice the classification entropy; computed only when ICL is the criterion,
     *     NaN otherwise
     * @param failure why the fit failed, or null when it did not
     * @param model the mclust covariance model ({@code type} is its storage; VVV, VVI, VII, EEE for
     *     the four scikit-learn types)
     */
    public record Row(int k, CovarianceType type, double logLikelihood, int iterations, int parameterCount,
            double bic, double aic, double icl, String failure, CovarianceModel model) {

        /**
         * The model's name for tables: scikit-learn's for the four types, mclust's otherwise.
         *
         * @return e.g. {@code "full"} or {@code "VEV"}
         */
        public String modelName() {
            return model.alias() != null ? type.jsonName() : model.name();
        }

        /** @return whether this candidate's fit threw */
        public boolean failed() {
            return failure != null;
        }

        /**
         * The value of a criterion for this row.
         *
         * @param criterion which one. Not null.
         * @return BIC, AIC or ICL
         */
        public double value(Criterion criterion) {
            return switch (criterion) {
                case BIC -> bic;
                case AIC -> aic;
                case ICL -> icl;
            };
        }
    }

    /**
     * The table (in fitting order: k in the given order, and for each k the types in the given order)
     * and the winner.
     *
     * @param table every candidate, failed ones included
     * @param best the row minimising the criterion
     * @param bestModel the winning fitted model
     * @param criterion the criterion used
     */
    public record Result(List<Row> table, Row best, FittedGaussianMixture bestModel, Criterion criterion) {
        /**
         * Copies the table.
         *
         * @param table every candidate
         * @param best the winning row
         * @param bestModel the winning fitted model
         * @param criterion the criterion used
         * @throws NullPointerException if an argument is null
         */
        public Result {
            table = List.copyOf(table);
            Objects.requireNonNull(best, "best");
            Objects.requireNonNull(bestModel, "bestModel");
            Objects.requireNonNull(criterion, "criterion");
        }

        /**
         * The table as aligned text: a header, then one line per candidate with k, type, log-likelihood,
         * p, BIC and AIC (and ICL when it is the criterion), the chosen line marked with {@code *};
         * failed candidates show their message.
         *
         * @return the text, ending in a newline
         */
        public String format() {
            boolean icl = criterion == Criterion.ICL;
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%3s  %-9s  %14s  %4s  %14s  %14s%s%n",
                    "k", "type", "logLik", "p", "BIC", "AIC", icl ? String.format(Locale.ROOT, "  %14s", "ICL") : ""));
            for (Row row : table) {
                if (row.failed()) {
                    text.append(String.format(Locale.ROOT, "%3d  %-9s  failed: %s%n", row.k(), row.modelName(),
                            row.failure()));
                    continue;
                }
                text.append(String.format(Locale.ROOT, "%3d  %-9s  %14.4f  %4d  %14.4f  %14.4f%s%s%n", row.k(),
                        row.modelName(), row.logLikelihood(), row.parameterCount(), row.bic(), row.aic(),
                        icl ? String.format(Locale.ROOT, "  %14.4f", row.icl()) : "", row == best ? "  *" : ""));
            }
            return text.toString();
        }
    }

    private GaussianMixtureSelection() {}

    /** mclust's threshold on {@code min / (1 + max)} of a Cholesky factor's diagonal: {@code sqrt(eps)}. */
    static final double SINGULAR_RATIO = Math.sqrt(Math.ulp(1.0));

    /**
     * Without regularisation, the rule by which mclust reports a cell as NA: a fit that had to
     * re-seed an empty component or add a ridge to a covariance that was not positive definite, or
     * whose final covariance has a Cholesky factor with {@code min L_aa / (1 + max L_aa) <= sqrt(eps)},
     * is singular. Returns why, or null.
     */
    private static String singular(FittedGaussianMixture fit) {
        for (io.emkit.core.FitWarning w : fit.result().warnings()) {
            if (w instanceof io.emkit.core.FitWarning.CovarianceRegularised
                    || w instanceof io.emkit.core.FitWarning.ComponentReseeded) {
                return "singular covariance or empty component without regularisation (mclust reports NA): " + w;
            }
        }
        GaussianMixture m = fit.mixture();
        for (int j = 0; j < m.components(); j++) {
            double[] diag = m.choleskyFactor(j).diagonal();
            double min = Double.POSITIVE_INFINITY;
            double max = 0;
            for (double v : diag) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (min / (1 + max) <= SINGULAR_RATIO) {
                return "covariance " + j + " is singular (Cholesky diagonal ratio " + min / (1 + max)
                        + " <= sqrt(eps)); mclust reports NA";
            }
        }
        return null;
    }

    /**
     * Fits k = minK..maxK for each type, with the template's other settings.
     *
     * @param data rows; {@code n >= maxK}. Not modified.
     * @param minK smallest k, at least 1
     * @param maxK largest k, at least minK
     * @param types covariance types to try (non-empty; iteration order is the table's order within a k)
     * @param template settings other than k and type (regCovar, floor, initialisation). Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion what picks the best. Not null.
     * @return the table and the best model
     * @throws IllegalArgumentException if the range is empty or invalid, {@code maxK > n}, or every
     *     candidate fails
     */
    public static Result select(Dataset data, int minK, int maxK, Set<CovarianceType> types,
            GaussianMixtureModel template, EmOptions options, Criterion criterion) {
        GaussianMixture.check(minK >= 1 && maxK >= minK, "k range [%s, %s] must satisfy 1 <= minK <= maxK", minK, maxK);
        List<Integer> ks = new ArrayList<>();
        for (int k = minK; k <= maxK; k++) {
            ks.add(k);
        }
        Objects.requireNonNull(types, "types");
        return select(data, ks, List.copyOf(types), template, options, criterion, row -> {});
    }

    /**
     * Fits every k of a list for each type, with the template's other settings, reporting each row as
     * soon as it is fitted.
     *
     * @param data rows; n at least the largest k. Not modified.
     * @param ks numbers of components, each at least 1 (non-empty; the table's order)
     * @param types covariance types (non-empty; the table's order within a k)
     * @param template settings other than k and type (regCovar, floor, initialisation). Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion what picks the best. Not null.
     * @param progress receives each row, failed ones included, as it is fitted. Not null.
     * @return the table and the best model
     * @throws IllegalArgumentException if a list is empty, a k is below 1 or above n, or every
     *     candidate fails (the message carries the first failure)
     */
    public static Result select(Dataset data, List<Integer> ks, List<CovarianceType> types,
            GaussianMixtureModel template, EmOptions options, Criterion criterion, Consumer<Row> progress) {
        Objects.requireNonNull(types, "types");
        List<CovarianceModel> models = new ArrayList<>();
        for (CovarianceType type : types) {
            models.add(CovarianceModel.of(type));
        }
        return selectModels(data, ks, models, template, options, criterion, progress);
    }

    /** Fits one candidate, locally or elsewhere (a cluster, say). */
    @FunctionalInterface
    public interface Fitter {
        /**
         * Fits {@code model} to {@code data}, from {@code start} when given, else from its initialisation.
         *
         * @param model the candidate
         * @param data the rows
         * @param start starting parameters, or null
         * @param options loop options
         * @return the fitted candidate
         * @throws IllegalArgumentException if the candidate cannot be fitted
         */
        FittedGaussianMixture fit(GaussianMixtureModel model, Dataset data, GaussianMixture start, EmOptions options);

        /**
         * Whether several fits may run at once, each on its own thread. A table whose data is fewer
         * chunks than the options' threads fits its cells in parallel when this is true (the answer does
         * not change: every fit is bit-identical at any thread count).
         *
         * @return true if {@link #fit} may be called concurrently; false by default
         */
        default boolean concurrent() {
            return false;
        }
    }

    /** Fits in this JVM: {@link GaussianMixtureModel#fit}; fits may run concurrently. */
    public static final Fitter LOCAL = new Fitter() {
        @Override
        public FittedGaussianMixture fit(GaussianMixtureModel model, Dataset data, GaussianMixture start,
                EmOptions options) {
            return start == null ? model.fit(data, options) : model.fit(data, start, options);
        }

        @Override
        public boolean concurrent() {
            return true;
        }
    };

    /**
     * Fits every k of a list for each of mclust's covariance models (its BIC table: G × models), with
     * the template's other settings (regCovar, floor, initialisation: {@code HC} with
     * {@code regCovar = 0} and {@link io.emkit.core.ConvergenceRule#RELATIVE} at 1e-5 is mclust's
     * {@code mclustBIC}), reporting each row in table order as soon as it and the rows before it are
     * fitted. When the data are fewer chunks ({@link EmOptions#chunkSize()}) than
     * {@link EmOptions#threads()} and no listener is set, the cells are fitted in parallel, one thread
     * each: the table is the same, bit for bit, since every fit is thread-count independent.
     *
     * @param data rows; n at least the largest k. Not modified.
     * @param ks numbers of components, each at least 1 (non-empty; the table's order)
     * @param models covariance models (non-empty; the table's order within a k)
     * @param template settings other than k and model. Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion what picks the best. Not null.
     * @param progress receives each row, failed ones included, as it is fitted. Not null.
     * @return the whole table and the best model
     * @throws IllegalArgumentException if a list is empty, a k is below 1 or above n, or every
     *     candidate fails (the message carries the first failure)
     */
    public static Result selectModels(Dataset data, List<Integer> ks, List<CovarianceModel> models,
            GaussianMixtureModel template, EmOptions options, Criterion criterion, Consumer<Row> progress) {
        return selectModels(data, ks, models, template, options, criterion, progress, LOCAL);
    }

    /**
     * As {@link #selectModels(Dataset, List, List, GaussianMixtureModel, EmOptions, Criterion, Consumer)},
     * with every candidate fitted by {@code fitter}.
     *
     * @param data rows; n at least the largest k. Not modified.
     * @param ks numbers of components (non-empty; the table's order)
     * @param models covariance models (non-empty; the table's order within a k)
     * @param template settings other than k and model. Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion what picks the best. Not null.
     * @param progress receives each row as it is fitted. Not null.
     * @param fitter fits each candidate. Not null.
     * @return the whole table and the best model
     * @throws IllegalArgumentException as for the overload without a fitter
     */
    public static Result selectModels(Dataset data, List<Integer> ks, List<CovarianceModel> models,
            GaussianMixtureModel template, EmOptions options, Criterion criterion, Consumer<Row> progress,
            Fitter fitter) {
        Objects.requireNonNull(fitter, "fitter");
        checkArguments(Objects.requireNonNull(data, "data").size(), ks, models, template, options, criterion, progress);
        // as mclustBIC: one hierarchy (one random subset for large data) starts every cell
        HierarchicalAgglomeration hc = template.initialisation() == GaussianMixtureModel.Initialisation.HC
                ? HierarchicalAgglomeration.mclust(data, options.seed()) : null;
        return table(data.size(), data.totalWeight(), ks, models, options, criterion, progress, fitter.concurrent(),
                (candidate, cellOptions) -> fitter.fit(candidate, data, hc == null ? null : candidate.hcStart(data, hc),
                        cellOptions), template, m -> m.icl(data));
    }

    /**
     * As {@link #selectModels(Dataset, List, List, GaussianMixtureModel, EmOptions, Criterion, Consumer)}
     * on data with missing cells: every candidate is fitted by EM on the observed-data likelihood
     * ({@link IncompleteGaussianMixture}), and the criteria use that log-likelihood with {@code n} the
     * total row weight (a row missing in every column counts, contributing 0 to the likelihood).
     *
     * @param data rows with missing cells; n at least the largest k. Not modified.
     * @param ks numbers of components, each at least 1 (non-empty; the table's order)
     * @param models covariance models (non-empty; the table's order within a k)
     * @param template settings other than k and model; its initialisation must not be
     *     {@link GaussianMixtureModel.Initialisation#HC} (the hierarchy needs complete rows). Not null.
     * @param options loop options for every fit. Not null.
     * @param criterion BIC or AIC (ICL is not defined here yet). Not null.
     * @param progress receives each row, failed ones included, as it is fitted. Not null.
     * @return the whole table and the best model
     * @throws IllegalArgumentException if a list is empty, a k is below 1 or above n, the template
     *     starts from HC, the criterion is ICL, or every candidate fails (the message carries the
     *     first failure)
     */
    public static Result selectModels(io.emkit.core.IncompleteDataset data, List<Integer> ks,
            List<CovarianceModel> models, GaussianMixtureModel template, EmOptions options, Criterion criterion,
            Consumer<Row> progress) {
        checkArguments(Objects.requireNonNull(data, "data").size(), ks, models, template, options, criterion, progress);
        GaussianMixture.check(template.initialisation() != GaussianMixtureModel.Initialisation.HC,
                "the HC initialisation needs complete rows; select on data with missing cells from KMEANS");
        GaussianMixture.check(criterion != Criterion.ICL,
                "ICL is not available on data with missing cells; choose by BIC or AIC");
        double totalWeight = 0;
        for (int i = 0; i < data.size(); i++) {
            totalWeight += data.weight(i);
        }
        return table(data.size(), totalWeight, ks, models, options, criterion, progress, true,
                (candidate, cellOptions) -> IncompleteGaussianMixture.of(candidate).fit(data, cellOptions), template,
                m -> Double.NaN);
    }

    /** The arguments both selectModels take, for data of n rows. */
    private static void checkArguments(int n, List<Integer> ks, List<CovarianceModel> types,
            GaussianMixtureModel template, EmOptions options, Criterion criterion, Consumer<Row> progress) {
        Objects.requireNonNull(ks, "ks");
        Objects.requireNonNull(types, "models");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(progress, "progress");
        GaussianMixture.check(!ks.isEmpty(), "ks must not be empty");
        GaussianMixture.check(!types.isEmpty(), "the list of covariance models must not be empty");
        for (int k : ks) {
            GaussianMixture.check(k >= 1, "k (%s) must be >= 1", k);
            GaussianMixture.check(k <= n, "k (%s) must be <= n (%s)", k, n);
        }
    }

    /** Fits one candidate with the given loop options. */
    private interface CellFit {
        FittedGaussianMixture fit(GaussianMixtureModel candidate, EmOptions options);
    }

    private static Result table(int n, double totalWeight, List<Integer> ks, List<CovarianceModel> types,
            EmOptions options, Criterion criterion, Consumer<Row> progress, boolean concurrent, CellFit fit,
            GaussianMixtureModel template, java.util.function.ToDoubleFunction<GaussianMixture> icl) {
        double logN = Math.log(totalWeight);
        List<Cell> cells = new ArrayList<>();
        for (int k : ks) {
            for (CovarianceModel model : types) {
                cells.add(new Cell(k, model));
            }
        }
        long chunks = (n + (long) options.chunkSize() - 1) / options.chunkSize();
        int workers = Selection.workers(chunks, options, concurrent, cells.size());
        EmOptions cellOptions = Selection.perCandidate(options, workers);
        List<Fitted> fitted = Selection.fitAll(cells,
                cell -> fitCell(cell, fit, template, cellOptions, criterion, logN, icl), workers,
                one -> progress.accept(one.row()));
        List<Row> table = fitted.stream().map(Fitted::row).toList();
        Fitted chosen = Selection.best(fitted, one -> !one.row().failed(), one -> one.row().value(criterion))
                .orElse(null);
        Row best = chosen == null ? null : chosen.row();
        FittedGaussianMixture bestModel = chosen == null ? null : chosen.fit();
        if (best == null) {
            throw new IllegalArgumentException("no candidate could be fitted; k = " + table.get(0).k() + ", "
                    + table.get(0).modelName() + ": " + table.get(0).failure());
        }
        return new Result(table, best, bestModel, criterion);
    }

    private record Cell(int k, CovarianceModel model) {}

    private record Fitted(Row row, FittedGaussianMixture fit) {}

    private static Fitted fitCell(Cell cell, CellFit fitter, GaussianMixtureModel template, EmOptions options,
            Criterion criterion, double logN, java.util.function.ToDoubleFunction<GaussianMixture> icl) {
        int k = cell.k();
        CovarianceModel model = cell.model();
        CovarianceType type = model.storage();
        try {
            GaussianMixtureModel candidate = template.toBuilder().components(k).covarianceModel(model).build();
            FittedGaussianMixture fit = fitter.fit(candidate, options);
            GaussianMixture m = fit.mixture();
            if (template.regCovar() == 0 && template.varianceFloor() == 0) {
                String singular = singular(fit);
                if (singular != null) {
                    throw new IllegalStateException(singular);
                }
            }
            double ll = fit.logLikelihood();
            int p = m.parameterCount();
            Row row = new Row(k, type, ll, fit.result().iterations(), p, -2 * ll + p * logN, -2 * ll + 2.0 * p,
                    criterion == Criterion.ICL ? icl.applyAsDouble(m) : Double.NaN, null, model);
            return new Fitted(row, fit);
        } catch (CancellationException e) {
            throw e; // an interrupted table stops; it is not a failed cell
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new Fitted(new Row(k, type, Double.NaN, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                    String.valueOf(e.getMessage()), model), null);
        }
    }
}
