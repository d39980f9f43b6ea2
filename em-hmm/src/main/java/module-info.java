/**
 * emkit hidden Markov models: Baum-Welch training on the emkit driver, forward-backward, Viterbi
 * decoding, emissions from any family of the family layer (categorical, Gaussian, Poisson, mixtures of a
 * family, a user's own).
 */
module io.emkit.hmm {
    requires transitive io.emkit.core;
    requires transitive io.emkit.gmm;
    requires transitive io.emkit.discrete;

    exports io.emkit.hmm;
}
