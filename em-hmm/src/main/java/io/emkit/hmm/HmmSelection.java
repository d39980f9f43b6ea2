package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.Criteria;
import io.emkit.core.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * Model selection over the number of states: fits one model per candidate state count with the
 * same options (restarts included) and tabulates log-likelihood, parameter count, BIC and AIC.
 * Immutable.
 */
public final class HmmSelection {

    /** Which criterion to minimise. */
    public enum Criterion {
        /** Bayesian information criterion {@code -2 log L + p log n}. */
        BIC,
        /** Akaike information criterion {@code -2 log L + 2 p}. */
        AIC
    }

    /**
     * One row of the table.
     *
     * @param states the number of states
     * @param logLikelihood total log-likelihood of the fitted model
     * @param parameterCount free parameters
     * @param bic BIC (lower is better)
     * @param aic AIC (lower is better)
     * @param result the whole fit
     */
    public record Row(int states, double logLikelihood, int parameterCount, double bic, double aic,
            EmResult<HmmParameters> result) {
        /**
         * Checks for null.
         *
         * @param states the number of states
         * @param logLikelihood total log-likelihood of the fitted model
         * @param parameterCount free parameters
         * @param bic BIC (lower is better)
         * @param aic AIC (lower is better)
         * @param result the whole fit
         */
        public Row {
            Objects.requireNonNull(result, "result");
        }

        /**
         * The value of a criterion.
         *
         * @param criterion BIC or AIC
         * @return its value
         */
        public double value(Criterion criterion) {
            return criterion == Criterion.BIC ? bic : aic;
        }
    }

    private final List<Row> rows;

    private HmmSelection(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Fits {@code models.apply(S)} for every {@code S} in {@code stateCounts}.
     *
     * @param models makes the model for a state count, e.g.
     *     {@code s -> BaumWelch.builder().states(s).emission(family).build()}
     * @param data the sequences
     * @param stateCounts candidate state counts, each {@code >= 1}, at least one
     * @param options the options of every fit; on data of fewer chunks than threads the candidates
     *     are fitted in parallel, one thread each ({@link Selection#workers}), with the same table
     * @return the table, in the order of {@code stateCounts}
     * @throws IllegalArgumentException if {@code stateCounts} is empty or holds a value below 1
     */
    public static HmmSelection byStates(IntFunction<BaumWelch> models, Sequences data, int[] stateCounts,
            EmOptions options) {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        checkArgument(stateCounts.length > 0, "stateCounts must hold at least one candidate");
        double n = FittedHmm.weightedSteps(data);
        List<BaumWelch> candidates = new ArrayList<>();
        for (int i = 0; i < stateCounts.length; i++) {
            int s = stateCounts[i];
            checkArgument(s >= 1, "stateCounts[%s] (%s) must be >= 1", i, s);
            BaumWelch model = models.apply(s);
            checkArgument(model.states() == s, "models.apply(%s) built a model with %s states", s, model.states());
            candidates.add(model);
        }
        int workers = Selection.workers(data.chunks(options.chunkSize()).size(), options, true, candidates.size());
        EmOptions each = Selection.perCandidate(options, workers);
        List<Row> rows = Selection.fitAll(candidates, model -> {
            EmResult<HmmParameters> result = Em.fit(model, data, each);
            int p = model.parameterCount(result.parameters());
            double ll = result.logLikelihood();
            return new Row(model.states(), ll, p, Criteria.bic(ll, p, n), Criteria.aic(ll, p), result);
        }, workers, row -> {});
        return new HmmSelection(rows);
    }

    /**
     * The whole table.
     *
     * @return an unmodifiable list of rows, in the order requested
     */
    public List<Row> rows() {
        return rows;
    }

    /**
     * The row minimising a criterion (the first on ties).
     *
     * @param criterion BIC or AIC
     * @return the best row
     */
    public Row best(Criterion criterion) {
        Objects.requireNonNull(criterion, "criterion");
        return Selection.best(rows, row -> true, row -> row.value(criterion)).orElseThrow();
    }
}
