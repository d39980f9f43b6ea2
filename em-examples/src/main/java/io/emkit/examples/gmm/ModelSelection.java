package io.emkit.examples.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Model selection for Gaussian mixtures: fits every (number of components, covariance type)
 * candidate with the same options and ranks them by BIC or AIC (lower is better).
 *
 * <p>BIC {@code = -2 lnL + p ln n} and AIC {@code = -2 lnL + 2p}, with {@code p} the free parameter
 * count of {@link GaussianMixture#parameterCount()}. A candidate whose fit throws is kept in the
 * table as failed and never chosen.
 */
public final class ModelSelection {

    /**
     * One fitted candidate.
     *
     * @param k number of components
     * @param type covariance type
     * @param result the fit, or null when it failed
     * @param failure why the fit failed, or null
     * @param parameters free parameter count p
     * @param bic the BIC (NaN when failed)
     * @param aic the AIC (NaN when failed)
     */
    public record Candidate(int k, CovarianceType type, EmResult<GaussianMixture> result, String failure,
            int parameters, double bic, double aic) {
        /**
         * The candidate's log-likelihood.
         *
         * @return the total log-likelihood, NaN when failed
         */
        public double logLikelihood() {
            return result == null ? Double.NaN : result.logLikelihood();
        }
    }

    private final List<Candidate> candidates;
    private final boolean byBic;
    private final Candidate best;

    private ModelSelection(List<Candidate> candidates, boolean byBic) {
        this.candidates = List.copyOf(candidates);
        this.byBic = byBic;
        Candidate chosen = null;
        for (Candidate c : candidates) {
            if (c.result() != null && (chosen == null || score(c) < score(chosen))) {
                chosen = c;
            }
        }
        this.best = chosen;
    }

    /**
     * Fits every candidate, {@code ks} outer and {@code types} inner.
     *
     * @param data the data
     * @param ks the numbers of components, each {@code >= 1}
     * @param types the covariance types
     * @param byBic {@code true} to choose by BIC, {@code false} by AIC
     * @param options the EM options of every fit (restarts, seed, ...)
     * @param regCovar the covariance ridge of every fit
     * @param progress where to print one line per fitted candidate, or null
     * @return the selection
     * @throws IllegalArgumentException if a list is empty
     */
    public static ModelSelection run(Dataset data, List<Integer> ks, List<CovarianceType> types, boolean byBic,
            EmOptions options, double regCovar, PrintWriter progress) {
        Objects.requireNonNull(data, "data");
        if (ks.isEmpty() || types.isEmpty()) {
            throw new IllegalArgumentException("no candidates: ks " + ks + ", types " + types);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int k : ks) {
            for (CovarianceType type : types) {
                GaussianMixtureModel model = GaussianMixtureModel.builder().components(k).covarianceType(type)
                        .regCovar(regCovar).build();
                Candidate candidate;
                try {
                    EmResult<GaussianMixture> result = Em.fit(model, data, options);
                    GaussianMixture mixture = result.parameters();
                    candidate = new Candidate(k, type, result, null, mixture.parameterCount(),
                            mixture.bic(data), mixture.aic(data));
                } catch (IllegalArgumentException | IllegalStateException e) {
                    candidate = new Candidate(k, type, null, e.getMessage(), -1, Double.NaN, Double.NaN);
                }
                candidates.add(candidate);
                if (progress != null) {
                    progress.println(candidate.result() == null
                            ? String.format(Locale.ROOT, "  k = %d %-9s failed: %s", k, type.jsonName(), candidate.failure())
                            : String.format(Locale.ROOT, "  k = %d %-9s lnL %.6g  (%d iterations)", k, type.jsonName(),
                                    candidate.logLikelihood(), candidate.result().iterations()));
                    progress.flush();
                }
            }
        }
        return new ModelSelection(candidates, byBic);
    }

    /**
     * The candidates in fitting order.
     *
     * @return an unmodifiable list
     */
    public List<Candidate> candidates() {
        return candidates;
    }

    /**
     * The candidate with the lowest criterion.
     *
     * @return the best candidate, or null when every fit failed
     */
    public Candidate best() {
        return best;
    }

    /**
     * The table: a header, one aligned line per candidate, the chosen one marked with {@code *}.
     *
     * @return the text, ending in a newline
     */
    public String table() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%3s  %-9s  %14s  %4s  %14s  %14s\n", "k", "type", "logLik", "p",
                "BIC", "AIC"));
        for (Candidate c : candidates) {
            if (c.result() == null) {
                text.append(String.format(Locale.ROOT, "%3d  %-9s  failed: %s\n", c.k(), c.type().jsonName(),
                        c.failure()));
            } else {
                text.append(String.format(Locale.ROOT, "%3d  %-9s  %14.4f  %4d  %14.4f  %14.4f%s\n", c.k(),
                        c.type().jsonName(), c.logLikelihood(), c.parameters(), c.bic(), c.aic(),
                        c == best ? "  *" : ""));
            }
        }
        return text.toString();
    }

    /**
     * Whether the selection ranks by BIC.
     *
     * @return {@code true} for BIC, {@code false} for AIC
     */
    public boolean byBic() {
        return byBic;
    }

    private double score(Candidate c) {
        return byBic ? c.bic() : c.aic();
    }
}
