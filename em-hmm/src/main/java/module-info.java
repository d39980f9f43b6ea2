/**
 * emkit hidden Markov models: Baum-Welch training on the emkit driver, forward-backward, Viterbi
 * decoding, categorical and Gaussian emissions.
 */
module io.emkit.hmm {
    requires transitive io.emkit.core;
    requires transitive io.emkit.gmm;

    exports io.emkit.hmm;
}
