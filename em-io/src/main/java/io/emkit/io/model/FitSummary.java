package io.emkit.io.model;

import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file records about the fit that produced the model: the keys {@code logLikelihood},
 * {@code logLikelihoodTrace}, {@code iterations}, {@code eSteps}, {@code converged},
 * {@code fitSeconds}, {@code seed}, {@code restarts} and {@code warnings}, plus {@code figures}: the
 * other numbers the fit wrote about itself (for example {@code n}, {@code bic}, {@code aic} of a factor
 * model, {@code bound}, {@code documents}, {@code tokens} of LDA), in file order.
 *
 * <p>A file that has {@code logLikelihood} has a summary; keys it lacks read as: trace empty,
 * iterations, E-steps and seed 0, converged false, {@code fitSeconds} NaN (not written back),
 * restarts 1, no warnings.
 *
 * @param logLikelihood the final log-likelihood (natural log; for LDA the variational bound)
 * @param trace the log-likelihood per iteration
 * @param iterations EM iterations done
 * @param eSteps E-steps done (the unit of cost)
 * @param converged whether the tolerance was met before the iteration cap
 * @param fitSeconds wall-clock seconds of the fit, or NaN when unknown
 * @param seed the random seed of the fit
 * @param restarts the number of starts
 * @param warnings the fit's warnings, one line each
 * @param figures other numbers, in order (copied; {@link Long} for integers, {@link Double} otherwise)
 */
public record FitSummary(double logLikelihood, ImmutableDoubleArray trace, int iterations, long eSteps,
        boolean converged, double fitSeconds, long seed, int restarts, List<String> warnings,
        Map<String, Number> figures) {

    /**
     * Copies the lists and checks the figures.
     *
     * @param logLikelihood the final log-likelihood
     * @param trace the log-likelihood per iteration
     * @param iterations EM iterations done
     * @param eSteps E-steps done
     * @param converged whether the fit converged
     * @param fitSeconds seconds of the fit, or NaN
     * @param seed the random seed
     * @param restarts the number of starts
     * @param warnings the warnings
     * @param figures other numbers, in order
     * @throws NullPointerException for a null component
     * @throws IllegalArgumentException if a figure is not a finite {@link Long}, {@link Integer} or
     *     {@link Double}, or its key is one of the summary's own keys
     */
    public FitSummary {
        Objects.requireNonNull(trace, "trace");
        warnings = List.copyOf(warnings);
        LinkedHashMap<String, Number> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Number> figure : figures.entrySet()) {
            String key = Objects.requireNonNull(figure.getKey(), "figure key");
            Number value = Objects.requireNonNull(figure.getValue(), "figure " + key);
            if (KEYS.contains(key)) {
                throw new IllegalArgumentException("figure \"" + key + "\" is one of the fit summary's own keys "
                        + KEYS + "; choose another name");
            }
            if (value instanceof Integer i) {
                value = i.longValue();
            }
            if (!(value instanceof Long) && !(value instanceof Double d && Double.isFinite(d))) {
                throw new IllegalArgumentException("figure \"" + key + "\" (" + value
                        + ") must be a Long, an Integer or a finite Double");
            }
            copy.put(key, value);
        }
        figures = Collections.unmodifiableMap(copy);
    }

    /** The keys of the summary itself, in file order. */
    static final List<String> KEYS = List.of("logLikelihood", "logLikelihoodTrace", "iterations", "eSteps",
            "converged", "fitSeconds", "seed", "restarts", "warnings");

    /**
     * The summary of a fit, without figures.
     *
     * @param result the fit
     * @return its summary
     */
    public static FitSummary of(EmResult<?> result) {
        List<String> warnings = new ArrayList<>();
        for (FitWarning warning : result.warnings()) {
            warnings.add(warning.message());
        }
        return new FitSummary(result.logLikelihood(), result.trace(), result.iterations(), result.eSteps(),
                result.converged(), result.elapsed().toNanos() / 1e9, result.options().seed(),
                result.options().restarts(), warnings, Map.of());
    }

    /**
     * This summary with one more figure, written after the ones it has.
     *
     * @param key the key, not one of the summary's own
     * @param value an integer ({@link Integer}, {@link Long}) or a finite {@link Double}
     * @return a new summary
     * @throws IllegalArgumentException as the constructor
     */
    public FitSummary withFigure(String key, Number value) {
        LinkedHashMap<String, Number> more = new LinkedHashMap<>(figures);
        if (more.containsKey(key)) {
            throw new IllegalArgumentException("figure \"" + key + "\" is already set");
        }
        more.put(key, value);
        return new FitSummary(logLikelihood, trace, iterations, eSteps, converged, fitSeconds, seed, restarts,
                warnings, more);
    }
}
