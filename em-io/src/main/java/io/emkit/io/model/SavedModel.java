package io.emkit.io.model;

import io.emkit.core.mixture.MixtureParameters;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LdaParameters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of a model file: the immutable model and, when a fit wrote the file, its
 * {@link FitSummary}. One record per {@code "kind"}; pattern-match on the record or ask
 * {@link ModelFiles#read(java.nio.file.Path, Class)} for the type you expect. The format of each kind
 * is in {@code docs/model-files.md}.
 */
public sealed interface SavedModel permits SavedModel.Gmm, SavedModel.Hmm, SavedModel.FactorAnalysis,
        SavedModel.Ppca, SavedModel.Mfa, SavedModel.Lda {

    /**
     * The file's {@code "kind"}: {@code gmm}, {@code hmm}, {@code factorAnalysis}, {@code ppca},
     * {@code mfa} or {@code lda}.
     *
     * @return the kind
     */
    String kind();

    /**
     * The model itself ({@link GaussianMixture}, {@link HmmParameters}, {@link FactorParameters},
     * {@code MixtureParameters<FactorAnalysers>} or {@link FittedLda}).
     *
     * @return the model
     */
    Object model();

    /**
     * The record of the fit that wrote the file, if any.
     *
     * @return the summary, or empty for a model written without one
     */
    Optional<FitSummary> fit();

    /**
     * This model with a fit's record (replacing any it has).
     *
     * @param fit the record
     * @return a new saved model of the same kind
     */
    SavedModel withFit(FitSummary fit);

    /**
     * A model to save: a {@link SavedModel} as it is, or a {@link GaussianMixture},
     * {@link HmmParameters}, {@link FactorParameters} (a {@code ppca} file when isotropic, else
     * {@code factorAnalysis}), {@code MixtureParameters<FactorAnalysers>} or {@link FittedLda},
     * without a fit summary.
     *
     * @param model the model
     * @return it as a saved model
     * @throws IllegalArgumentException for another type
     */
    static SavedModel of(Object model) {
        Objects.requireNonNull(model, "model");
        if (model instanceof SavedModel saved) {
            return saved;
        }
        if (model instanceof GaussianMixture mixture) {
            return new Gmm(mixture, false, Optional.empty());
        }
        if (model instanceof HmmParameters hmm) {
            return new Hmm(hmm, List.of(), Optional.empty());
        }
        if (model instanceof FactorParameters factor) {
            return factor.isIsotropic() ? new Ppca(factor, Optional.empty())
                    : new FactorAnalysis(factor, Optional.empty());
        }
        if (model instanceof MixtureParameters<?> mixture && mixture.components() instanceof FactorAnalysers) {
            @SuppressWarnings("unchecked")
            MixtureParameters<FactorAnalysers> mfa = (MixtureParameters<FactorAnalysers>) mixture;
            return new Mfa(mfa, Optional.empty());
        }
        if (model instanceof FittedLda lda) {
            return Lda.of(lda, false, Optional.empty());
        }
        throw new IllegalArgumentException("no model file holds a " + model.getClass().getName()
                + "; save a GaussianMixture, HmmParameters, FactorParameters, MixtureParameters<FactorAnalysers>,"
                + " FittedLda or a SavedModel");
    }

    /**
     * A Gaussian mixture ({@code "kind": "gmm"}).
     *
     * @param mixture the mixture
     * @param mclustForm whether the file uses mclust's form ({@code "covarianceModel": NAME} and full
     *     {@code [k][d][d]} covariances) rather than {@code "covarianceType"} with covariances in their
     *     native shape. Mixtures of the ten mclust models that are none of full, diag, spherical and
     *     tied are always written in mclust's form.
     * @param fit the fit's record
     */
    record Gmm(GaussianMixture mixture, boolean mclustForm, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks for nulls.
         *
         * @param mixture the mixture
         * @param mclustForm whether to write mclust's form
         * @param fit the fit's record
         * @throws NullPointerException for a null component
         */
        public Gmm {
            Objects.requireNonNull(mixture, "mixture");
            Objects.requireNonNull(fit, "fit");
        }

        /**
         * Whether the file will carry {@code "covarianceModel"}: {@link #mclustForm()}, or a model
         * without a scikit-learn name.
         *
         * @return whether the mclust form is written
         */
        public boolean writesMclustForm() {
            CovarianceModel model = mixture.covarianceModel();
            return mclustForm || model.alias() == null;
        }

        @Override
        public Gmm withFit(FitSummary fit) {
            return new Gmm(mixture, mclustForm, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "gmm";
        }

        @Override
        public GaussianMixture model() {
            return mixture;
        }
    }

    /**
     * Hidden Markov model parameters ({@code "kind": "hmm"}).
     *
     * @param parameters the parameters
     * @param symbols a categorical model's string alphabet in symbol-id order ({@code "symbols"}), or
     *     empty for integer symbols {@code 0..m-1} and for other emissions (copied)
     * @param fit the fit's record
     */
    record Hmm(HmmParameters parameters, List<String> symbols, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks the alphabet.
         *
         * @param parameters the parameters
         * @param symbols the string alphabet, or empty
         * @param fit the fit's record
         * @throws NullPointerException for a null component or symbol
         * @throws IllegalArgumentException if symbols are given for non-categorical emissions, their
         *     number differs from the alphabet size, or two are equal
         */
        public Hmm {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(fit, "fit");
            symbols = List.copyOf(symbols);
            if (!symbols.isEmpty()) {
                if (!(parameters.emission() instanceof CategoricalEmission categorical)) {
                    throw new IllegalArgumentException("symbols are for categorical emissions only, not "
                            + parameters.emission().getClass().getSimpleName());
                }
                int m = categorical.symbols();
                if (symbols.size() != m) {
                    throw new IllegalArgumentException("symbols has " + symbols.size() + " entries but the emissions"
                            + " have " + m + " symbols; give one name per symbol id");
                }
                if (new java.util.HashSet<>(symbols).size() != symbols.size()) {
                    throw new IllegalArgumentException("symbols " + symbols + " must be distinct");
                }
            }
        }

        @Override
        public Hmm withFit(FitSummary fit) {
            return new Hmm(parameters, symbols, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "hmm";
        }

        @Override
        public HmmParameters model() {
            return parameters;
        }
    }

    /**
     * A factor analysis model ({@code "kind": "factorAnalysis"}).
     *
     * @param parameters the parameters, not isotropic
     * @param fit the fit's record
     */
    record FactorAnalysis(FactorParameters parameters, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks for nulls.
         *
         * @param parameters the parameters
         * @param fit the fit's record
         * @throws NullPointerException for a null component
         */
        public FactorAnalysis {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public FactorAnalysis withFit(FitSummary fit) {
            return new FactorAnalysis(parameters, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "factorAnalysis";
        }

        @Override
        public FactorParameters model() {
            return parameters;
        }
    }

    /**
     * A probabilistic PCA model ({@code "kind": "ppca"}).
     *
     * @param parameters the parameters, isotropic
     * @param fit the fit's record
     */
    record Ppca(FactorParameters parameters, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks the noise.
         *
         * @param parameters the parameters
         * @param fit the fit's record
         * @throws NullPointerException for a null component
         * @throws IllegalArgumentException if the parameters are not isotropic
         */
        public Ppca {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(fit, "fit");
            if (!parameters.isIsotropic()) {
                throw new IllegalArgumentException("a ppca model needs isotropic noise (one noiseVariance); save"
                        + " these parameters as FactorAnalysis");
            }
        }

        @Override
        public Ppca withFit(FitSummary fit) {
            return new Ppca(parameters, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "ppca";
        }

        @Override
        public FactorParameters model() {
            return parameters;
        }
    }

    /**
     * A mixture of factor analysers ({@code "kind": "mfa"}).
     *
     * @param parameters the mixture (read back over
     *     {@code FactorAnalyserFamily.factorAnalysers(q)})
     * @param fit the fit's record
     */
    record Mfa(MixtureParameters<FactorAnalysers> parameters, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks for nulls.
         *
         * @param parameters the mixture
         * @param fit the fit's record
         * @throws NullPointerException for a null component
         */
        public Mfa {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(fit, "fit");
        }

        @Override
        public Mfa withFit(FitSummary fit) {
            return new Mfa(parameters, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "mfa";
        }

        @Override
        public MixtureParameters<FactorAnalysers> model() {
            return parameters;
        }
    }

    /**
     * Latent Dirichlet allocation ({@code "kind": "lda"}).
     *
     * @param parameters the topic-word parameter λ and the priors
     * @param terms the V terms, in the order of λ's columns (copied)
     * @param integerTerms whether the terms are written as JSON integers (term ids) rather than strings
     * @param innerTolerance the per-document inner tolerance ({@code "innerTolerance"})
     * @param maxInnerIterations the per-document inner-iteration cap ({@code "maxInnerIterations"})
     * @param fit the fit's record
     */
    record Lda(LdaParameters parameters, List<String> terms, boolean integerTerms, double innerTolerance,
            int maxInnerIterations, Optional<FitSummary> fit) implements SavedModel {
        /**
         * Checks the terms and the inner loop.
         *
         * @param parameters the parameters
         * @param terms the V terms
         * @param integerTerms whether terms are integer ids
         * @param innerTolerance the inner tolerance
         * @param maxInnerIterations the inner-iteration cap
         * @param fit the fit's record
         * @throws NullPointerException for a null component
         * @throws IllegalArgumentException if the terms are not V distinct strings, integer terms are not
         *     integers, or the inner settings are invalid
         */
        public Lda {
            Objects.requireNonNull(parameters, "parameters");
            Objects.requireNonNull(fit, "fit");
            terms = List.copyOf(terms);
            if (integerTerms) {
                for (String term : terms) {
                    try {
                        Long.parseLong(term);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("integer terms must be integers; \"" + term + "\" is not",
                                e);
                    }
                }
            }
            FittedLda.of(parameters, terms, innerTolerance, maxInnerIterations); // validates
        }

        /**
         * A fitted model with its inner loop.
         *
         * @param model the model
         * @param integerTerms whether its terms are integer ids
         * @param fit the fit's record
         * @return the saved model
         * @throws IllegalArgumentException if {@code integerTerms} is set and a term is not an integer
         */
        public static Lda of(FittedLda model, boolean integerTerms, Optional<FitSummary> fit) {
            return new Lda(model.parameters(), model.terms(), integerTerms, model.innerTolerance(),
                    model.maxInnerIterations(), fit);
        }

        @Override
        public Lda withFit(FitSummary fit) {
            return new Lda(parameters, terms, integerTerms, innerTolerance, maxInnerIterations, Optional.of(fit));
        }

        @Override
        public String kind() {
            return "lda";
        }

        /**
         * The model, ready to transform documents with this file's inner loop.
         *
         * @return a new fitted model
         */
        @Override
        public FittedLda model() {
            return FittedLda.of(parameters, terms, innerTolerance, maxInnerIterations);
        }
    }
}
