package io.emkit.examples.viz;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.LatentModel;
import io.emkit.core.SufficientStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * EM run one iteration at a time through the public warm-start API, keeping every iteration's
 * parameters: iteration {@code i} is {@code Em.fit(model, data, p[i-1], maxIterations(1),
 * tolerance(0))}, whose parameters become the next start. Because an iteration of the driver is a
 * pure function of the parameters it starts from (M-step on the E-step of those parameters), the
 * sequence equals that of one multi-iteration fit bit for bit (a test checks it).
 *
 * <p>The stopping rule is the driver's: stop after iteration {@code i} when
 * {@code |L_i - L_{i-1}| / W < tolerance} ({@code W} the data's total weight as the E-step reports
 * it), or after {@code maxIterations} iterations. Warnings of each one-iteration fit are renumbered
 * to the iteration they happened in; reaching the cap without convergence is recorded as a warning
 * too.
 *
 * @param parameters {@code parameters.get(0)} is the start, {@code parameters.get(i)} the parameters
 *     after {@code i} iterations
 * @param logLikelihoods total log-likelihood of the data under each entry of {@code parameters}
 * @param warnings the fit's warnings in order, each at the iteration it happened in
 * @param converged whether the tolerance stopped the run
 * @param stopNote why the run stopped, in words
 * @param <P> the parameter type
 */
public record EmSteps<P>(List<P> parameters, ImmutableDoubleArray logLikelihoods, List<StepWarning> warnings,
        boolean converged, String stopNote) {

    /**
     * A warning of the fit at the iteration it happened in.
     *
     * @param iteration 1-based iteration
     * @param kind a short tag: {@code reseeded}, {@code regularised}, {@code decreased},
     *     {@code model} or {@code cap}
     * @param message one line for people
     */
    public record StepWarning(int iteration, String kind, String message) {}

    /**
     * Copies the lists.
     *
     * @param parameters the start, then the parameters after each iteration
     * @param logLikelihoods one total log-likelihood per entry of {@code parameters}
     * @param warnings the warnings
     * @param converged whether the tolerance stopped the run
     * @param stopNote why the run stopped
     * @throws IllegalArgumentException if the lengths differ
     */
    public EmSteps {
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(logLikelihoods, "logLikelihoods");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(stopNote, "stopNote");
        if (parameters.size() != logLikelihoods.length() || parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters (" + parameters.size() + ") and logLikelihoods ("
                    + logLikelihoods.length() + ") must have the same, non-zero length");
        }
    }

    /**
     * The number of iterations run.
     *
     * @return {@code parameters().size() - 1}
     */
    public int iterations() {
        return parameters.size() - 1;
    }

    /**
     * Runs EM from {@code start}, one iteration per call of the driver.
     *
     * @param model the model. Not modified.
     * @param data the data. Not modified.
     * @param start the starting parameters (iteration 0)
     * @param maxIterations the iteration cap, {@code >= 1}
     * @param tolerance the stopping tolerance on the mean log-likelihood change, {@code >= 0}
     *     (0 runs exactly {@code maxIterations} iterations)
     * @param threads E-step threads, {@code >= 1}; the result does not depend on it
     * @param <D> data type
     * @param <P> parameter type
     * @param <S> statistics type
     * @return the iterations
     * @throws IllegalArgumentException if an argument is out of range or the model rejects the data
     */
    public static <D extends io.emkit.core.Chunkable<D>, P, S extends SufficientStatistics<S>> EmSteps<P> run(
            LatentModel<D, P, S> model, D data,
            P start, int maxIterations, double tolerance, int threads) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations (" + maxIterations + ") must be >= 1");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance (" + tolerance + ") must be >= 0");
        }
        EmOptions one = EmOptions.builder().maxIterations(1).tolerance(0).threads(threads).build();
        List<P> parameters = new ArrayList<>();
        List<StepWarning> warnings = new ArrayList<>();
        double[] logLikelihoods = new double[maxIterations + 1];
        parameters.add(start);
        P current = start;
        double weight = Double.NaN;
        boolean converged = false;
        String stopNote = "iteration cap " + maxIterations + " reached";
        for (int i = 1; i <= maxIterations; i++) {
            EmResult<P> step = Em.fit(model, data, current, one);
            if (i == 1) {
                logLikelihoods[0] = step.trace().isEmpty() ? step.logLikelihood() : step.trace().get(0);
                weight = Em.expect(model, start, data, threads).weight();
            }
            for (FitWarning warning : step.warnings()) {
                warnings.add(renumber(warning, i));
            }
            if (step.iterations() == 0) {
                stopNote = "stopped at iteration " + i + ": the log-likelihood decreased";
                break;
            }
            current = step.parameters();
            parameters.add(current);
            double before = logLikelihoods[i - 1];
            double after = step.logLikelihood();
            logLikelihoods[i] = after;
            double change = after == before ? 0.0 : (after - before) / weight;
            if (Math.abs(change) < tolerance) {
                converged = true;
                stopNote = String.format(java.util.Locale.ROOT,
                        "converged after %d iterations (mean log-likelihood change %.3g < tolerance %.3g)", i,
                        Math.abs(change), tolerance);
                break;
            }
        }
        int done = parameters.size() - 1;
        if (!converged && done == maxIterations) {
            warnings.add(new StepWarning(done, "cap", String.format(java.util.Locale.ROOT,
                    "iteration %d: the iteration cap %d was reached before convergence (tolerance %.3g)", done,
                    maxIterations, tolerance)));
        }
        ImmutableDoubleArray kept = ImmutableDoubleArray.copyOf(logLikelihoods).subArray(0, parameters.size());
        return new EmSteps<>(parameters, kept, warnings, converged, stopNote);
    }

    private static StepWarning renumber(FitWarning warning, int iteration) {
        if (warning instanceof FitWarning.ComponentReseeded w) {
            return new StepWarning(iteration, "reseeded",
                    new FitWarning.ComponentReseeded(iteration, w.component(), w.reason()).message());
        }
        if (warning instanceof FitWarning.CovarianceRegularised w) {
            return new StepWarning(iteration, "regularised",
                    new FitWarning.CovarianceRegularised(iteration, w.component(), w.detail()).message());
        }
        if (warning instanceof FitWarning.LikelihoodDecreased w) {
            return new StepWarning(iteration, "decreased",
                    new FitWarning.LikelihoodDecreased(iteration, w.before(), w.after()).message());
        }
        if (warning instanceof FitWarning.ModelWarning w) {
            return new StepWarning(iteration, "model", new FitWarning.ModelWarning(iteration, w.text()).message());
        }
        return new StepWarning(iteration, "model", "iteration " + iteration + ": " + warning.message());
    }
}
