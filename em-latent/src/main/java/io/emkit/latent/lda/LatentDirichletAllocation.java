package io.emkit.latent.lda;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.IterationContext;
import io.emkit.core.LatentModel;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Latent Dirichlet allocation (Blei, Ng &amp; Jordan 2003) with symmetric priors, fitted by batch
 * variational EM as scikit-learn's {@code LatentDirichletAllocation(learning_method="batch")}.
 *
 * <p>Model: topic {@code k} has word distribution {@code β_k ~ Dirichlet(η)}; document {@code d} has
 * topic proportions {@code θ_d ~ Dirichlet(α)}; each token draws a topic {@code z ~ θ_d}, then a term
 * {@code w ~ β_z}. The topic assignments are the missing data. Mean-field posterior
 * {@code q(β_k) = Dirichlet(λ_k)}, {@code q(θ_d) = Dirichlet(γ_d)}, {@code q(z_dw) = φ_dw}.
 *
 * <ul>
 *   <li>E-step (per chunk of documents): for each document iterate {@code γ_d} and {@code φ_d} from
 *       {@code γ = 1} until the mean absolute change of {@code γ_d} is below
 *       {@link Builder#innerTolerance} (default {@value #DEFAULT_INNER_TOLERANCE}) or after
 *       {@link Builder#maxInnerIterations} (default {@value #DEFAULT_MAX_INNER_ITERATIONS}), all with
 *       {@code exp(E[log ·])} factors from digamma functions, so nothing becomes NaN (see
 *       {@code DocumentKernel}); statistics are the expected counts {@code s_kw = Σ_d n_dw φ_dwk} and
 *       the bound's per-document terms ({@link LdaStatistics}).
 *   <li>M-step: {@code λ_kw = η + s_kw}; {@code η} stays fixed, and so does {@code α} unless
 *       {@link Builder#optimizeDocTopicPrior} is on (then Newton's method on the bound, see
 *       {@code DocTopicPriorNewton}).
 *   <li>Start ({@link #initialize}): {@code λ_kw ~ Gamma(shape 100, scale 1/100)}, as scikit-learn.
 * </ul>
 *
 * <p>The driver's "log-likelihood" is the variational lower bound (see {@link LdaStatistics}), and its
 * convergence test uses the bound's change per token. Each E-step and M-step is a coordinate ascent
 * on the bound, so it cannot decrease when the inner loops converge exactly; with a finite inner
 * tolerance it may dip by a little, so {@link #guaranteesMonotoneLikelihood()} is {@code false}.
 *
 * <p>Chunks: {@link Documents#split} into chunks of {@link Builder#documentsPerChunk} documents
 * (default: {@code max(256, ceil(n / 64))}, so at most 64 chunks, each holding a K×V statistic).
 * Immutable and thread-safe.
 */
public final class LatentDirichletAllocation implements LatentModel<Documents, LdaParameters, LdaStatistics> {

    /** Default inner tolerance on the mean absolute change of {@code γ_d} (scikit-learn's). */
    public static final double DEFAULT_INNER_TOLERANCE = 1e-3;
    /** Default cap on inner iterations per document (scikit-learn's). */
    public static final int DEFAULT_MAX_INNER_ITERATIONS = 100;
    /** Default lower bound on documents per chunk. */
    public static final int DEFAULT_MIN_DOCUMENTS_PER_CHUNK = 256;
    /** Default upper bound on the number of chunks. */
    public static final int DEFAULT_MAX_CHUNKS = 64;

    private final int topics;
    private final double docTopicPrior;
    private final double topicWordPrior;
    private final double innerTolerance;
    private final int maxInnerIterations;
    private final int documentsPerChunk;
    private final boolean optimizeDocTopicPrior;

    private LatentDirichletAllocation(Builder b) {
        this.topics = b.topics;
        this.docTopicPrior = b.docTopicPrior == null ? 1.0 / b.topics : b.docTopicPrior;
        this.topicWordPrior = b.topicWordPrior == null ? 1.0 / b.topics : b.topicWordPrior;
        this.innerTolerance = b.innerTolerance;
        this.maxInnerIterations = b.maxInnerIterations;
        this.documentsPerChunk = b.documentsPerChunk;
        this.optimizeDocTopicPrior = b.optimizeDocTopicPrior;
    }

    /**
     * A builder; {@link Builder#topics} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits from {@link #initialize} starts ({@link EmOptions#restarts()} of them; best bound wins).
     *
     * @param documents the corpus
     * @param options how to run
     * @return the fitted model
     * @throws IllegalArgumentException if the documents hold no tokens
     */
    public FittedLda fit(Documents documents, EmOptions options) {
        EmResult<LdaParameters> result = Em.fit(this, documents, chunked(options, documents));
        return new FittedLda(result.parameters(), documents.vocabulary(), innerTolerance, maxInnerIterations, result);
    }

    /**
     * Fits from given parameters (one run).
     *
     * @param documents the corpus
     * @param start starting parameters with this model's K, α, η and the documents' V
     * @param options how to run
     * @return the fitted model
     * @throws IllegalArgumentException if the shapes or priors differ, or the documents hold no tokens
     */
    public FittedLda fit(Documents documents, LdaParameters start, EmOptions options) {
        checkCompatible(start, documents);
        EmResult<LdaParameters> result = Em.fit(this, documents, start, chunked(options, documents));
        return new FittedLda(result.parameters(), documents.vocabulary(), innerTolerance, maxInnerIterations, result);
    }

    @Override
    public void validate(Documents data) {
        checkArgument(data.tokenCount() > 0, "the %s documents hold no tokens; LDA needs at least one count > 0",
                data.size());
    }

    /**
     * The options with this model's chunk size: {@link Builder#documentsPerChunk} if set, else
     * {@code max(256, ceil(n / 64))} documents when the options carry the default chunk size.
     */
    EmOptions chunked(EmOptions options, Documents data) {
        int rows = documentsPerChunk > 0 ? documentsPerChunk
                : options.chunkSize() != EmOptions.DEFAULT_CHUNK_SIZE ? options.chunkSize()
                : Math.max(DEFAULT_MIN_DOCUMENTS_PER_CHUNK, (data.size() + DEFAULT_MAX_CHUNKS - 1) / DEFAULT_MAX_CHUNKS);
        return options.toBuilder().chunkSize(rows).build();
    }

    @Override
    public LdaStatistics expect(LdaParameters params, Documents chunk) {
        checkCompatible(params, chunk);
        int k = topics;
        int v = params.terms();
        double[] sums = new double[v * k];
        DocumentKernel kernel = new DocumentKernel(k, innerTolerance, maxInnerIterations);
        double alpha = params.docTopicPrior();
        double logGammaAlpha = SpecialFunctions.logGamma(alpha);
        double logGammaKAlpha = SpecialFunctions.logGamma(k * alpha);
        double bound = 0;
        long unconverged = 0;
        double elogThetaSum = 0;
        for (int d = 0; d < chunk.size(); d++) {
            kernel.fit(params, chunk, d);
            if (!kernel.converged) {
                unconverged++;
            }
            for (int a = 0; a < k; a++) {
                elogThetaSum += kernel.elogTheta[a];
            }
            bound += kernel.accumulate(params, chunk, d, sums);
            bound += kernel.docTopicBound(alpha, logGammaAlpha, logGammaKAlpha);
        }
        double[] beta = params.scaledExpElogBeta;
        for (int i = 0; i < sums.length; i++) {
            sums[i] *= beta[i];                       // s_wk = b_wk Σ_d n_dw t_dk / norm_dw
        }
        return new LdaStatistics(k, v, sums, bound, params.topicWordBound, chunk.size(), chunk.tokenCount(),
                unconverged, elogThetaSum);
    }

    @Override
    public LdaParameters maximize(LdaStatistics total, LdaParameters previous, IterationContext context) {
        int k = total.topics();
        int v = total.terms();
        double[] counts = total.rawExpectedCounts();
        double[] lambda = new double[k * v];
        for (int w = 0; w < v; w++) {
            for (int a = 0; a < k; a++) {
                lambda[a * v + w] = topicWordPrior + counts[w * k + a];     // λ = η + s
            }
        }
        double alpha = optimizeDocTopicPrior
                ? DocTopicPriorNewton.maximize(previous.docTopicPrior(), k, total.documents(), total.expectedLogThetaSum())
                : docTopicPrior;
        return LdaParameters.checked(k, v, lambda, alpha, topicWordPrior);
    }

    @Override
    public LdaParameters initialize(Documents data, RandomGenerator random) {
        int v = data.vocabularySize();
        double[] lambda = new double[Math.multiplyExact(topics, v)];
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = SpecialFunctions.gamma(100.0, 0.01, random);
        }
        return LdaParameters.checked(topics, v, lambda, docTopicPrior, topicWordPrior);
    }

    /**
     * {@code false}: the bound is monotone only when every inner loop converges exactly.
     *
     * @return {@code false}
     */
    @Override
    public boolean guaranteesMonotoneLikelihood() {
        return false;
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
     * The document-topic prior {@code α}.
     *
     * @return {@code > 0}
     */
    public double docTopicPrior() {
        return docTopicPrior;
    }

    /**
     * The topic-word prior {@code η}.
     *
     * @return {@code > 0}
     */
    public double topicWordPrior() {
        return topicWordPrior;
    }

    /**
     * Whether the M-step also chooses {@code α} ({@link Builder#optimizeDocTopicPrior}).
     *
     * @return {@code true} if {@code α} is estimated, {@code false} if it stays fixed
     */
    public boolean optimizesDocTopicPrior() {
        return optimizeDocTopicPrior;
    }

    /**
     * The inner tolerance on the mean absolute change of {@code γ_d}.
     *
     * @return {@code >= 0}
     */
    public double innerTolerance() {
        return innerTolerance;
    }

    /**
     * The cap on inner iterations per document.
     *
     * @return {@code >= 1}
     */
    public int maxInnerIterations() {
        return maxInnerIterations;
    }

    private void checkCompatible(LdaParameters params, Documents documents) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(documents, "documents");
        checkArgument(params.topics() == topics, "the parameters have %s topics but the model has %s",
                params.topics(), topics);
        checkArgument(params.terms() == documents.vocabularySize(),
                "the parameters cover %s terms but the documents' vocabulary has %s",
                params.terms(), documents.vocabularySize());
        checkArgument((optimizeDocTopicPrior || params.docTopicPrior() == docTopicPrior)
                && params.topicWordPrior() == topicWordPrior,
                "the parameters' priors (docTopicPrior %s, topicWordPrior %s) differ from the model's (%s, %s)%s",
                params.docTopicPrior(), params.topicWordPrior(), docTopicPrior, topicWordPrior,
                optimizeDocTopicPrior ? "; only docTopicPrior may differ when it is optimised" : "");
    }

    /** Builder of {@link LatentDirichletAllocation}; validation in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int topics;
        private Double docTopicPrior;
        private Double topicWordPrior;
        private double innerTolerance = DEFAULT_INNER_TOLERANCE;
        private int maxInnerIterations = DEFAULT_MAX_INNER_ITERATIONS;
        private int documentsPerChunk;
        private boolean optimizeDocTopicPrior;

        private Builder() {}

        /**
         * Sets the number of topics (required).
         *
         * @param value {@code >= 1}
         * @return this builder
         */
        public Builder topics(int value) {
            this.topics = value;
            return this;
        }

        /**
         * Sets the symmetric document-topic prior {@code α}. Default {@code 1/K} (scikit-learn's).
         *
         * @param value finite and {@code > 0}
         * @return this builder
         */
        public Builder docTopicPrior(double value) {
            this.docTopicPrior = value;
            return this;
        }

        /**
         * Sets the symmetric topic-word prior {@code η}. Default {@code 1/K} (scikit-learn's).
         *
         * @param value finite and {@code > 0}
         * @return this builder
         */
        public Builder topicWordPrior(double value) {
            this.topicWordPrior = value;
            return this;
        }

        /**
         * Sets the inner tolerance: a document's loop stops when the mean over topics of
         * {@code |γ_new - γ_old|} is below it. Default {@value #DEFAULT_INNER_TOLERANCE}.
         *
         * @param value finite and {@code >= 0} ({@code 0}: always run the cap)
         * @return this builder
         */
        public Builder innerTolerance(double value) {
            this.innerTolerance = value;
            return this;
        }

        /**
         * Sets the cap on inner iterations per document. Default {@value #DEFAULT_MAX_INNER_ITERATIONS}.
         *
         * @param value {@code >= 1}
         * @return this builder
         */
        public Builder maxInnerIterations(int value) {
            this.maxInnerIterations = value;
            return this;
        }

        /**
         * Sets a fixed chunk size (documents per chunk) instead of the default rule
         * {@code max(256, ceil(n / 64))}. Results do not depend on the thread count either way; they may
         * differ in the last bits between chunk sizes.
         *
         * @param value {@code >= 1}
         * @return this builder
         */
        public Builder documentsPerChunk(int value) {
            checkArgument(value >= 1, "documentsPerChunk (%s) must be >= 1", value);
            this.documentsPerChunk = value;
            return this;
        }

        /**
         * Whether the M-step also estimates the symmetric document-topic prior {@code α} (off by
         * default, as scikit-learn, which keeps it fixed). When on, {@link #docTopicPrior} is the
         * starting value and each M-step sets {@code α} to the maximiser of the bound's
         * {@code α}-terms {@code D (ln Γ(Kα) - K ln Γ(α)) + (α - 1) Σ_d Σ_k E[log θ_dk]} by a safeguarded
         * Newton iteration (Minka 2000; Blei, Ng &amp; Jordan 2003, appendix A.4.2), so the bound still
         * never decreases when the inner loops converge; {@code α} stays positive.
         *
         * @param value {@code true} to estimate {@code α}
         * @return this builder
         */
        public Builder optimizeDocTopicPrior(boolean value) {
            this.optimizeDocTopicPrior = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the model
         * @throws IllegalArgumentException naming the first bad setting
         */
        public LatentDirichletAllocation build() {
            checkArgument(topics >= 1, "topics (%s) must be >= 1; set it with topics(k)", topics);
            checkArgument(docTopicPrior == null || (docTopicPrior > 0 && docTopicPrior < Double.POSITIVE_INFINITY),
                    "docTopicPrior (%s) must be finite and > 0", docTopicPrior);
            checkArgument(topicWordPrior == null || (topicWordPrior > 0 && topicWordPrior < Double.POSITIVE_INFINITY),
                    "topicWordPrior (%s) must be finite and > 0", topicWordPrior);
            checkArgument(innerTolerance >= 0 && innerTolerance < Double.POSITIVE_INFINITY,
                    "innerTolerance (%s) must be finite and >= 0", innerTolerance);
            checkArgument(maxInnerIterations >= 1, "maxInnerIterations (%s) must be >= 1", maxInnerIterations);
            return new LatentDirichletAllocation(this);
        }
    }
}
