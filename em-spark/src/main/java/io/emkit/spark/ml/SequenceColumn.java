package io.emkit.spark.ml;

import io.emkit.hmm.Sequences;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.types.DataTypes;

/**
 * The values of a sequence column, one row's array at a time, as emkit {@link Sequences}: steps are
 * the array's elements in order; a categorical column's strings become symbol ids through a
 * vocabulary. Every error names the column, the row (0-based, in the DataFrame's order) and the step.
 */
final class SequenceColumn {

    /** The column types an HMM reads. */
    enum Kind {
        /** array&lt;double&gt;: one number per step. */
        SCALARS(false),
        /** array&lt;vector&gt;: d numbers per step. */
        VECTORS(false),
        /** array&lt;int&gt; or array&lt;long&gt;: a symbol id {@code >= 0} per step. */
        INTEGERS(true),
        /** array&lt;string&gt;: a symbol name per step. */
        STRINGS(true);

        private final boolean categorical;

        Kind(boolean categorical) {
            this.categorical = categorical;
        }

        boolean categorical() {
            return categorical;
        }
    }

    private SequenceColumn() {}

    /** The kind of a column type, or null when an HMM cannot read it. */
    static Kind kindOf(org.apache.spark.sql.types.DataType type) {
        if (HmmParams.arrayOf(type, DataTypes.DoubleType)) {
            return Kind.SCALARS;
        }
        if (HmmParams.arrayOf(type, SQLDataTypes.VectorType())) {
            return Kind.VECTORS;
        }
        if (HmmParams.arrayOf(type, DataTypes.IntegerType) || HmmParams.arrayOf(type, DataTypes.LongType)) {
            return Kind.INTEGERS;
        }
        if (HmmParams.arrayOf(type, DataTypes.StringType)) {
            return Kind.STRINGS;
        }
        return null;
    }

    /**
     * One row's array as a plain Java value: {@code double[]} (scalars), {@code double[][]} (vectors),
     * {@code int[]} (integers) or {@code String[]} (strings).
     *
     * @throws IllegalArgumentException if the array is null or empty, or holds a null, a value that is
     *     not finite, vectors of different lengths, or a symbol id that is negative or too large
     */
    static Object raw(Kind kind, List<?> values, String column, long row) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(at(column, row) + ": the sequence is "
                    + (values == null ? "null" : "empty") + "; every sequence needs at least one step (filter the row"
                    + " out)");
        }
        int length = values.size();
        for (int t = 0; t < length; t++) {
            if (values.get(t) == null) {
                throw new IllegalArgumentException(at(column, row) + " step " + t
                        + " is null; missing observations are not supported (drop or fill them)");
            }
        }
        switch (kind) {
            case SCALARS: {
                double[] out = new double[length];
                for (int t = 0; t < length; t++) {
                    out[t] = finite(((Number) values.get(t)).doubleValue(), column, row, t);
                }
                return out;
            }
            case VECTORS: {
                double[][] out = new double[length][];
                for (int t = 0; t < length; t++) {
                    out[t] = ((Vector) values.get(t)).toArray();
                    if (out[t].length != out[0].length || out[t].length == 0) {
                        throw new IllegalArgumentException(at(column, row) + " step " + t
                                + " has " + out[t].length + " values but step 0 has " + out[0].length
                                + "; every step needs the same number (>= 1)");
                    }
                    for (double v : out[t]) {
                        finite(v, column, row, t);
                    }
                }
                return out;
            }
            case INTEGERS: {
                int[] out = new int[length];
                for (int t = 0; t < length; t++) {
                    long v = ((Number) values.get(t)).longValue();
                    if (v < 0 || v >= Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(at(column, row) + " step " + t
                                + ": symbol " + v + " is not a symbol id (0 <= id < " + Integer.MAX_VALUE + ")");
                    }
                    out[t] = (int) v;
                }
                return out;
            }
            case STRINGS:
            default: {
                String[] out = new String[length];
                for (int t = 0; t < length; t++) {
                    out[t] = values.get(t).toString();
                }
                return out;
            }
        }
    }

    /** "column c row r", or "column c" when the row is not known ({@code row < 0}). */
    private static String at(String column, long row) {
        return "column " + column + (row >= 0 ? " row " + row : "");
    }

    private static double finite(double v, String column, long row, int step) {
        if (Double.isFinite(v)) {
            return v;
        }
        throw new IllegalArgumentException(at(column, row) + " step " + step + " is " + v
                + "; observations must be finite (drop or fill the row)");
    }

    /**
     * The vocabulary of string sequences: every distinct symbol in order of first appearance.
     *
     * @param raws {@code String[]} per sequence
     * @return the symbols
     */
    static List<String> vocabulary(List<Object> raws) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Object raw : raws) {
            for (String s : (String[]) raw) {
                index.putIfAbsent(s, index.size());
            }
        }
        return new ArrayList<>(index.keySet());
    }

    /**
     * The sequences of raw row values.
     *
     * @param kind the column kind
     * @param raws what {@link #raw} returned, one per sequence
     * @param vocabulary the symbols of string sequences in id order (null for other kinds)
     * @param column the column name, for messages
     * @param firstRow the row of {@code raws[0]}, for messages
     * @return the sequences
     * @throws IllegalArgumentException if a string symbol is not in the vocabulary, or vectors differ in
     *     length between sequences
     */
    static Sequences sequences(Kind kind, List<Object> raws, List<String> vocabulary, String column, long firstRow) {
        int count = raws.size();
        switch (kind) {
            case SCALARS:
                return Sequences.ofScalars(raws.toArray(new double[0][]));
            case VECTORS: {
                double[][][] vectors = raws.toArray(new double[0][][]);
                for (int r = 1; r < count; r++) {
                    if (vectors[r][0].length != vectors[0][0].length) {
                        throw new IllegalArgumentException(at(column, firstRow < 0 ? -1 : firstRow + r) + " has "
                                + vectors[r][0].length + " values per step but row " + firstRow + " has "
                                + vectors[0][0].length + "; every step needs the same number");
                    }
                }
                return Sequences.ofVectors(vectors);
            }
            case INTEGERS:
                return Sequences.ofSymbols(raws.toArray(new int[0][]));
            case STRINGS:
            default: {
                Map<String, Integer> ids = new java.util.HashMap<>();
                for (int i = 0; i < vocabulary.size(); i++) {
                    ids.put(vocabulary.get(i), i);
                }
                int[][] symbols = new int[count][];
                for (int r = 0; r < count; r++) {
                    String[] names = (String[]) raws.get(r);
                    symbols[r] = new int[names.length];
                    for (int t = 0; t < names.length; t++) {
                        Integer id = ids.get(names[t]);
                        if (id == null) {
                            throw new IllegalArgumentException(at(column, firstRow < 0 ? -1 : firstRow + r) + " step "
                                    + t + ": unknown symbol \"" + names[t] + "\"; the model's symbols are "
                                    + vocabulary);
                        }
                        symbols[r][t] = id;
                    }
                }
                return Sequences.ofSymbols(symbols);
            }
        }
    }
}
