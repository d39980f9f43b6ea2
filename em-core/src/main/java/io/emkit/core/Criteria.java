package io.emkit.core;

/**
 * The information criteria, in one place for every model (mixtures, HMMs, factor models): lower is
 * better.
 */
public final class Criteria {

    private Criteria() {}

    /**
     * {@code BIC = -2 lnL + p ln n}. mclust reports {@code 2 lnL - p ln n} (higher is better): the
     * same value with the sign flipped.
     *
     * @param logLikelihood total log-likelihood
     * @param parameters free parameters p
     * @param n sample size (total sample weight)
     * @return the criterion
     */
    public static double bic(double logLikelihood, long parameters, double n) {
        return -2 * logLikelihood + parameters * Math.log(n);
    }

    /**
     * {@code AIC = -2 lnL + 2p}.
     *
     * @param logLikelihood total log-likelihood
     * @param parameters free parameters p
     * @return the criterion
     */
    public static double aic(double logLikelihood, long parameters) {
        return -2 * logLikelihood + 2.0 * parameters;
    }
}
