package io.emkit.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableDoubleArray;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Em#fit}: the winning run's parameters and its history, plus enough
 * provenance (options, the run index) to replay it.
 *
 * @param parameters the fitted parameters of the best run
 * @param logLikelihood total log-likelihood of the data under {@code parameters}
 * @param iterations number of iterations the best run performed (M-steps; under
 *     {@link Acceleration#SQUAREM}, cycles)
 * @param eSteps number of E-steps the best run performed, the unit of cost: {@code iterations + 1}
 *     for plain EM, up to {@code 4·iterations + 1} under SQUAREM
 * @param converged whether the best run stopped on the tolerance
 * @param stopReason why the best run stopped
 * @param trace entry {@code i} is the total log-likelihood under the parameters in force at the
 *     start of iteration {@code i + 1}; its length is {@code iterations}
 * @param warnings warnings of the best run, in order
 * @param bestRestart 0-based index of the winning run
 * @param restartLogLikelihoods final log-likelihood of every run, by run index
 * @param options the options the fit ran with
 * @param elapsed wall time of the whole fit (all runs)
 * @param <P> the parameter type
 */
public record EmResult<P>(
        P parameters,
        double logLikelihood,
        int iterations,
        long eSteps,
        boolean converged,
        StopReason stopReason,
        ImmutableDoubleArray trace,
        List<FitWarning> warnings,
        int bestRestart,
        ImmutableDoubleArray restartLogLikelihoods,
        EmOptions options,
        Duration elapsed) {

    /**
     * Checks the fields' consistency and copies the list.
     *
     * @param parameters the fitted parameters of the best run
     * @param logLikelihood total log-likelihood of the data under {@code parameters}
     * @param iterations number of iterations the best run performed (M-steps; under
     *     {@link Acceleration#SQUAREM}, cycles)
     * @param eSteps number of E-steps the best run performed, {@code >= 1}
     * @param converged whether the best run stopped on the tolerance
     * @param stopReason why the best run stopped
     * @param trace entry {@code i} is the total log-likelihood under the parameters in force at the
     *     start of iteration {@code i + 1}; its length is {@code iterations}
     * @param warnings warnings of the best run, in order
     * @param bestRestart 0-based index of the winning run
     * @param restartLogLikelihoods final log-likelihood of every run, by run index
     * @param options the options the fit ran with
     * @param elapsed wall time of the whole fit (all runs)
     * @throws IllegalArgumentException if the trace length differs from {@code iterations}, the
     *     run index is out of range or {@code eSteps < 1}
     */
    public EmResult {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(restartLogLikelihoods, "restartLogLikelihoods");
        warnings = List.copyOf(warnings);
        checkArgument(trace.length() == iterations,
                "trace length (%s) must equal iterations (%s)", trace.length(), iterations);
        checkArgument(eSteps >= 1, "eSteps (%s) must be >= 1", eSteps);
        checkArgument(bestRestart >= 0 && bestRestart < restartLogLikelihoods.length(),
                "bestRestart (%s) must index restartLogLikelihoods (length %s)",
                bestRestart, restartLogLikelihoods.length());
    }

    /**
     * A result of a plain EM run, whose cost is {@code iterations + 1} E-steps (the form before
     * {@link #eSteps()} existed, for results made outside {@link Em}).
     *
     * @param parameters the fitted parameters of the best run
     * @param logLikelihood total log-likelihood of the data under {@code parameters}
     * @param iterations number of iterations (M-steps) the best run performed
     * @param converged whether the best run stopped on the tolerance
     * @param stopReason why the best run stopped
     * @param trace as for the canonical constructor; its length is {@code iterations}
     * @param warnings warnings of the best run, in order
     * @param bestRestart 0-based index of the winning run
     * @param restartLogLikelihoods final log-likelihood of every run, by run index
     * @param options the options the fit ran with
     * @param elapsed wall time of the whole fit (all runs)
     * @throws IllegalArgumentException as for the canonical constructor
     */
    public EmResult(P parameters, double logLikelihood, int iterations, boolean converged, StopReason stopReason,
            ImmutableDoubleArray trace, List<FitWarning> warnings, int bestRestart,
            ImmutableDoubleArray restartLogLikelihoods, EmOptions options, Duration elapsed) {
        this(parameters, logLikelihood, iterations, iterations + 1L, converged, stopReason, trace, warnings,
                bestRestart, restartLogLikelihoods, options, elapsed);
    }

    /**
     * The same result with other parameters, e.g. after relabelling components canonically.
     *
     * @param newParameters parameters with the same likelihood
     * @param <Q> their type
     * @return a copy holding {@code newParameters}
     */
    public <Q> EmResult<Q> withParameters(Q newParameters) {
        return new EmResult<>(newParameters, logLikelihood, iterations, eSteps, converged, stopReason, trace,
                warnings, bestRestart, restartLogLikelihoods, options, elapsed);
    }
}
