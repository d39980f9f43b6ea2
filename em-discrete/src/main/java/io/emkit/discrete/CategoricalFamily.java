package io.emkit.discrete;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.family.Accumulator;
import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import io.emkit.core.family.Repairs;
import io.emkit.core.family.VectorFamily;
import io.emkit.core.numeric.LogRatios;
import java.util.random.RandomGenerator;

/**
 * The categorical family: each observation is one symbol in {@code 0..m-1} (a one-column row holding
 * an integral value), and component j emits symbol c with probability {@code b_j(c)}. M-step:
 * {@code b_j(c) = Σ_i w_ij [x_i = c] / Σ_i w_ij}; a component with no weight keeps its row and is
 * reported {@linkplain Repairs#empty empty}. The default start ({@link #initialize}) draws each row as
 * uniform numbers in [0.5, 1.5) normalised, as a Baum-Welch start should (k-means on symbols means
 * nothing).
 */
public final class CategoricalFamily implements Family<CategoricalComponents, CategoricalFamily.Counts>,
        VectorFamily<CategoricalComponents> {
    private static final long serialVersionUID = 1L;

    private final int symbols;

    /**
     * The family over {@code symbols} symbols.
     *
     * @param symbols m, at least 1
     * @throws IllegalArgumentException if {@code symbols < 1}
     */
    public CategoricalFamily(int symbols) {
        checkArgument(symbols >= 1, "symbols (%s) must be >= 1", symbols);
        this.symbols = symbols;
    }

    /** @return the number of symbols m */
    public int symbols() {
        return symbols;
    }

    @Override
    public String name() {
        return "categorical";
    }

    @Override
    public int components(CategoricalComponents set) {
        return set.k;
    }

    @Override
    public int dimension(CategoricalComponents set) {
        return 1;
    }

    @Override
    public void validate(double[] x, int n, int d, String where, long firstIndex) {
        checkArgument(d == 1, "categorical observations are one symbol each, got %s columns", d);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (!(v >= 0 && v < symbols && v == Math.rint(v))) {
                String value = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
                throw new IllegalArgumentException(where + "[" + (firstIndex + i) + "] (" + value
                        + ") is out of range: symbols must be integers in [0, " + symbols + ")");
            }
        }
    }

    @Override
    public Kernel<Counts> kernel(CategoricalComponents set) {
        checkArgument(set.symbols == symbols, "components have %s symbols but the family %s", set.symbols, symbols);
        Counts counts = new Counts(set.k, symbols);
        return new Kernel<>() {
            @Override
            public void logDensities(double[] x, int xOffset, int n, double[] out, int outOffset, int stride) {
                for (int j = 0; j < set.k; j++) {
                    gather(set.logProbabilities, j * symbols, x, xOffset, n, out, outOffset + j * stride);
                }
            }

            @Override
            public void accumulate(double[] x, int xOffset, int n, double[] weights, int wOffset, int stride) {
                for (int j = 0; j < set.k; j++) {
                    int row = j * symbols;
                    int w = wOffset + j * stride;
                    for (int i = 0; i < n; i++) {
                        counts.counts[row + (int) x[xOffset + i]] += weights[w + i];
                    }
                }
            }

            @Override
            public Counts finish() {
                return counts;
            }
        };
    }

    /** out[o + i] = table[row + x_i]. */
    private static void gather(double[] table, int row, double[] x, int xOffset, int n, double[] out, int o) {
        for (int i = 0; i < n; i++) {
            out[o + i] = table[row + (int) x[xOffset + i]];
        }
    }

    @Override
    public CategoricalComponents estimate(Counts total, CategoricalComponents previous, Repairs repairs) {
        int k = total.k;
        double[] next = new double[k * symbols];
        for (int s = 0; s < k; s++) {
            double sum = 0;
            for (int c = 0; c < symbols; c++) {
                sum += total.counts[s * symbols + c];
            }
            if (sum > 0 && sum < Double.POSITIVE_INFINITY) {
                // b_s(c) = Σ_t γ_t(s) [o_t = c] / Σ_t γ_t(s)
                double inverse = 1.0 / sum;
                for (int c = 0; c < symbols; c++) {
                    next[s * symbols + c] = total.counts[s * symbols + c] * inverse;
                }
            } else {
                System.arraycopy(previous.probabilities, s * symbols, next, s * symbols, symbols);
                repairs.empty(s, sum);
            }
        }
        return new CategoricalComponents(k, symbols, next);
    }

    /** Every component uniform over the symbols. */
    @Override
    public CategoricalComponents reference(Dataset data, int k) {
        double[] p = new double[Math.multiplyExact(k, symbols)];
        java.util.Arrays.fill(p, 1.0 / symbols);
        return new CategoricalComponents(k, symbols, p);
    }

    /** Rows of uniform numbers in [0.5, 1.5), normalised. */
    @Override
    public CategoricalComponents initialize(Dataset data, int k, RandomGenerator random) {
        double[] p = new double[Math.multiplyExact(k, symbols)];
        for (int s = 0; s < k; s++) {
            double sum = 0;
            for (int c = 0; c < symbols; c++) {
                p[s * symbols + c] = 0.5 + random.nextDouble();
                sum += p[s * symbols + c];
            }
            for (int c = 0; c < symbols; c++) {
                p[s * symbols + c] /= sum;
            }
        }
        return new CategoricalComponents(k, symbols, p);
    }

    /** The component puts most of its mass (half, the rest uniform) on the observed symbol. */
    @Override
    public CategoricalComponents reseed(CategoricalComponents set, int component, double[] observation, Counts total) {
        double[] p = set.probabilities.clone();
        int c = (int) observation[0];
        for (int s = 0; s < symbols; s++) {
            p[component * symbols + s] = 0.5 / symbols + (s == c ? 0.5 : 0.0);
        }
        return new CategoricalComponents(set.k, symbols, p);
    }

    @Override
    public long parameterCount(CategoricalComponents set) {
        return (long) set.k * (symbols - 1);
    }

    @Override
    public void sample(CategoricalComponents set, int component, RandomGenerator random, double[] out, int offset) {
        double u = random.nextDouble();
        double cumulative = 0;
        int last = 0;
        for (int c = 0; c < symbols; c++) {
            double p = set.probabilities[component * symbols + c];
            if (p > 0) {
                cumulative += p;
                last = c;
                if (u < cumulative) {
                    out[offset] = c;
                    return;
                }
            }
        }
        out[offset] = last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalFamily f && f.symbols == symbols;
    }

    @Override
    public int hashCode() {
        return symbols;
    }

    @Override
    public String toString() {
        return "CategoricalFamily[" + symbols + " symbols]";
    }

    /**
     * The coordinates' length: each component's probabilities as log-ratios against its last
     * non-zero entry in {@code layout} (zero entries are structural and have no coordinate).
     *
     * @param layout the set that fixes the coordinates
     * @return the length
     */
    @Override
    public int vectorLength(CategoricalComponents layout) {
        int length = 0;
        for (int j = 0; j < layout.k; j++) {
            length += LogRatios.length(layout.probabilities, j * layout.symbols, layout.symbols);
        }
        return length;
    }

    /**
     * Writes each component's log-ratios (see {@link #vectorLength}).
     *
     * @param set the components to write
     * @param layout the set that fixes the coordinates
     * @param out receives the coordinates. Modified.
     * @param offset where in {@code out}
     * @return false if the shapes or the zero patterns differ
     */
    @Override
    public boolean toVector(CategoricalComponents set, CategoricalComponents layout, double[] out, int offset) {
        if (set.k != layout.k || set.symbols != layout.symbols) {
            return false;
        }
        int m = layout.symbols;
        int o = offset;
        for (int j = 0; j < layout.k; j++) {
            if (!LogRatios.write(set.probabilities, j * m, layout.probabilities, j * m, m, out, o)) {
                return false;
            }
            o += LogRatios.length(layout.probabilities, j * m, m);
        }
        return true;
    }

    /**
     * The components the log-ratios describe (zero entries of {@code layout} stay zero).
     *
     * @param in the coordinates. Not modified.
     * @param offset where they start
     * @param layout the set that fixed the coordinates
     * @return the components, or null if a coordinate is not finite
     */
    @Override
    public CategoricalComponents fromVector(double[] in, int offset, CategoricalComponents layout) {
        int m = layout.symbols;
        double[] probabilities = new double[layout.probabilities.length];
        int o = offset;
        for (int j = 0; j < layout.k; j++) {
            if (!LogRatios.read(in, o, layout.probabilities, j * m, m, probabilities, j * m)) {
                return null;
            }
            o += LogRatios.length(layout.probabilities, j * m, m);
        }
        return new CategoricalComponents(layout.k, m, probabilities);
    }

    /** Expected symbol counts per component: {@code k × m}, merged by addition. */
    public static final class Counts implements Accumulator<Counts> {
        private static final long serialVersionUID = 1L;
        final int k;
        final int symbols;
        final double[] counts;

        Counts(int k, int symbols) {
            this.k = k;
            this.symbols = symbols;
            this.counts = new double[Math.multiplyExact(k, symbols)];
        }

        /**
         * The expected count of a symbol under a component.
         *
         * @param component component index
         * @param symbol symbol index
         * @return the weighted count
         */
        public double count(int component, int symbol) {
            return counts[component * symbols + symbol];
        }

        @Override
        public Counts merge(Counts other) {
            checkArgument(other.counts.length == counts.length, "shape mismatch: %s vs %s counts",
                    other.counts.length, counts.length);
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            return this;
        }

        @Override
        public Counts scale(double factor) {
            checkArgument(factor >= 0 && factor < Double.POSITIVE_INFINITY, "factor (%s) must be finite and >= 0",
                    factor);
            for (int i = 0; i < counts.length; i++) {
                counts[i] *= factor;
            }
            return this;
        }

        @Override
        public Counts emptyCopy() {
            return new Counts(k, symbols);
        }
    }
}
