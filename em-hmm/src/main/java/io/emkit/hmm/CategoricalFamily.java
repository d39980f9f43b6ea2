package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import java.util.random.RandomGenerator;

/** The categorical family: expected symbol counts per state, normalised in the M-step. */
final class CategoricalFamily implements EmissionFamily {

    private final int symbols;

    CategoricalFamily(int symbols) {
        checkArgument(symbols >= 1, "symbols (%s) must be >= 1", symbols);
        this.symbols = symbols;
    }

    int symbols() {
        return symbols;
    }

    @Override
    public void checkCompatible(Sequences data) {
        checkArgument(data.isCategorical(), "categorical emissions need categorical sequences, got %s", data);
        CategoricalEmission.checkSymbols(data, symbols);
    }

    /** Seeded random stochastic rows: uniform(0.5, 1.5) entries, normalised. */
    @Override
    public Emission initialize(Sequences data, int states, RandomGenerator random) {
        return CategoricalEmission.wrap(states, symbols, RandomRows.draw(states, symbols, null, random));
    }

    @Override
    public EmissionStatistics newStatistics(Emission current) {
        CategoricalEmission emission = (CategoricalEmission) current;
        return new Counts(emission.states(), symbols);
    }

    @Override
    public Emission estimate(EmissionStatistics total, Emission previous, IterationContext context) {
        Counts counts = (Counts) total;
        CategoricalEmission old = (CategoricalEmission) previous;
        int states = counts.states;
        double[] next = new double[states * symbols];
        for (int s = 0; s < states; s++) {
            double sum = 0;
            for (int k = 0; k < symbols; k++) {
                sum += counts.counts[s * symbols + k];
            }
            if (sum > 0) {
                // b_s(k) = sum_t gamma_t(s) [o_t = k] / sum_t gamma_t(s)
                double inverse = 1.0 / sum;
                for (int k = 0; k < symbols; k++) {
                    next[s * symbols + k] = counts.counts[s * symbols + k] * inverse;
                }
            } else {
                System.arraycopy(old.raw(), s * symbols, next, s * symbols, symbols);
                context.warn(new FitWarning.ModelWarning(context.iteration(),
                        "state " + s + " has no posterior weight; its emission probabilities were kept"));
            }
        }
        return CategoricalEmission.wrap(states, symbols, next);
    }

    /** Expected symbol counts, {@code S x m} row-major. */
    static final class Counts implements EmissionStatistics {
        final int states;
        final int symbols;
        final double[] counts;

        Counts(int states, int symbols) {
            this.states = states;
            this.symbols = symbols;
            this.counts = new double[states * symbols];
        }

        @Override
        public void add(Sequences data, int sequence, double[] posteriors, double weight) {
            int[] seq = data.rawSymbols(sequence);
            for (int t = 0; t < seq.length; t++) {
                int base = t * states;
                int symbol = seq[t];
                for (int s = 0; s < states; s++) {
                    counts[s * symbols + symbol] += weight * posteriors[base + s];
                }
            }
        }

        @Override
        public EmissionStatistics merge(EmissionStatistics other) {
            checkArgument(other instanceof Counts, "cannot merge %s into categorical counts", other);
            Counts o = (Counts) other;
            checkArgument(o.counts.length == counts.length, "shape mismatch: %s vs %s counts",
                    o.counts.length, counts.length);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += o.counts[i];
            }
            return this;
        }
    }
}
