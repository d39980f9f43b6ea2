package io.emkit.latent.lda;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.SufficientStatistics;
import java.util.Objects;

/**
 * Expected sufficient statistics of LDA over a set of documents: the expected topic-term counts
 * {@code s_kw = Σ_d n_dw φ_dwk} (K×V), the documents' terms of the variational bound, and the numbers
 * of documents and tokens. {@link #merge} adds them, in the driver's fixed chunk order, so fits are
 * bit-identical at any thread count.
 *
 * <p>{@link #logLikelihood()} is the variational lower bound on {@code log p(documents | α, η)}
 * (scikit-learn's {@code _approx_bound} without sub-sampling), not the log-likelihood itself: the sum
 * of every document's terms plus the topic-word term {@code E[log p(β | η)] - E[log q(β | λ)]}, which
 * depends only on the parameters. Every chunk computed under the same parameters carries that same
 * value and merging keeps it once. {@link #weight()} is the number of tokens (the sum of counts), so the
 * driver's convergence test watches the change of the bound per token, the scale of log-perplexity.
 *
 * <p>Mutable: the driver owns each instance and {@code merge} updates {@code this}.
 */
public final class LdaStatistics implements SufficientStatistics<LdaStatistics> {

    private final int topics;
    private final int terms;
    /** Expected counts, V×K term-major. */
    private final double[] expectedCounts;
    private double documentBound;
    private final double topicWordBound;
    private long documents;
    private double tokens;
    private long unconverged;
    /** Σ_d Σ_k E[log θ_dk], the document-topic prior's sufficient statistic. */
    private double elogThetaSum;

    LdaStatistics(int topics, int terms, double[] expectedCounts, double documentBound, double topicWordBound,
            long documents, double tokens, long unconverged, double elogThetaSum) {
        this.topics = topics;
        this.terms = terms;
        this.expectedCounts = expectedCounts;
        this.documentBound = documentBound;
        this.topicWordBound = topicWordBound;
        this.documents = documents;
        this.tokens = tokens;
        this.unconverged = unconverged;
        this.elogThetaSum = elogThetaSum;
    }

    /**
     * Adds the statistics of a disjoint set of documents computed under the same parameters.
     *
     * @param other not modified
     * @return {@code this}, updated
     * @throws IllegalArgumentException if the shapes differ or {@code other} was computed under
     *     other parameters (a different topic-word bound term)
     */
    @Override
    public LdaStatistics merge(LdaStatistics other) {
        Objects.requireNonNull(other, "other");
        checkArgument(other.topics == topics && other.terms == terms,
                "cannot merge statistics of K=%s, V=%s into K=%s, V=%s", other.topics, other.terms, topics, terms);
        checkArgument(Double.compare(other.topicWordBound, topicWordBound) == 0,
                "cannot merge statistics computed under different parameters (topic-word bound terms %s and %s)",
                other.topicWordBound, topicWordBound);
        for (int i = 0; i < expectedCounts.length; i++) {
            expectedCounts[i] += other.expectedCounts[i];
        }
        documentBound += other.documentBound;
        documents += other.documents;
        tokens += other.tokens;
        unconverged += other.unconverged;
        elogThetaSum += other.elogThetaSum;
        return this;
    }

    /**
     * The variational lower bound (natural log) on the log-likelihood of the summarised documents:
     * {@link #documentBound()} {@code +} {@link #topicWordBound()}.
     *
     * @return the bound; finite for finite parameters
     */
    @Override
    public double logLikelihood() {
        return documentBound + topicWordBound;
    }

    /**
     * The number of tokens summarised (sum of counts); the driver divides the bound's change by it.
     *
     * @return {@code >= 0}
     */
    @Override
    public double weight() {
        return tokens;
    }

    /**
     * The documents' part of the bound: {@code Σ_d E[log p(w_d, z_d, θ_d | α, β)] - E[log q(z_d, θ_d)]}
     * with {@code β} integrated under {@code q(β | λ)}.
     *
     * @return a finite value
     */
    public double documentBound() {
        return documentBound;
    }

    /**
     * The parameters' part of the bound, {@code E[log p(β | η)] - E[log q(β | λ)]}, counted once.
     *
     * @return a finite value {@code <= 0}
     */
    public double topicWordBound() {
        return topicWordBound;
    }

    /**
     * Number of documents summarised.
     *
     * @return {@code >= 0}
     */
    public long documents() {
        return documents;
    }

    /**
     * Number of documents whose inner loop stopped at the iteration cap before the inner tolerance.
     *
     * @return {@code >= 0}
     */
    public long unconvergedDocuments() {
        return unconverged;
    }

    /**
     * The expected topic-term counts {@code s_kw = Σ_d n_dw φ_dwk}.
     *
     * @return a new K×V array
     */
    public double[][] expectedCounts() {
        double[][] copy = new double[topics][terms];
        for (int w = 0; w < terms; w++) {
            for (int k = 0; k < topics; k++) {
                copy[k][w] = expectedCounts[w * topics + k];
            }
        }
        return copy;
    }

    /**
     * {@code Σ_d Σ_k E[log θ_dk]} under the documents' {@code q(θ_d) = Dirichlet(γ_d)}: with
     * {@link #documents()} all the bound needs to choose the document-topic prior {@code α}.
     *
     * @return a finite value {@code <= 0}
     */
    public double expectedLogThetaSum() {
        return elogThetaSum;
    }

    /** The term-major counts (shared). */
    double[] rawExpectedCounts() {
        return expectedCounts;
    }

    int topics() {
        return topics;
    }

    int terms() {
        return terms;
    }
}
