package io.emkit.core.family;

import io.emkit.core.IterationContext;

/**
 * What a family's M-step ({@link Family#estimate}) may report besides warnings: the components it
 * could not estimate because they carry (almost) no weight. The family keeps such a component's
 * previous values; the structure above it decides what to do (a mixture re-seeds it at a
 * worst-explained observation, an HMM keeps it and says so), and reports that once, the same way for
 * every family.
 */
public interface Repairs extends IterationContext {

    /**
     * Records that {@code component} had too little weight to be estimated and was kept as it was.
     *
     * @param component the component index, in {@code [0, k)}
     * @param weight its total weight in the statistics
     */
    void empty(int component, double weight);
}
