package io.emkit.core;

/**
 * What the driver tells an M-step: which iteration it is, and where to report trouble.
 *
 * <p>Instances are created by {@link Em}; a model only reads and reports through them. Not
 * thread-safe; valid only during the {@link LatentModel#maximize} call it was passed to.
 */
public interface IterationContext {

    /**
     * The 1-based number of the iteration whose M-step is running.
     *
     * @return a value {@code >= 1}
     */
    int iteration();

    /**
     * Records a warning in the fit's result.
     *
     * @param warning what happened. Not null.
     */
    void warn(FitWarning warning);

    /**
     * The warnings this run has reported in earlier iterations, oldest first: how a structure sees
     * that its repair keeps recurring (a mixture stops re-seeding a component that empties again and
     * again). The default has none.
     *
     * @return an unmodifiable view, valid during the call
     */
    default java.util.List<FitWarning> earlierWarnings() {
        return java.util.List.of();
    }
}
