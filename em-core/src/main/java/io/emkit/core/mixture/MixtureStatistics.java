package io.emkit.core.mixture;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.ScalableStatistics;
import io.emkit.core.family.Accumulator;
import java.io.Serializable;

/**
 * A mixture's expected sufficient statistics over some rows: per component the summed
 * responsibilities {@code N_j = Σ_i v_i r_ij} (v the row weights), the family's accumulator, the
 * total log-likelihood and weight, and the k worst-explained rows (lowest {@code log p(x)}), which are
 * where components that lose their weight are re-seeded.
 *
 * <p>Merging adds the counts, merges the family's accumulators and keeps the k lowest rows (ties
 * broken by the rows' values, so the result does not depend on merge order). Nothing refers to the
 * parameters the statistics were computed under.
 *
 * @param <A> the family's accumulator type
 */
public final class MixtureStatistics<A extends Accumulator<A>>
        implements ScalableStatistics<MixtureStatistics<A>>, Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    final int d;
    final double[] nk;
    A family;
    double logLikelihood;
    double weight;
    int worstCount;
    // the kept rows as a binary heap with the best explained of them (the next to go) at slot 0, in the
    // order of worse(): a row is offered in O(1), kept in O(log k), and the threshold is slot 0's
    final double[] worstLogDensity; // capacity k
    final double[] worstRows;       // k × d

    MixtureStatistics(int k, int d) {
        this.k = k;
        this.d = d;
        this.nk = new double[k];
        this.worstLogDensity = new double[k];
        this.worstRows = new double[k * d];
    }

    /**
     * Statistics assembled by a model that runs its own E-step over a mixture (for example over data
     * with missing cells), to be merged with the statistics {@link Mixture#expect} produces and handed
     * to {@link Mixture#maximize}.
     *
     * @param d the dimension of the observations, {@code >= 1}
     * @param componentWeights the summed responsibilities {@code N_j}, length k. Not modified.
     * @param family the family's accumulator of the same observations (not copied). Not null.
     * @param logLikelihood their total (weighted) log-likelihood
     * @param weight their total row weight
     * @param <A> the family's accumulator type
     * @return new statistics with no worst-explained rows yet (see {@link #offerWorstRow})
     * @throws IllegalArgumentException if {@code d < 1} or k is 0
     */
    public static <A extends Accumulator<A>> MixtureStatistics<A> of(int d, double[] componentWeights, A family,
            double logLikelihood, double weight) {
        checkArgument(d >= 1 && componentWeights.length >= 1, "need d >= 1 (%s) and k >= 1 (%s)", d,
                componentWeights.length);
        MixtureStatistics<A> out = new MixtureStatistics<>(componentWeights.length, d);
        System.arraycopy(componentWeights, 0, out.nk, 0, out.k);
        out.family = java.util.Objects.requireNonNull(family, "family");
        out.logLikelihood = logLikelihood;
        out.weight = weight;
        return out;
    }

    /**
     * Offers a row as one of the k worst explained (where empty components are re-seeded).
     *
     * @param logDensity the row's {@code log p(x)}
     * @param row d values. Not modified (copied when kept).
     * @param offset where the row starts in {@code row}
     * @return {@code this}
     */
    public MixtureStatistics<A> offerWorstRow(double logDensity, double[] row, int offset) {
        if (logDensity <= worstThreshold()) {
            offerWorst(logDensity, row, offset);
        }
        return this;
    }

    /**
     * The family's accumulator.
     *
     * @return the accumulator held (not a copy)
     */
    public A familyStatistics() {
        return family;
    }

    /**
     * The summed responsibilities {@code N_j}.
     *
     * @return a new array of length k
     */
    public double[] componentWeights() {
        return nk.clone();
    }

    void offerWorst(double logDensity, double[] rows, int offset) {
        if (worstCount < k) {
            int m = worstCount++;
            worstLogDensity[m] = logDensity;
            System.arraycopy(rows, offset, worstRows, m * d, d);
            siftUp(m);
            return;
        }
        if (worse(logDensity, rows, offset, worstLogDensity[0], worstRows, 0)) {
            worstLogDensity[0] = logDensity;
            System.arraycopy(rows, offset, worstRows, 0, d);
            siftDown(0);
        }
    }

    /**
     * The log density above which a row cannot enter the worst-explained list: {@code +∞} until k
     * rows are kept, then the best explained of them. A model whose E-step must do work to produce a
     * row before offering it (completing missing cells, say) can skip rows above it.
     *
     * @return the threshold; {@link #offerWorstRow} may keep a row at or below it
     */
    public double worstThreshold() {
        return worstCount < k ? Double.POSITIVE_INFINITY : worstLogDensity[0];
    }

    private void siftUp(int m) {
        while (m > 0) {
            int parent = (m - 1) / 2;
            if (!worse(worstLogDensity[parent], worstRows, parent * d, worstLogDensity[m], worstRows, m * d)) {
                return;
            }
            swap(parent, m);
            m = parent;
        }
    }

    private void siftDown(int m) {
        while (true) {
            int best = m;
            for (int child = 2 * m + 1; child <= 2 * m + 2 && child < worstCount; child++) {
                if (worse(worstLogDensity[best], worstRows, best * d, worstLogDensity[child], worstRows, child * d)) {
                    best = child;
                }
            }
            if (best == m) {
                return;
            }
            swap(m, best);
            m = best;
        }
    }

    private void swap(int a, int b) {
        double t = worstLogDensity[a];
        worstLogDensity[a] = worstLogDensity[b];
        worstLogDensity[b] = t;
        for (int c = 0; c < d; c++) {
            double v = worstRows[a * d + c];
            worstRows[a * d + c] = worstRows[b * d + c];
            worstRows[b * d + c] = v;
        }
    }

    /** Restores the heap order, whatever order a serialised form holds the kept rows in. */
    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        for (int m = worstCount / 2 - 1; m >= 0; m--) {
            siftDown(m);
        }
    }

    private boolean worse(double a, double[] rowsA, int offA, double b, double[] rowsB, int offB) {
        if (a != b) {
            return a < b;
        }
        for (int c = 0; c < d; c++) {
            if (rowsA[offA + c] != rowsB[offB + c]) {
                return rowsA[offA + c] < rowsB[offB + c];
            }
        }
        return false;
    }

    /** Indices into the worst list, worst first (an insertion sort: k is small). */
    int[] worstOrder() {
        int[] out = new int[worstCount];
        for (int m = 0; m < worstCount; m++) {
            int i = m;
            while (i > 0 && worse(worstLogDensity[m], worstRows, m * d, worstLogDensity[out[i - 1]], worstRows,
                    out[i - 1] * d)) {
                out[i] = out[i - 1];
                i--;
            }
            out[i] = m;
        }
        return out;
    }

    @Override
    public MixtureStatistics<A> merge(MixtureStatistics<A> other) {
        checkArgument(other.k == k && other.d == d, "cannot merge statistics of k = %s, d = %s into k = %s, d = %s",
                other.k, other.d, k, d);
        for (int j = 0; j < k; j++) {
            nk[j] += other.nk[j];
        }
        family = family == null ? other.family : other.family == null ? family : family.merge(other.family);
        logLikelihood += other.logLikelihood;
        weight += other.weight;
        for (int m = 0; m < other.worstCount; m++) {
            offerWorst(other.worstLogDensity[m], other.worstRows, m * d);
        }
        return this;
    }

    /**
     * Scales every weight summarised by {@code factor} (online EM): counts, the log-likelihood, the
     * total weight and the family's accumulator; the worst rows stay.
     *
     * @param factor finite, {@code >= 0}
     * @return this, updated
     * @throws IllegalArgumentException if {@code factor} is negative or not finite
     */
    @Override
    public MixtureStatistics<A> scale(double factor) {
        checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0", factor);
        for (int j = 0; j < k; j++) {
            nk[j] *= factor;
        }
        logLikelihood *= factor;
        weight *= factor;
        if (family != null) {
            family.scale(factor);
        }
        return this;
    }

    /**
     * A deep copy (online EM keeps a running average and hands copies to the M-step).
     *
     * @return new statistics equal to these
     */
    @Override
    public MixtureStatistics<A> copy() {
        MixtureStatistics<A> out = new MixtureStatistics<>(k, d);
        System.arraycopy(nk, 0, out.nk, 0, k);
        out.family = family == null ? null : family.emptyCopy().merge(family);
        out.logLikelihood = logLikelihood;
        out.weight = weight;
        out.worstCount = worstCount;
        System.arraycopy(worstLogDensity, 0, out.worstLogDensity, 0, k);
        System.arraycopy(worstRows, 0, out.worstRows, 0, worstRows.length);
        return out;
    }

    @Override
    public double logLikelihood() {
        return logLikelihood;
    }

    @Override
    public double weight() {
        return weight;
    }
}
