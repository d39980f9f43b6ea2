package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Where {@link OnlineEm} gets its mini-batches: one call of {@link #forEachBatch} is one pass over
 * the data, every unit (row, sequence) in exactly one batch.
 *
 * @param <D> the data (and batch) type
 */
public interface MiniBatches<D> {

    /**
     * One pass over the data in mini-batches.
     *
     * @param batchSize target batch size in the data's units ({@link Chunkable#chunks}: rows, or
     *     steps of whole sequences), {@code >= 1}
     * @param order a random stream that may be used to shuffle the order of the batches (an
     *     in-memory source does; a file read front to back does not), or null for the fixed order
     * @param action called with each batch in turn, on the calling thread; it must not keep the batch
     * @throws IllegalArgumentException if {@code batchSize < 1}
     * @throws java.io.UncheckedIOException if a file-backed source cannot read its data
     */
    void forEachBatch(int batchSize, RandomGenerator order, Consumer<? super D> action);

    /**
     * Mini-batches of data in memory: the data's {@link Chunkable#chunks} of the batch size, in an
     * order shuffled by {@code order} on every pass (Fisher-Yates), or in data order when it is null.
     *
     * @param data the data. Not modified; batches are views of it.
     * @param <D> data type
     * @return the source
     */
    static <D extends Chunkable<D>> MiniBatches<D> of(D data) {
        Objects.requireNonNull(data, "data");
        return (batchSize, order, action) -> {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            List<D> batches = new ArrayList<>(data.chunks(batchSize));
            if (order != null) {
                for (int i = batches.size() - 1; i > 0; i--) {
                    Collections.swap(batches, i, order.nextInt(i + 1));
                }
            }
            for (D batch : batches) {
                action.accept(batch);
            }
        };
    }

    /**
     * Mini-batches of rows in memory, each pass drawing the rows in a fresh random order: the rows
     * are permuted by {@code order} (Fisher-Yates) and every batch gathers {@code batchSize} of them
     * into a new data set (with their weights), so that rows stored sorted (by cluster, by time) still
     * give batches that look like the whole. Without a random stream, batches are consecutive views.
     * Costs one copy of the rows per pass, small beside the E-step.
     *
     * @param data the rows. Not modified.
     * @return the source
     */
    static MiniBatches<Dataset> shuffledRows(Dataset data) {
        Objects.requireNonNull(data, "data");
        return (batchSize, order, action) -> {
            checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
            int n = data.size();
            if (order == null) {
                for (Dataset batch : data.split(batchSize)) {
                    action.accept(batch);
                }
                return;
            }
            int[] permutation = new int[n];
            for (int i = 0; i < n; i++) {
                permutation[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = order.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            int d = data.dimension();
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                double[] values = new double[size * d];
                double[] weights = data.isWeighted() ? new double[size] : null;
                for (int i = 0; i < size; i++) {
                    int row = permutation[from + i];
                    data.copyRows(row, row + 1, values, i * d);
                    if (weights != null) {
                        weights[i] = data.weight(row);
                    }
                }
                Dataset batch = Dataset.ofRowMajor(values, size, d);
                if (weights != null) {
                    double sum = 0;
                    for (double w : weights) {
                        sum += w;
                    }
                    if (!(sum > 0)) {
                        continue; // a batch of zero-weight rows carries nothing
                    }
                    batch = batch.withWeights(weights);
                }
                action.accept(batch);
            }
        };
    }
}
