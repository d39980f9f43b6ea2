package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * Something a fit survived but the user should know about. Warnings never abort a fit; they are
 * collected, in order, in {@link EmResult#warnings()}.
 */
public sealed interface FitWarning
        permits FitWarning.LikelihoodDecreased, FitWarning.ComponentReseeded,
                FitWarning.CovarianceRegularised, FitWarning.ModelWarning, FitWarning.IterationCapReached {

    /**
     * The 1-based iteration in which the event happened.
     *
     * @return a value {@code >= 1}
     */
    int iteration();

    /**
     * A one-line human-readable description.
     *
     * @return the message, never null
     */
    String message();

    /**
     * The log-likelihood fell by more than round-off between two iterations of a model that
     * promises monotone EM. In exact arithmetic EM never lowers the likelihood, so this signals a
     * bug in the model or a numerical degeneracy.
     *
     * @param iteration the iteration whose M-step lowered the likelihood
     * @param before total log-likelihood before that M-step
     * @param after total log-likelihood after it ({@code < before})
     */
    record LikelihoodDecreased(int iteration, double before, double after) implements FitWarning {
        /**
         * Validates the iteration number.
         *
         * @param iteration the iteration whose M-step lowered the likelihood
         * @param before total log-likelihood before that M-step
         * @param after total log-likelihood after it ({@code < before})
         */
        public LikelihoodDecreased {
            checkArgument(iteration >= 1, "iteration (%s) must be >= 1", iteration);
        }

        @Override
        public String message() {
            return "iteration " + iteration + ": log-likelihood decreased from " + before + " to "
                    + after + " (by " + (before - after) + ")";
        }
    }

    /**
     * A mixture component lost (nearly) all its weight or collapsed and was re-seeded.
     *
     * @param iteration the iteration of the event
     * @param component 0-based component index
     * @param reason what was wrong and where the component was moved
     */
    record ComponentReseeded(int iteration, int component, String reason) implements FitWarning {
        /**
         * Validates the fields.
         *
         * @param iteration the iteration of the event
         * @param component 0-based component index
         * @param reason what was wrong and where the component was moved
         */
        public ComponentReseeded {
            checkArgument(iteration >= 1, "iteration (%s) must be >= 1", iteration);
            checkArgument(component >= 0, "component (%s) must be >= 0", component);
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "iteration " + iteration + ": component " + component + " re-seeded: " + reason;
        }
    }

    /**
     * A covariance was not positive definite, or had a variance below the floor, and was repaired
     * (floored or regularised).
     *
     * @param iteration the iteration of the event
     * @param component 0-based component (or state) index
     * @param detail what was repaired and how
     */
    record CovarianceRegularised(int iteration, int component, String detail) implements FitWarning {
        /**
         * Validates the fields.
         *
         * @param iteration the iteration of the event
         * @param component 0-based component (or state) index
         * @param detail what was repaired and how
         */
        public CovarianceRegularised {
            checkArgument(iteration >= 1, "iteration (%s) must be >= 1", iteration);
            checkArgument(component >= 0, "component (%s) must be >= 0", component);
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String message() {
            return "iteration " + iteration + ": covariance " + component + " regularised: " + detail;
        }
    }

    /**
     * The run stopped at {@link EmOptions#maxIterations()} before its {@link ConvergenceRule} was
     * met: the parameters may still be far from a fixed point. Reported only for a positive
     * tolerance (a tolerance of 0 asks for exactly the cap).
     *
     * @param iteration the last iteration, the cap
     * @param tolerance the tolerance that was not met
     * @param rule the stopping rule
     * @param lastChange the last EM step's change of the mean per-sample log-likelihood
     */
    record IterationCapReached(int iteration, double tolerance, ConvergenceRule rule, double lastChange)
            implements FitWarning {
        /**
         * Validates the fields.
         *
         * @param iteration the last iteration, the cap
         * @param tolerance the tolerance that was not met
         * @param rule the stopping rule
         * @param lastChange the last EM step's change of the mean per-sample log-likelihood
         */
        public IterationCapReached {
            checkArgument(iteration >= 1, "iteration (%s) must be >= 1", iteration);
            Objects.requireNonNull(rule, "rule");
        }

        @Override
        public String message() {
            return "stopped at the iteration cap (" + iteration + ") before converging: the last step changed the"
                    + " mean log-likelihood by " + lastChange + " per sample (" + rule.name().toLowerCase(java.util.Locale.ROOT)
                    + " tolerance " + tolerance + "); raise the cap or loosen the tolerance";
        }
    }

    /**
     * Any other event a (user-written) model wants to report.
     *
     * @param iteration the iteration of the event
     * @param text the description
     */
    record ModelWarning(int iteration, String text) implements FitWarning {
        /**
         * Validates the fields.
         *
         * @param iteration the iteration of the event
         * @param text the description
         */
        public ModelWarning {
            checkArgument(iteration >= 1, "iteration (%s) must be >= 1", iteration);
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String message() {
            return "iteration " + iteration + ": " + text;
        }
    }
}
