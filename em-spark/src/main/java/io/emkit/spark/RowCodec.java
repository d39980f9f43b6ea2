package io.emkit.spark;

import io.emkit.core.Dataset;
import java.io.Serializable;

/** {@link ChunkCodec#rows()}. */
enum RowCodec implements ChunkCodec<Dataset> {
    INSTANCE;

    /** A chunk of rows: row-major {@code n × d} values and the weights (null when unweighted). */
    record Block(double[] values, double[] weights, int n, int d) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public Serializable encode(Dataset chunk) {
        int n = chunk.size();
        int d = chunk.dimension();
        double[] values = new double[Math.multiplyExact(n, d)];
        chunk.copyRows(0, n, values, 0);
        double[] weights = null;
        if (chunk.isWeighted()) {
            weights = new double[n];
            chunk.copyWeights(0, n, weights, 0);
        }
        return new Block(values, weights, n, d);
    }

    @Override
    public Dataset decode(Serializable encoded) {
        if (!(encoded instanceof Block block)) {
            throw new IllegalArgumentException("not a row block: " + encoded);
        }
        Dataset rows = Dataset.ofRowMajor(block.values(), block.n(), block.d());
        return block.weights() == null ? rows : rows.withWeights(block.weights());
    }
}
