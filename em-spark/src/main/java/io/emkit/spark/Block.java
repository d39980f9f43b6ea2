package io.emkit.spark;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * One chunk as an element of the cached RDD: its index in chunk order and its contents. A worker
 * decodes the contents once and keeps the decoded chunk for later E-steps (the RDD is cached as
 * objects), dropping the encoded copy; if Spark serialises the block again (eviction to disk, a
 * replica), it is encoded again from the decoded chunk.
 *
 * @param <D> the chunk type
 */
final class Block<D> implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    private final ChunkCodec<D> codec;
    private Serializable encoded;
    private transient D decoded;

    Block(int index, ChunkCodec<D> codec, Serializable encoded) {
        this.index = index;
        this.codec = codec;
        this.encoded = encoded;
    }

    /** The chunk, decoded on first use. */
    synchronized D chunk() {
        if (decoded == null) {
            decoded = codec.decode(encoded);
            encoded = null;
        }
        return decoded;
    }

    private synchronized void writeObject(ObjectOutputStream out) throws IOException {
        if (encoded == null) {
            encoded = codec.encode(decoded);
        }
        out.defaultWriteObject();
    }
}
