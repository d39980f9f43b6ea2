package io.emkit.hmm;

import io.emkit.discrete.CategoricalComponents;
import io.emkit.discrete.CategoricalFamily;
import java.util.random.RandomGenerator;

/**
 * Categorical emissions: state s emits symbol k with probability {@code b_s(k)} (the
 * {@link CategoricalFamily}'s components, one row per state).
 */
public final class CategoricalEmission extends FamilyEmission<CategoricalComponents, CategoricalFamily.Counts> {

    private final CategoricalComponents table;

    CategoricalEmission(CategoricalFamily family, CategoricalComponents components) {
        super(family, components);
        this.table = components;
    }

    /**
     * Emissions from an {@code S × m} probability table.
     *
     * @param probabilities rows of m probabilities in [0, 1] summing to 1, one per state. Not modified.
     * @return the emissions
     * @throws IllegalArgumentException naming the invalid row or entry
     */
    public static CategoricalEmission of(double[][] probabilities) {
        CategoricalComponents c = CategoricalComponents.of(probabilities);
        return new CategoricalEmission(new CategoricalFamily(c.symbols()), c);
    }

    @Override
    protected CategoricalEmission with(CategoricalComponents next) {
        return new CategoricalEmission((CategoricalFamily) family(), next);
    }

    /** @return the number of symbols m */
    public int symbols() {
        return table.symbols();
    }

    /**
     * {@code b_state(symbol)}.
     *
     * @param state in {@code [0, S)}
     * @param symbol in {@code [0, m)}
     * @return the probability
     */
    public double probability(int state, int symbol) {
        return table.probability(state, symbol);
    }

    /**
     * The probability table.
     *
     * @return a new {@code S × m} array
     */
    public double[][] toArray() {
        return table.toArray();
    }

    @Override
    public void checkCompatible(Sequences data) {
        if (!data.isCategorical()) {
            throw new IllegalArgumentException("categorical emissions need categorical sequences, got " + data);
        }
        super.checkCompatible(data); // the range by the largest symbol; a scan names one out of range
    }

    /** The probabilities gathered directly (no exp or log per step): {@code m_t = 0}. */
    @Override
    public double shiftedDensities(Sequences data, int sequence, double[] out) {
        int[] symbolsOfSequence = data.rawSymbols(sequence);
        int length = symbolsOfSequence.length;
        int m = symbols();
        double[][] rows = toArrayCached();
        for (int s = 0; s < states(); s++) {
            double[] row = rows[s];
            int o = s * length;
            for (int t = 0; t < length; t++) {
                out[o + t] = row[symbolsOfSequence[t]];
            }
        }
        markMissing(data.missingMask(sequence), out, states(), length, 1.0); // a missing symbol: probability 1
        return 0;
    }

    private transient double[][] cached;

    private double[][] toArrayCached() {
        double[][] c = cached;
        if (c == null) {
            c = table.toArray();
            cached = c;
        }
        return c;
    }

    @Override
    public Sequences sample(int[] path, RandomGenerator random) {
        int[] out = new int[path.length];
        double[] one = new double[1];
        for (int t = 0; t < path.length; t++) {
            family().sample(table, path[t], random, one, 0);
            out[t] = (int) one[0];
        }
        return Sequences.ofSymbols(new int[][] {out});
    }

    /** An index drawn with probability {@code p[offset + k]}, k < n. */
    static int draw(double[] p, int offset, int n, RandomGenerator random) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int k = 0; k < n; k++) {
            double pk = p[offset + k];
            if (pk > 0) {
                cumulative += pk;
                last = k;
                if (u < cumulative) {
                    return k;
                }
            }
        }
        return last; // round-off: u above the computed total
    }
}
