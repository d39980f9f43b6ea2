package io.emkit.hmm;

/** The three groups of HMM parameters, for choosing which ones Baum-Welch re-estimates. */
public enum HmmPart {
    /** The start probabilities. */
    START,
    /** The transition matrix. */
    TRANSITIONS,
    /** The emission distributions. */
    EMISSIONS
}
