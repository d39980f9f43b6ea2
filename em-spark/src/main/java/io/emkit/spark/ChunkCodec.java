package io.emkit.spark;

import io.emkit.core.Dataset;
import io.emkit.hmm.Sequences;
import java.io.Serializable;

/**
 * How one chunk of a data set travels to a Spark worker: {@link #encode} on the driver turns the
 * chunk (a view of the whole) into a compact serialisable copy, {@link #decode} on the worker rebuilds
 * an equal chunk. Decoding must reproduce every value and weight exactly, so that an E-step on the
 * decoded chunk equals one on the original bit for bit.
 *
 * @param <D> the chunk type
 */
public interface ChunkCodec<D> extends Serializable {

    /**
     * A copy of the chunk's contents that can be serialised.
     *
     * @param chunk a chunk on the driver. Not modified.
     * @return its contents, not sharing storage with the whole data set
     */
    Serializable encode(D chunk);

    /**
     * The chunk again, on a worker.
     *
     * @param encoded what {@link #encode} returned
     * @return an equal chunk
     * @throws IllegalArgumentException if {@code encoded} did not come from this codec
     */
    D decode(Serializable encoded);

    /**
     * Rows of a {@link Dataset}: row-major values and, when weighted, the row weights.
     *
     * @return the codec
     */
    static ChunkCodec<Dataset> rows() {
        return RowCodec.INSTANCE;
    }

    /**
     * Whole sequences of {@link Sequences}: symbols, or row-major values, and sequence weights.
     *
     * @return the codec
     */
    static ChunkCodec<Sequences> sequences() {
        return SequenceCodec.INSTANCE;
    }
}
