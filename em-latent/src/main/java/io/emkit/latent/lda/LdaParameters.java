package io.emkit.latent.lda;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * Parameters of latent Dirichlet allocation: the variational Dirichlet parameters {@code λ} of the K
 * topics over the V terms (scikit-learn's {@code components_}), the symmetric document-topic prior
 * {@code α} and the symmetric topic-word prior {@code η}. Immutable.
 *
 * <p>Besides {@code λ} the value holds what every E-step under it needs, computed once at
 * construction: {@code exp(E[log β_kw])} with {@code E[log β_kw] = ψ(λ_kw) - ψ(Σ_w λ_kw)}, stored
 * term-major and scaled per term by {@code exp(-max_k E[log β_kw])} so that the largest entry of
 * every term is 1 (the scaling cancels in {@code φ} and is added back in the bound, so nothing
 * underflows to a 0/0), and the topic-word part of the variational bound,
 * {@code Σ_kw (η - λ_kw) E[log β_kw] + ln Γ(λ_kw) - ln Γ(η) + Σ_k ln Γ(Vη) - ln Γ(Σ_w λ_kw)}.
 */
public final class LdaParameters {

    private final int topics;
    private final int terms;
    /** λ, K×V row-major (topic-major). */
    private final double[] lambda;
    private final double docTopicPrior;
    private final double topicWordPrior;
    /** exp(E[log β_kw] - shift_w), V×K term-major. */
    final double[] scaledExpElogBeta;
    /** E[log β_kw], V×K term-major. */
    final double[] elogBeta;
    /** shift_w = max_k E[log β_kw]. */
    final double[] termShift;
    /** The λ-only part of the bound. */
    final double topicWordBound;

    private LdaParameters(int topics, int terms, double[] lambda, double docTopicPrior, double topicWordPrior) {
        this.topics = topics;
        this.terms = terms;
        this.lambda = lambda;
        this.docTopicPrior = docTopicPrior;
        this.topicWordPrior = topicWordPrior;
        this.scaledExpElogBeta = new double[terms * topics];
        this.elogBeta = new double[terms * topics];
        this.termShift = new double[terms];
        java.util.Arrays.fill(termShift, Double.NEGATIVE_INFINITY);
        double bound = 0;
        double logGammaEta = SpecialFunctions.logGamma(topicWordPrior);
        double logGammaVEta = SpecialFunctions.logGamma(terms * topicWordPrior);
        for (int k = 0; k < topics; k++) {
            double rowSum = 0;
            for (int w = 0; w < terms; w++) {
                rowSum += lambda[k * terms + w];
            }
            double psiSum = SpecialFunctions.digamma(rowSum);
            for (int w = 0; w < terms; w++) {
                double l = lambda[k * terms + w];
                double e = SpecialFunctions.digamma(l) - psiSum;          // E[log β_kw]
                elogBeta[w * topics + k] = e;
                termShift[w] = Math.max(termShift[w], e);
                bound += (topicWordPrior - l) * e + SpecialFunctions.logGamma(l) - logGammaEta;
            }
            bound += logGammaVEta - SpecialFunctions.logGamma(rowSum);
        }
        for (int w = 0; w < terms; w++) {
            for (int k = 0; k < topics; k++) {
                scaledExpElogBeta[w * topics + k] = Math.exp(elogBeta[w * topics + k] - termShift[w]);
            }
        }
        this.topicWordBound = bound;
    }

    /**
     * Validated parameters.
     *
     * @param topicWord {@code λ}, K×V, every entry finite and {@code > 0}. Copied.
     * @param docTopicPrior {@code α}, finite and {@code > 0}
     * @param topicWordPrior {@code η}, finite and {@code > 0}
     * @return the parameters
     * @throws IllegalArgumentException naming the first bad entry or prior, or a ragged or empty array
     */
    public static LdaParameters of(double[][] topicWord, double docTopicPrior, double topicWordPrior) {
        Objects.requireNonNull(topicWord, "topicWord");
        checkArgument(topicWord.length >= 1, "topicWord has no topics (rows); give K >= 1 rows");
        Objects.requireNonNull(topicWord[0], "topicWord[0]");
        int v = topicWord[0].length;
        checkArgument(v >= 1, "topicWord[0] is empty; each topic needs V >= 1 terms");
        double[] flat = new double[Math.multiplyExact(topicWord.length, v)];
        for (int k = 0; k < topicWord.length; k++) {
            Objects.requireNonNull(topicWord[k], "topicWord[" + k + "]");
            checkArgument(topicWord[k].length == v, "topicWord[%s] has %s terms but topicWord[0] has %s",
                    k, topicWord[k].length, v);
            System.arraycopy(topicWord[k], 0, flat, k * v, v);
        }
        return checked(topicWord.length, v, flat, docTopicPrior, topicWordPrior);
    }

    /** From a K×V row-major array the caller gives up. */
    static LdaParameters checked(int topics, int terms, double[] lambda, double docTopicPrior,
            double topicWordPrior) {
        checkArgument(docTopicPrior > 0 && docTopicPrior < Double.POSITIVE_INFINITY,
                "docTopicPrior (%s) must be finite and > 0", docTopicPrior);
        checkArgument(topicWordPrior > 0 && topicWordPrior < Double.POSITIVE_INFINITY,
                "topicWordPrior (%s) must be finite and > 0", topicWordPrior);
        for (int i = 0; i < lambda.length; i++) {
            double l = lambda[i];
            if (!(l > 0 && l < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("topicWord[" + (i / terms) + "][" + (i % terms) + "] (" + l
                        + ") must be finite and > 0");
            }
        }
        return new LdaParameters(topics, terms, lambda, docTopicPrior, topicWordPrior);
    }

    /**
     * Number of topics K.
     *
     * @return {@code >= 1}
     */
    public int topics() {
        return topics;
    }

    /**
     * Vocabulary size V.
     *
     * @return {@code >= 1}
     */
    public int terms() {
        return terms;
    }

    /**
     * {@code λ}, the variational Dirichlet parameters of each topic over the terms.
     *
     * @return a new K×V array
     */
    public double[][] topicWord() {
        double[][] copy = new double[topics][];
        for (int k = 0; k < topics; k++) {
            copy[k] = java.util.Arrays.copyOfRange(lambda, k * terms, (k + 1) * terms);
        }
        return copy;
    }

    /**
     * One entry of {@code λ}.
     *
     * @param topic in {@code [0, K)}
     * @param term in {@code [0, V)}
     * @return {@code λ[topic][term]}
     * @throws IndexOutOfBoundsException if out of range
     */
    public double topicWord(int topic, int term) {
        java.util.Objects.checkIndex(topic, topics);
        java.util.Objects.checkIndex(term, terms);
        return lambda[topic * terms + term];
    }

    /**
     * The topics' expected word distributions {@code E[β_k] = λ_k / Σ_w λ_kw}.
     *
     * @return a new K×V array whose rows sum to 1
     */
    public double[][] topicWordDistributions() {
        double[][] rows = topicWord();
        for (double[] row : rows) {
            double sum = 0;
            for (double v : row) {
                sum += v;
            }
            for (int w = 0; w < row.length; w++) {
                row[w] /= sum;
            }
        }
        return rows;
    }

    /**
     * The symmetric document-topic prior {@code α}.
     *
     * @return {@code > 0}
     */
    public double docTopicPrior() {
        return docTopicPrior;
    }

    /**
     * The symmetric topic-word prior {@code η}.
     *
     * @return {@code > 0}
     */
    public double topicWordPrior() {
        return topicWordPrior;
    }

    /** λ row-major (shared; never modify). */
    double[] rawLambda() {
        return lambda;
    }

    @Override
    public String toString() {
        return "LdaParameters[K=" + topics + ", V=" + terms + ", docTopicPrior=" + docTopicPrior
                + ", topicWordPrior=" + topicWordPrior + "]";
    }
}
