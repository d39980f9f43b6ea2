package io.emkit.hmm;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of observation sequences of possibly different lengths, with an optional
 * weight per sequence: the data type of {@link BaumWelch}.
 *
 * <p>A sequence is either categorical (symbols {@code 0, 1, ...}, see {@link #ofSymbols}) or
 * numeric (one {@code d}-vector per step, stored row-major, see {@link #ofVectors} and
 * {@link #ofScalars}); all sequences of one instance have the same kind and dimension.
 * Factories copy their input; accessors copy their output. A chunk made by {@link #range} shares
 * the (never modified) storage of its parent, so chunks are cheap.
 *
 * <p>Non-finite values: a NaN or infinite observation, a negative symbol, an empty list, an empty
 * sequence, or a weight that is not finite and {@code > 0} is rejected at construction with an
 * {@link IllegalArgumentException} naming the sequence, step and value.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Sequences implements io.emkit.core.Chunkable<Sequences> {

    private final int[][] symbols;      // categorical storage, or null
    private final double[][] values;    // numeric storage (each T_r x d, row-major), or null
    private final double[][] observations; // what families read: values, or the symbols as doubles
    private final boolean[][] missing;  // per parent sequence, true at a wholly missing step; or null
    private final boolean[][] partial;  // per parent sequence, true at a partly missing step; or null
    private final int dimension;        // 0 for categorical
    private final double[] weights;     // null: every weight is 1
    private final int from;             // first sequence of this view
    private final int to;               // one past the last sequence of this view
    private final int maxSymbol;        // over the whole parent, -1 for numeric
    private final long totalLength;     // of this view
    private final int maxLength;        // of this view

    private Sequences(int[][] symbols, double[][] values, int dimension, double[] weights, int from,
            int to, int maxSymbol) {
        this(symbols, values, dimension, weights, from, to, maxSymbol, null, null);
    }

    private Sequences(int[][] symbols, double[][] values, int dimension, double[] weights, int from,
            int to, int maxSymbol, boolean[][] missing, boolean[][] partial) {
        this.missing = missing;
        this.partial = partial;
        this.symbols = symbols;
        this.values = values;
        this.observations = partial == null ? observationsOf(symbols, values) : filled(values, partial, dimension);
        this.dimension = dimension;
        this.weights = weights;
        this.from = from;
        this.to = to;
        this.maxSymbol = maxSymbol;
        long total = 0;
        int max = 0;
        for (int r = from; r < to; r++) {
            int length = rawLength(r);
            total += length;
            max = Math.max(max, length);
        }
        this.totalLength = total;
        this.maxLength = max;
    }

    /** Numeric data are their own observations; symbols become one-column doubles, once per parent. */
    private static double[][] observationsOf(int[][] symbols, double[][] values) {
        if (values != null) {
            return values;
        }
        double[][] out = new double[symbols.length][];
        for (int r = 0; r < symbols.length; r++) {
            double[] row = new double[symbols[r].length];
            for (int t = 0; t < row.length; t++) {
                row[t] = symbols[r][t];
            }
            out[r] = row;
        }
        return out;
    }

    /**
     * What families read for data with partly missing steps: the values with each NaN coordinate
     * of such a step set to 0 (finite; the emissions replace those steps' densities and statistics).
     */
    private static double[][] filled(double[][] values, boolean[][] partial, int dimension) {
        double[][] out = new double[values.length][];
        for (int r = 0; r < values.length; r++) {
            out[r] = values[r];
            if (partial[r] == null) {
                continue;
            }
            out[r] = values[r].clone();
            for (int t = 0; t < partial[r].length; t++) {
                for (int a = t * dimension; partial[r][t] && a < (t + 1) * dimension; a++) {
                    out[r][a] = Double.isNaN(out[r][a]) ? 0.0 : out[r][a];
                }
            }
        }
        return out;
    }

    private Sequences(Sequences parent, double[] weights, int from, int to) {
        this.missing = parent.missing;
        this.partial = parent.partial;
        this.symbols = parent.symbols;
        this.values = parent.values;
        this.observations = parent.observations;
        this.dimension = parent.dimension;
        this.weights = weights;
        this.from = from;
        this.to = to;
        this.maxSymbol = parent.maxSymbol;
        long total = 0;
        int max = 0;
        for (int r = from; r < to; r++) {
            int length = rawLength(r);
            total += length;
            max = Math.max(max, length);
        }
        this.totalLength = total;
        this.maxLength = max;
    }

    private int rawLength(int r) {
        return symbols != null ? symbols[r].length : values[r].length / dimension;
    }

    /**
     * Categorical sequences: {@code sequences[r][t]} is the symbol at step {@code t} of sequence
     * {@code r}. Copied.
     *
     * @param sequences at least one sequence, each of length {@code >= 1}, symbols {@code >= 0}
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException for an empty list, an empty sequence or a negative symbol
     * @throws NullPointerException if the array or a sequence is null
     */
    public static Sequences ofSymbols(int[][] sequences) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        int[][] copy = new int[sequences.length][];
        int max = 0;
        for (int r = 0; r < sequences.length; r++) {
            int[] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            checkArgument(sequence.length > 0, "sequences[%s] is empty", r);
            for (int t = 0; t < sequence.length; t++) {
                int symbol = sequence[t];
                checkArgument(symbol >= 0, "sequences[%s][%s] (%s) must be a symbol >= 0", r, t, symbol);
                max = Math.max(max, symbol);
            }
            copy[r] = sequence.clone();
        }
        return new Sequences(copy, null, 0, null, 0, copy.length, max);
    }

    /**
     * Numeric sequences of {@code d}-vectors: {@code sequences[r][t]} is the observation at step
     * {@code t} of sequence {@code r}. Copied.
     *
     * @param sequences at least one sequence, each with at least one step; every vector has the
     *     same length {@code d >= 1} and finite entries
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException for an empty list or sequence, ragged vectors, or a NaN or
     *     infinite entry (the message names {@code [r][t][j]} and the value)
     * @throws NullPointerException if any array is null
     */
    public static Sequences ofVectors(double[][][] sequences) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        Objects.requireNonNull(sequences[0], "sequences[0]");
        checkArgument(sequences[0].length > 0, "sequences[0] is empty");
        Objects.requireNonNull(sequences[0][0], "sequences[0][0]");
        int d = sequences[0][0].length;
        checkArgument(d > 0, "sequences[0][0] has dimension 0");
        double[][] copy = new double[sequences.length][];
        for (int r = 0; r < sequences.length; r++) {
            double[][] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            checkArgument(sequence.length > 0, "sequences[%s] is empty", r);
            double[] flat = new double[sequence.length * d];
            for (int t = 0; t < sequence.length; t++) {
                double[] x = Objects.requireNonNull(sequence[t], "sequences[" + r + "][" + t + "]");
                checkArgument(x.length == d, "sequences[%s][%s] has dimension %s, expected %s", r, t, x.length, d);
                for (int j = 0; j < d; j++) {
                    checkFinite(x[j], r, t, j);
                    flat[t * d + j] = x[j];
                }
            }
            copy[r] = flat;
        }
        return new Sequences(null, copy, d, null, 0, copy.length, -1);
    }

    /**
     * Numeric sequences of {@code d}-vectors stored row-major: {@code sequences[r]} holds the
     * {@code T_r × d} observations of sequence {@code r}, step after step ({@code sequences[r][t * d + j]}
     * is coordinate {@code j} of step {@code t}). Copied. The layout readers of large files produce,
     * without one array per step.
     *
     * @param sequences at least one sequence, each of length a positive multiple of {@code dimension},
     *     finite entries
     * @param dimension {@code d >= 1}
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException for an empty list or sequence, {@code dimension < 1}, a length
     *     that is not a multiple of {@code d}, or a NaN or infinite entry (the message names
     *     {@code [r][t][j]} and the value)
     * @throws NullPointerException if any array is null
     */
    public static Sequences ofRowMajor(double[][] sequences, int dimension) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        checkArgument(dimension >= 1, "dimension (%s) must be >= 1", dimension);
        double[][] copy = new double[sequences.length][];
        for (int r = 0; r < sequences.length; r++) {
            double[] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            checkArgument(sequence.length > 0, "sequences[%s] is empty", r);
            checkArgument(sequence.length % dimension == 0,
                    "sequences[%s] has %s values, not a multiple of the dimension %s", r, sequence.length, dimension);
            for (int i = 0; i < sequence.length; i++) {
                checkFinite(sequence[i], r, i / dimension, i % dimension);
            }
            copy[r] = sequence.clone();
        }
        return new Sequences(null, copy, dimension, null, 0, copy.length, -1);
    }

    /**
     * Categorical sequences in which a symbol may be missing, marked {@code -1}: a missing step emits
     * with probability 1 (it contributes nothing to the emission statistics, while the hidden chain
     * still moves through it). Copied.
     *
     * @param sequences as {@link #ofSymbols}, with {@code -1} for a missing symbol; at least one
     *     symbol observed
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException as {@link #ofSymbols}, for a symbol below {@code -1}, or if
     *     every symbol is missing
     */
    public static Sequences ofSymbolsWithMissing(int[][] sequences) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        int placeholder = -1;
        for (int[] sequence : sequences) {
            for (int t = 0; sequence != null && t < sequence.length && placeholder < 0; t++) {
                placeholder = sequence[t] >= 0 ? sequence[t] : placeholder;
            }
        }
        checkArgument(placeholder >= 0, "every symbol is missing: nothing to fit");
        int[][] filled = new int[sequences.length][];
        boolean[][] mask = new boolean[sequences.length][];
        for (int r = 0; r < sequences.length; r++) {
            int[] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            filled[r] = sequence.clone();
            mask[r] = new boolean[sequence.length];
            for (int t = 0; t < sequence.length; t++) {
                checkArgument(sequence[t] >= -1, "sequences[%s][%s] (%s) must be a symbol >= 0 or -1 (missing)", r,
                        t, sequence[t]);
                if (sequence[t] == -1) {
                    mask[r][t] = true;
                    filled[r][t] = placeholder; // never read as an observation
                }
            }
        }
        Sequences plain = ofSymbols(filled);
        return new Sequences(plain.symbols, null, 0, null, 0, plain.symbols.length, plain.maxSymbol, mask, null);
    }

    /**
     * Numeric sequences in which steps may be missing, marked by NaN: a wholly missing step (NaN in
     * every coordinate) emits with probability 1 (it contributes nothing to the emission statistics,
     * while the hidden chain still moves through it); a partly missing step (some coordinates NaN)
     * emits with the observed marginal density and, under Gaussian emissions, adds its expected
     * sufficient statistics (conditional mean and covariance correction per state). Only Gaussian
     * emissions take partly missing steps; the others refuse them in
     * {@link Emission#checkCompatible}. Copied.
     *
     * @param sequences as {@link #ofVectors}, with NaN where a coordinate is missing; at least one
     *     step observed
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException as {@link #ofVectors}, or if every step is missing
     */
    public static Sequences ofVectorsWithMissing(double[][][] sequences) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        double[] placeholder = null;
        boolean[][] mask = new boolean[sequences.length][];
        boolean[][] partial = null;
        double[][][] filled = new double[sequences.length][][];
        for (int r = 0; r < sequences.length; r++) {
            double[][] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            mask[r] = new boolean[sequence.length];
            filled[r] = new double[sequence.length][];
            for (int t = 0; t < sequence.length; t++) {
                double[] x = Objects.requireNonNull(sequence[t], "sequences[" + r + "][" + t + "]");
                int nan = 0;
                for (double v : x) {
                    nan += Double.isNaN(v) ? 1 : 0;
                }
                if (nan > 0 && nan < x.length) {
                    if (partial == null) {
                        partial = new boolean[sequences.length][];
                    }
                    if (partial[r] == null) {
                        partial[r] = new boolean[sequence.length];
                    }
                    partial[r][t] = true;
                }
                mask[r][t] = nan == x.length;
                if (nan < x.length && placeholder == null) {
                    placeholder = nan == 0 ? x : new double[x.length]; // finite; never read as an observation
                }
                filled[r][t] = x;
            }
        }
        checkArgument(placeholder != null, "every step is missing: nothing to fit");
        for (int r = 0; r < filled.length; r++) {
            for (int t = 0; t < filled[r].length; t++) {
                if (mask[r][t]) {
                    filled[r][t] = placeholder; // never read as an observation
                }
            }
        }
        for (int r = 0; partial != null && r < filled.length; r++) {
            for (int t = 0; partial[r] != null && t < filled[r].length; t++) {
                if (partial[r][t]) {
                    double[] x = filled[r][t].clone(); // ofVectors checks the observed coordinates
                    for (int a = 0; a < x.length; a++) {
                        x[a] = Double.isNaN(x[a]) ? 0.0 : x[a];
                    }
                    filled[r][t] = x;
                }
            }
        }
        Sequences plain = ofVectors(filled);
        double[][] values = plain.values;
        for (int r = 0; partial != null && r < filled.length; r++) {
            for (int t = 0; partial[r] != null && t < filled[r].length; t++) {
                for (int a = 0; partial[r][t] && a < plain.dimension; a++) {
                    if (Double.isNaN(sequences[r][t][a])) {
                        values[r][t * plain.dimension + a] = Double.NaN; // missing coordinates stay NaN
                    }
                }
            }
        }
        return new Sequences(null, values, plain.dimension, null, 0, values.length, -1, mask, partial);
    }

    /**
     * The number of partly missing steps in this view (see {@link #ofVectorsWithMissing}).
     *
     * @return a count {@code >= 0}
     */
    public long partlyMissingSteps() {
        if (partial == null) {
            return 0;
        }
        long count = 0;
        for (int r = from; r < to; r++) {
            for (int t = 0; partial[r] != null && t < partial[r].length; t++) {
                count += partial[r][t] ? 1 : 0;
            }
        }
        return count;
    }

    /** The partly-missing-step mask of a sequence (not copied; never modify), or null when it has none. */
    boolean[] partialMask(int sequence) {
        return partial == null ? null : partial[from + sequence];
    }

    /**
     * Whether a step is missing (see {@link #ofVectorsWithMissing}, {@link #ofSymbolsWithMissing}).
     *
     * @param sequence 0-based sequence index
     * @param step 0-based step
     * @return true when the step is missing
     */
    public boolean isMissing(int sequence, int step) {
        Objects.checkIndex(step, length(sequence));
        return missing != null && missing[index(sequence)][step];
    }

    /**
     * The number of missing steps in this view.
     *
     * @return a count {@code >= 0}
     */
    public long missingSteps() {
        if (missing == null) {
            return 0;
        }
        long count = 0;
        for (int r = from; r < to; r++) {
            for (boolean b : missing[r]) {
                count += b ? 1 : 0;
            }
        }
        return count;
    }

    /** The missing-step mask of a sequence (not copied; never modify), or null when no step is missing. */
    boolean[] missingMask(int sequence) {
        return missing == null ? null : missing[from + sequence];
    }

    /**
     * Numeric sequences of scalars ({@code d = 1}): {@code sequences[r][t]} is the observation at
     * step {@code t} of sequence {@code r}. Copied.
     *
     * @param sequences at least one non-empty sequence of finite values
     * @return the sequences, every weight 1
     * @throws IllegalArgumentException for an empty list or sequence, or a NaN or infinite value
     * @throws NullPointerException if any array is null
     */
    public static Sequences ofScalars(double[][] sequences) {
        Objects.requireNonNull(sequences, "sequences");
        checkArgument(sequences.length > 0, "sequences must hold at least one sequence");
        double[][] copy = new double[sequences.length][];
        for (int r = 0; r < sequences.length; r++) {
            double[] sequence = Objects.requireNonNull(sequences[r], "sequences[" + r + "]");
            checkArgument(sequence.length > 0, "sequences[%s] is empty", r);
            for (int t = 0; t < sequence.length; t++) {
                checkFinite(sequence[t], r, t, 0);
            }
            copy[r] = sequence.clone();
        }
        return new Sequences(null, copy, 1, null, 0, copy.length, -1);
    }

    private static void checkFinite(double value, int r, int t, int j) {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException("sequences[" + r + "][" + t + "][" + j + "] is NaN");
        }
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("sequences[" + r + "][" + t + "][" + j + "] is " + value);
        }
    }

    /**
     * The same sequences with a weight per sequence. A weight multiplies the sequence's
     * contribution to every statistic and to the log-likelihood (as if it occurred that many
     * times). Copied. Only valid on a whole data set, not on a chunk.
     *
     * @param sequenceWeights one finite weight {@code > 0} per sequence
     * @return new sequences sharing the observations
     * @throws IllegalArgumentException if the length differs from {@link #size()} or a weight is
     *     not finite and {@code > 0}
     * @throws IllegalStateException if this is a chunk of a larger data set
     */
    public Sequences withWeights(double[] sequenceWeights) {
        Objects.requireNonNull(sequenceWeights, "sequenceWeights");
        if (from != 0 || to != storageSize()) {
            throw new IllegalStateException("weights can only be set on a whole data set, not a chunk");
        }
        checkArgument(sequenceWeights.length == size(), "sequenceWeights has length %s, expected %s",
                sequenceWeights.length, size());
        for (int r = 0; r < sequenceWeights.length; r++) {
            double w = sequenceWeights[r];
            checkArgument(w > 0 && w < Double.POSITIVE_INFINITY,
                    "sequenceWeights[%s] (%s) must be finite and > 0", (Object) r, (Object) w);
        }
        return new Sequences(this, sequenceWeights.clone(), from, to);
    }

    private int storageSize() {
        return symbols != null ? symbols.length : values.length;
    }

    /**
     * Whether the sequences hold symbols (else {@code d}-vectors).
     *
     * @return {@code true} for categorical sequences
     */
    public boolean isCategorical() {
        return symbols != null;
    }

    /**
     * The observation dimension.
     *
     * @return {@code d >= 1} for numeric sequences, {@code 0} for categorical ones
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The number of sequences.
     *
     * @return a value {@code >= 1}
     */
    public int size() {
        return to - from;
    }

    /**
     * The number of steps of one sequence.
     *
     * @param sequence 0-based index, {@code < size()}
     * @return a value {@code >= 1}
     * @throws IndexOutOfBoundsException for a bad index
     */
    public int length(int sequence) {
        return rawLength(index(sequence));
    }

    /**
     * The total number of steps of all sequences.
     *
     * @return a value {@code >= 1}
     */
    public long totalLength() {
        return totalLength;
    }

    /**
     * The length of the longest sequence.
     *
     * @return a value {@code >= 1}
     */
    public int maxLength() {
        return maxLength;
    }

    /**
     * The largest symbol of the data set this view belongs to ({@code -1} for numeric sequences).
     *
     * @return the largest symbol
     */
    public int maxSymbol() {
        return maxSymbol;
    }

    /**
     * Whether per-sequence weights were given.
     *
     * @return {@code true} if {@link #withWeights} was used
     */
    public boolean isWeighted() {
        return weights != null;
    }

    /**
     * The weight of one sequence.
     *
     * @param sequence 0-based index
     * @return its weight, 1 when unweighted
     */
    public double weight(int sequence) {
        int r = index(sequence);
        return weights == null ? 1.0 : weights[r];
    }

    /**
     * The symbols of one categorical sequence. Copied.
     *
     * @param sequence 0-based index
     * @return a new array of length {@link #length(int)}
     * @throws IllegalStateException if the sequences are numeric
     */
    public int[] symbols(int sequence) {
        if (symbols == null) {
            throw new IllegalStateException("the sequences are numeric, not categorical");
        }
        int[] out = symbols[index(sequence)].clone();
        boolean[] mask = missingMask(sequence);
        for (int t = 0; mask != null && t < out.length; t++) {
            out[t] = mask[t] ? -1 : out[t]; // a missing symbol reads as -1
        }
        return out;
    }

    /**
     * The observations of one numeric sequence, row-major {@code T x d}. Copied.
     *
     * @param sequence 0-based index
     * @return a new array of length {@code length(sequence) * dimension()}
     * @throws IllegalStateException if the sequences are categorical
     */
    public double[] values(int sequence) {
        if (values == null) {
            throw new IllegalStateException("the sequences are categorical, not numeric");
        }
        double[] out = values[index(sequence)].clone();
        boolean[] mask = missingMask(sequence);
        for (int t = 0; mask != null && t < mask.length; t++) {
            if (mask[t]) {
                java.util.Arrays.fill(out, t * dimension, (t + 1) * dimension, Double.NaN); // missing reads as NaN
            }
        }
        return out;
    }

    /**
     * One symbol of a categorical sequence, without copying (for emission families' inner loops).
     *
     * @param sequence 0-based sequence index
     * @param step 0-based step, {@code < length(sequence)}
     * @return the symbol
     * @throws IllegalStateException if the sequences are numeric
     * @throws IndexOutOfBoundsException for a bad index
     */
    public int symbol(int sequence, int step) {
        if (symbols == null) {
            throw new IllegalStateException("the sequences are numeric, not categorical");
        }
        return symbols[index(sequence)][step];
    }

    /**
     * One coordinate of one observation of a numeric sequence, without copying (for emission
     * families' inner loops).
     *
     * @param sequence 0-based sequence index
     * @param step 0-based step, {@code < length(sequence)}
     * @param coordinate 0-based coordinate, {@code < dimension()}
     * @return the value
     * @throws IllegalStateException if the sequences are categorical
     * @throws IndexOutOfBoundsException for a bad index
     */
    public double value(int sequence, int step, int coordinate) {
        if (values == null) {
            throw new IllegalStateException("the sequences are categorical, not numeric");
        }
        java.util.Objects.checkIndex(coordinate, dimension);
        return values[index(sequence)][step * dimension + coordinate];
    }

    /**
     * A view of sequences {@code [fromSequence, toSequence)} sharing storage (and weights).
     *
     * @param fromSequence first sequence, inclusive
     * @param toSequence last sequence, exclusive, {@code > fromSequence}
     * @return the view
     * @throws IllegalArgumentException for an empty or out-of-range interval
     */
    public Sequences range(int fromSequence, int toSequence) {
        checkArgument(0 <= fromSequence && fromSequence < toSequence && toSequence <= size(),
                "range [%s, %s) must be non-empty and within [0, %s)", fromSequence, toSequence, size());
        return new Sequences(this, weights, from + fromSequence, from + toSequence);
    }

    /**
     * The number of steps in all sequences, the unit chunks are measured in.
     *
     * @return {@link #totalLength()}
     */
    @Override
    public long units() {
        return totalLength;
    }

    /**
     * Chunks of whole sequences of about {@code unitsPerChunk} steps: {@link #partition(int)}.
     *
     * @param unitsPerChunk steps per chunk, {@code >= 1}
     * @return the chunks in sequence order
     */
    @Override
    public List<Sequences> chunks(int unitsPerChunk) {
        return partition(unitsPerChunk);
    }

    /**
     * Splits into consecutive groups of whole sequences, closing a group once it holds at least
     * {@code stepsPerChunk} steps. The split depends only on the lengths, so it is the same for
     * every thread count; a single sequence longer than {@code stepsPerChunk} is a chunk of its
     * own.
     *
     * @param stepsPerChunk target number of steps per chunk, {@code >= 1}
     * @return views covering all sequences in order
     * @throws IllegalArgumentException if {@code stepsPerChunk < 1}
     */
    public List<Sequences> partition(int stepsPerChunk) {
        checkArgument(stepsPerChunk >= 1, "stepsPerChunk (%s) must be >= 1", stepsPerChunk);
        List<Sequences> chunks = new ArrayList<>();
        int start = 0;
        long steps = 0;
        for (int r = 0; r < size(); r++) {
            steps += length(r);
            if (steps >= stepsPerChunk) {
                chunks.add(range(start, r + 1));
                start = r + 1;
                steps = 0;
            }
        }
        if (start < size()) {
            chunks.add(range(start, size()));
        }
        return chunks;
    }

    /** Raw symbols of a sequence (not copied; never modify). */
    int[] rawSymbols(int sequence) {
        return symbols[from + sequence];
    }

    /**
     * The observations of a sequence as a family reads them: row-major {@code T × d} doubles (a
     * categorical sequence's symbols as one column). Not copied; never modify.
     */
    double[] observations(int sequence) {
        return observations[from + sequence];
    }

    /**
     * The dimension of the observations families see: 1 for categorical data, else {@link #dimension()}.
     *
     * @return at least 1
     */
    public int observationDimension() {
        return symbols != null ? 1 : dimension;
    }

    /**
     * Raw row-major values of a sequence (not copied; never modify): NaN at the missing coordinates
     * of partly missing steps, unlike {@link #observations}.
     */
    double[] rawValues(int sequence) {
        return values[from + sequence];
    }

    private int index(int sequence) {
        if (sequence < 0 || sequence >= size()) {
            throw new IndexOutOfBoundsException("sequence " + sequence + " out of range [0, " + size() + ")");
        }
        return from + sequence;
    }

    @Override
    public String toString() {
        return "Sequences[" + size() + " " + (isCategorical() ? "categorical" : "numeric d=" + dimension)
                + " sequences, " + totalLength + " steps" + (isWeighted() ? ", weighted" : "") + "]";
    }

}
