package io.emkit.discrete;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * k categorical distributions over the symbols {@code 0..m-1}: an immutable {@code k × m} matrix of
 * probabilities whose rows sum to 1 (within {@value #ROW_SUM_TOLERANCE}), with their logarithms
 * precomputed ({@code log 0 = -∞}). Thread-safe and serialisable.
 */
public final class CategoricalComponents implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Absolute tolerance on every row sum. */
    public static final double ROW_SUM_TOLERANCE = 1e-8;

    final int k;
    final int symbols;
    final double[] probabilities;    // k × m
    final double[] logProbabilities; // k × m

    CategoricalComponents(int k, int symbols, double[] probabilities) {
        this.k = k;
        this.symbols = symbols;
        this.probabilities = probabilities;
        this.logProbabilities = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            logProbabilities[i] = Math.log(probabilities[i]);
        }
    }

    /**
     * Validated components.
     *
     * @param probabilities {@code k × m}: entries in [0, 1], rows summing to 1. Not modified.
     * @return the components
     * @throws IllegalArgumentException naming the row or entry that is invalid
     */
    public static CategoricalComponents of(double[][] probabilities) {
        Objects.requireNonNull(probabilities, "probabilities");
        checkArgument(probabilities.length >= 1, "emission probabilities need at least one state");
        checkArgument(probabilities[0] != null && probabilities[0].length >= 1,
                "emission probabilities need at least one symbol");
        int k = probabilities.length;
        int m = probabilities[0].length;
        double[] flat = new double[Math.multiplyExact(k, m)];
        for (int s = 0; s < k; s++) {
            double[] row = Objects.requireNonNull(probabilities[s], "probabilities[" + s + "]");
            checkArgument(row.length == m, "emissions[%s] has length %s, expected %s", s, row.length, m);
            double sum = 0;
            for (int c = 0; c < m; c++) {
                double p = row[c];
                checkArgument(p >= 0 && p <= 1, "emissions[%s][%s] is %s; must be in [0, 1]", s, c, p);
                sum += p;
                flat[s * m + c] = p;
            }
            checkArgument(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE, "emissions[%s] sums to %s; must sum to 1", (Object) s, sum);
        }
        return new CategoricalComponents(k, m, flat);
    }

    /** @return the number of components (states) k */
    public int size() {
        return k;
    }

    /** @return the number of symbols m */
    public int symbols() {
        return symbols;
    }

    /**
     * {@code P(symbol | component)}.
     *
     * @param component in {@code [0, k)}
     * @param symbol in {@code [0, m)}
     * @return the probability
     */
    public double probability(int component, int symbol) {
        Objects.checkIndex(component, k);
        Objects.checkIndex(symbol, symbols);
        return probabilities[component * symbols + symbol];
    }

    /**
     * The probabilities.
     *
     * @return a new {@code k × m} array
     */
    public double[][] toArray() {
        double[][] out = new double[k][];
        for (int s = 0; s < k; s++) {
            out[s] = Arrays.copyOfRange(probabilities, s * symbols, (s + 1) * symbols);
        }
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CategoricalComponents c && c.symbols == symbols
                && Arrays.equals(c.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "CategoricalComponents" + Arrays.deepToString(toArray());
    }
}
