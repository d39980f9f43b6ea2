package io.emkit.latent.lda;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.EmResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A fitted (or loaded) LDA model: parameters, the vocabulary they cover, and the inner-loop settings
 * used to infer new documents' topic proportions. Immutable and thread-safe.
 *
 * <p>Queries on documents ({@link #transform}, {@link #bound}, {@link #perplexity}) run the same
 * per-document E-step as the fit, from {@code γ = 1} (as scikit-learn's {@code transform} and
 * {@code score}), and require documents built over this model's vocabulary
 * ({@code Documents.builder(model.terms())}).
 */
public final class FittedLda {

    private final LdaParameters parameters;
    private final List<String> terms;
    private final double innerTolerance;
    private final int maxInnerIterations;
    private final EmResult<LdaParameters> result;

    FittedLda(LdaParameters parameters, List<String> terms, double innerTolerance, int maxInnerIterations,
            EmResult<LdaParameters> result) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.terms = List.copyOf(terms);
        checkArgument(this.terms.size() == parameters.terms(), "%s terms given for parameters over %s terms",
                this.terms.size(), parameters.terms());
        checkArgument(innerTolerance >= 0 && innerTolerance < Double.POSITIVE_INFINITY,
                "innerTolerance (%s) must be finite and >= 0", innerTolerance);
        checkArgument(maxInnerIterations >= 1, "maxInnerIterations (%s) must be >= 1", maxInnerIterations);
        this.innerTolerance = innerTolerance;
        this.maxInnerIterations = maxInnerIterations;
        this.result = result;
    }

    /**
     * A model from parameters (for example read from a file), with the default inner loop.
     *
     * @param parameters the parameters
     * @param terms the V terms, in the order of {@code λ}'s columns, distinct
     * @return the model
     * @throws IllegalArgumentException if the number of terms differs from V
     */
    public static FittedLda of(LdaParameters parameters, List<String> terms) {
        return of(parameters, terms, LatentDirichletAllocation.DEFAULT_INNER_TOLERANCE,
                LatentDirichletAllocation.DEFAULT_MAX_INNER_ITERATIONS);
    }

    /**
     * A model from parameters with a given inner loop.
     *
     * @param parameters the parameters
     * @param terms the V terms, distinct
     * @param innerTolerance inner tolerance on the mean absolute change of {@code γ_d}, {@code >= 0}
     * @param maxInnerIterations inner-iteration cap, {@code >= 1}
     * @return the model
     * @throws IllegalArgumentException for a bad setting or a term count other than V
     */
    public static FittedLda of(LdaParameters parameters, List<String> terms, double innerTolerance,
            int maxInnerIterations) {
        Documents.builder(terms); // checks the terms are distinct and non-empty
        return new FittedLda(parameters, terms, innerTolerance, maxInnerIterations, null);
    }

    /**
     * The parameters.
     *
     * @return the parameters
     */
    public LdaParameters parameters() {
        return parameters;
    }

    /**
     * The inner loop's tolerance on the mean absolute change of a document's {@code γ_d}.
     *
     * @return the tolerance, {@code >= 0}
     */
    public double innerTolerance() {
        return innerTolerance;
    }

    /**
     * The cap on a document's inner iterations.
     *
     * @return the cap, {@code >= 1}
     */
    public int maxInnerIterations() {
        return maxInnerIterations;
    }

    /**
     * The vocabulary, in the order of {@code λ}'s columns.
     *
     * @return an unmodifiable list of V terms
     */
    public List<String> terms() {
        return terms;
    }

    /**
     * Number of topics K.
     *
     * @return {@code >= 1}
     */
    public int topics() {
        return parameters.topics();
    }

    /**
     * The fit's record (bound trace, iterations, convergence), when this model came from a fit.
     *
     * @return the result, or empty for a model made with {@link #of}
     */
    public Optional<EmResult<LdaParameters>> result() {
        return Optional.ofNullable(result);
    }

    /**
     * The {@code count} terms with the largest {@code λ} in a topic, largest first (ties: lower id
     * first).
     *
     * @param topic in {@code [0, K)}
     * @param count {@code >= 1}; at most V are returned
     * @return the terms
     * @throws IllegalArgumentException for a bad topic or count
     */
    public List<String> topTerms(int topic, int count) {
        checkArgument(topic >= 0 && topic < topics(), "topic (%s) must be in [0, %s)", topic, topics());
        checkArgument(count >= 1, "count (%s) must be >= 1", count);
        double[] lambda = parameters.rawLambda();
        int v = parameters.terms();
        int offset = topic * v;
        List<String> top = new ArrayList<>();
        IntStream.range(0, v).boxed()
                .sorted(Comparator.comparingDouble((Integer w) -> -lambda[offset + w]).thenComparingInt(w -> w))
                .limit(count).forEach(w -> top.add(terms.get(w)));
        return top;
    }

    /**
     * Document-topic proportions: each document's {@code γ_d / Σ_k γ_dk} (scikit-learn's
     * {@code transform}).
     *
     * @param documents documents over this model's vocabulary
     * @return a new n×K array whose rows sum to 1
     * @throws IllegalArgumentException if the documents' vocabulary is not the model's
     */
    public double[][] transform(Documents documents) {
        checkVocabulary(documents);
        DocumentKernel kernel = kernel();
        double[][] theta = new double[documents.size()][];
        for (int d = 0; d < documents.size(); d++) {
            kernel.fit(parameters, documents, d);
            double[] row = kernel.gamma.clone();
            double sum = 0;
            for (double g : row) {
                sum += g;
            }
            for (int k = 0; k < row.length; k++) {
                row[k] /= sum;
            }
            theta[d] = row;
        }
        return theta;
    }

    /**
     * The variational lower bound on {@code log p(documents)} (scikit-learn's {@code score}): the
     * documents' terms with {@code γ} inferred under this model, plus the topic-word term of
     * {@code λ}.
     *
     * @param documents documents over this model's vocabulary
     * @return the bound (natural log)
     * @throws IllegalArgumentException if the vocabulary is not the model's
     */
    public double bound(Documents documents) {
        checkVocabulary(documents);
        DocumentKernel kernel = kernel();
        double alpha = parameters.docTopicPrior();
        double logGammaAlpha = SpecialFunctions.logGamma(alpha);
        double logGammaKAlpha = SpecialFunctions.logGamma(topics() * alpha);
        double bound = 0;
        for (int d = 0; d < documents.size(); d++) {
            kernel.fit(parameters, documents, d);
            bound += kernel.accumulate(parameters, documents, d, null);
            bound += kernel.docTopicBound(alpha, logGammaAlpha, logGammaKAlpha);
        }
        return bound + parameters.topicWordBound;
    }

    /**
     * Perplexity of (held-out) documents, {@code exp(-bound / tokens)} with {@link #bound} (as
     * scikit-learn's {@code perplexity}; the bound includes the topic-word term).
     *
     * @param documents documents over this model's vocabulary, with at least one token
     * @return the perplexity, {@code > 0}
     * @throws IllegalArgumentException if the vocabulary is not the model's or there are no tokens
     */
    public double perplexity(Documents documents) {
        checkVocabulary(documents);
        checkArgument(documents.tokenCount() > 0, "the documents hold no tokens; perplexity needs at least one");
        return Math.exp(-bound(documents) / documents.tokenCount());
    }

    private DocumentKernel kernel() {
        return new DocumentKernel(topics(), innerTolerance, maxInnerIterations);
    }

    private void checkVocabulary(Documents documents) {
        Objects.requireNonNull(documents, "documents");
        if (!documents.vocabulary().equals(terms)) {
            throw new IllegalArgumentException("the documents' vocabulary (" + documents.vocabularySize()
                    + " terms) is not the model's (" + terms.size() + " terms); build them with"
                    + " Documents.builder(model.terms())");
        }
    }
}
