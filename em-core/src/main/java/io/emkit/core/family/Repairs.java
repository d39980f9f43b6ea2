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

    /** What a structure does with a component reported empty. */
    @FunctionalInterface
    interface EmptyHandler {
        /**
         * Handles one empty component.
         *
         * @param component the component index
         * @param weight its total weight in the statistics
         */
        void empty(int component, double weight);
    }

    /**
     * Repairs that pass warnings and the iteration through to {@code context} and hand empty
     * components to {@code onEmpty}: how every structure adapts its iteration context.
     *
     * @param context the driver's iteration context
     * @param onEmpty what to do with an empty component
     * @return the repairs
     */
    static Repairs of(IterationContext context, EmptyHandler onEmpty) {
        java.util.Objects.requireNonNull(context, "context");
        java.util.Objects.requireNonNull(onEmpty, "onEmpty");
        return new Repairs() {
            @Override
            public int iteration() {
                return context.iteration();
            }

            @Override
            public void warn(io.emkit.core.FitWarning warning) {
                context.warn(warning);
            }

            @Override
            public java.util.List<io.emkit.core.FitWarning> earlierWarnings() {
                return context.earlierWarnings();
            }

            @Override
            public void empty(int component, double weight) {
                onEmpty.empty(component, weight);
            }
        };
    }
}
