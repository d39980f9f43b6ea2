package io.emkit.spark;

import io.emkit.hmm.Sequences;
import java.io.Serializable;

/** {@link ChunkCodec#sequences()}. */
enum SequenceCodec implements ChunkCodec<Sequences> {
    INSTANCE;

    /**
     * Whole sequences: symbols (categorical) or row-major {@code T × d} values per sequence, and the
     * sequence weights (null when unweighted).
     */
    record Block(int[][] symbols, double[][] values, int d, double[] weights) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Serializable encode(Sequences chunk) {
        int count = chunk.size();
        int[][] symbols = chunk.isCategorical() ? new int[count][] : null;
        double[][] values = chunk.isCategorical() ? null : new double[count][];
        double[] weights = chunk.isWeighted() ? new double[count] : null;
        for (int r = 0; r < count; r++) {
            if (symbols != null) {
                symbols[r] = chunk.symbols(r);
            } else {
                values[r] = chunk.values(r);
            }
            if (weights != null) {
                weights[r] = chunk.weight(r);
            }
        }
        return new Block(symbols, values, chunk.isCategorical() ? 0 : chunk.dimension(), weights);
    }

    @Override
    public Sequences decode(Serializable encoded) {
        if (!(encoded instanceof Block block)) {
            throw new IllegalArgumentException("not a sequence block: " + encoded);
        }
        Sequences sequences;
        if (block.symbols() != null) {
            sequences = Sequences.ofSymbols(block.symbols());
        } else if (block.d() == 1) {
            sequences = Sequences.ofScalars(block.values());
        } else {
            int d = block.d();
            double[][][] vectors = new double[block.values().length][][];
            for (int r = 0; r < vectors.length; r++) {
                double[] flat = block.values()[r];
                vectors[r] = new double[flat.length / d][d];
                for (int t = 0; t < vectors[r].length; t++) {
                    System.arraycopy(flat, t * d, vectors[r][t], 0, d);
                }
            }
            sequences = Sequences.ofVectors(vectors);
        }
        return block.weights() == null ? sequences : sequences.withWeights(block.weights());
    }
}
