package io.emkit.core;

import java.util.List;

/**
 * Data that an executor can cut into chunks for the E-step: rows of a table, whole sequences,
 * documents. The cut depends only on the data and the requested chunk size, never on the number of
 * threads, so that a fit is bit-identical at any parallelism.
 *
 * @param <D> the implementing data type; a chunk has the same type as the whole
 */
public interface Chunkable<D extends Chunkable<D>> {

    /**
     * The data's size in the units chunks are measured in (rows, sequence steps, documents).
     *
     * @return a count {@code >= 1}
     */
    long units();

    /**
     * Disjoint chunks covering the data, in a fixed order, each of about {@code unitsPerChunk}
     * units (an indivisible item such as a long sequence may make a chunk larger).
     *
     * @param unitsPerChunk the target chunk size, {@code >= 1}
     * @return a non-empty list of views; the data are not copied
     * @throws IllegalArgumentException if {@code unitsPerChunk < 1}
     */
    List<D> chunks(int unitsPerChunk);
}
