package io.emkit.examples.cli;

import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.SavedModel;
import io.emkit.latent.lda.Documents;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LatentDirichletAllocation;
import io.emkit.latent.lda.LdaParameters;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code em lda}: latent Dirichlet allocation by batch variational EM. The model file (em-io's
 * {@link io.emkit.io.model.SavedModel.Lda}) is {@code {"kind": "lda", "terms": [V], "topicWord": [K][V],
 * "docTopicPrior": a, "topicWordPrior": e, "bound": ..., ...}} where {@code topicWord} is λ (scikit-learn's
 * {@code components_}); a fit adds the driver's record ({@code logLikelihood} = the bound, its trace,
 * iterations, ...).
 */
@Command(name = "lda", mixinStandardHelpOptions = true,
        description = "Topic models: latent Dirichlet allocation by batch variational EM (fit, transform).",
        subcommands = {LdaCommand.Fit.class, LdaCommand.Transform.class})
final class LdaCommand {

    private LdaCommand() {}

    /** {@code em lda fit}. */
    @Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Fits latent Dirichlet allocation to a document-term CSV by batch variational EM.",
                "Writes the model JSON to --out, or to stdout without --out; a summary goes to stderr."})
    static final class Fit extends CliCommand {
        @Option(names = "--data", required = true, paramLabel = "DTM.csv",
                description = "Document-term CSV with header doc,term,count (term: a string or an integer id).")
        Path data;

        @Option(names = "--topics", required = true, paramLabel = "K", description = "Number of topics.")
        int topics;

        @Option(names = "--doc-topic-prior", paramLabel = "a",
                description = "Symmetric Dirichlet prior alpha on each document's topics. Default: the --init"
                        + " file's, else 1/K.")
        Double docTopicPrior;

        @Option(names = "--optimize-doc-topic-prior",
                description = "Also estimate alpha (symmetric) in every M-step by Newton's method, starting from"
                        + " --doc-topic-prior; the written model holds the estimate. Default: off (alpha fixed).")
        boolean optimizeDocTopicPrior;

        @Option(names = "--topic-word-prior", paramLabel = "e",
                description = "Symmetric Dirichlet prior eta on each topic's terms. Default: the --init file's,"
                        + " else 1/K.")
        Double topicWordPrior;

        @Option(names = "--init", paramLabel = "M.json",
                description = "An lda model file to start from (its topicWord); its terms fix the vocabulary.")
        Path init;

        @Option(names = "--max-iter", paramLabel = "N", defaultValue = "100",
                description = "EM iteration cap. Default: ${DEFAULT-VALUE}.")
        int maxIterations;

        @Mixin
        ConvergenceOptions convergence;

        @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-4",
                description = "Stop when the bound changes by less than T per token; 0 runs exactly --max-iter."
                        + " Default: ${DEFAULT-VALUE}.")
        double tolerance;

        @Option(names = "--inner-tol", paramLabel = "T", defaultValue = "1e-3",
                description = "A document's loop stops when the mean |change| of gamma is below T"
                        + " (scikit-learn's mean_change_tol). Default: ${DEFAULT-VALUE}.")
        double innerTolerance;

        @Option(names = "--max-inner-iter", paramLabel = "N", defaultValue = "100",
                description = "Cap on a document's inner iterations. Default: ${DEFAULT-VALUE}.")
        int maxInnerIterations;

        @Option(names = "--restarts", paramLabel = "N", defaultValue = "1",
                description = "Independent random starts (ignored with --init); the best bound wins."
                        + " Default: ${DEFAULT-VALUE}.")
        int restarts;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--threads", paramLabel = "N",
                description = "E-step threads; results do not depend on it. Default: available processors.")
        Integer threads;

        @Option(names = "--out", paramLabel = "M.json", description = "Where to write the model (atomically).")
        Path out;

        @Override
        void run() {
            checkPositive("--topics", topics);
            checkPositive("--max-iter", maxIterations);
            checkPositive("--max-inner-iter", maxInnerIterations);
            checkPositive("--restarts", restarts);
            checkNonNegative("--tol", tolerance);
            checkNonNegative("--inner-tol", innerTolerance);
            int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            checkPositive("--threads", threadCount);
            checkPrior("--doc-topic-prior", docTopicPrior);
            checkPrior("--topic-word-prior", topicWordPrior);
            SavedModel.Lda start = init == null ? null : ModelJson.read(init, SavedModel.Lda.class);
            if (start != null && start.parameters().topics() != topics) {
                throw new IllegalArgumentException(init + ": the model has " + start.parameters().topics()
                        + " topics but --topics is " + topics);
            }
            double alpha = docTopicPrior != null ? docTopicPrior
                    : start != null ? start.parameters().docTopicPrior() : 1.0 / topics;
            double eta = topicWordPrior != null ? topicWordPrior
                    : start != null ? start.parameters().topicWordPrior() : 1.0 / topics;
            DocumentTermCsv.Table table = DocumentTermCsv.read(data, start == null ? null : start.terms());
            Documents documents = table.documents();
            LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(topics)
                    .docTopicPrior(alpha).topicWordPrior(eta).innerTolerance(innerTolerance)
                    .maxInnerIterations(maxInnerIterations).optimizeDocTopicPrior(optimizeDocTopicPrior).build();
            ProgressBar bar = progressBar(maxIterations, start == null ? restarts : 1);
            EmOptions options = convergence.apply(withProgress(EmOptions.builder(), bar)).maxIterations(maxIterations)
                    .tolerance(tolerance).restarts(restarts).seed(seed).threads(threadCount).build();
            FittedLda fitted;
            if (start != null) {
                LdaParameters initial = LdaParameters.of(start.parameters().topicWord(), alpha, eta);
                fitted = model.fit(documents, initial, options);
            } else {
                fitted = model.fit(documents, options);
            }
            EmResult<LdaParameters> result = fitted.result().orElseThrow();
            afterFit(bar, result);
            FitSummary fit = FitSummary.of(result).withFigure("bound", result.logLikelihood())
                    .withFigure("topics", topics).withFigure("documents", documents.size())
                    .withFigure("tokens", documents.tokenCount());
            SavedModel.Lda json = new SavedModel.Lda(fitted.parameters(), fitted.terms(),
                    start == null ? table.integerTerms() : start.integerTerms(), innerTolerance, maxInnerIterations,
                    Optional.of(fit));
            if (out != null) {
                ModelJson.write(json, out);
            } else {
                out().print(ModelJson.toText(json));
            }
            message(String.format(Locale.ROOT, "lda fit: K = %d, %d documents, %d terms, %.0f tokens: bound %.10g"
                    + " after %d iterations (%s), %.3f s%s", topics, documents.size(), documents.vocabularySize(),
                    documents.tokenCount(), result.logLikelihood(), result.iterations(),
                    result.converged() ? "converged" : "not converged", result.elapsed().toNanos() / 1e9,
                    out == null ? "" : "; wrote " + out));
        }
    }

    /** {@code em lda transform}. */
    @Command(name = "transform", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Topic proportions of documents under a fitted model.",
                "Prints CSV on stdout: a header doc,t0,...,t(K-1), then each document's normalised theta."})
    static final class Transform extends CliCommand {
        @Option(names = "--model", required = true, paramLabel = "M.json", description = "An lda model file.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "DTM.csv",
                description = "Document-term CSV (doc,term,count) over the model's terms.")
        Path data;

        @Option(names = "--inner-tol", paramLabel = "T",
                description = "Inner tolerance. Default: the model file's innerTolerance, else 1e-3.")
        Double innerTolerance;

        @Override
        void run() {
            SavedModel.Lda loaded = ModelJson.read(model, SavedModel.Lda.class);
            double tol = innerTolerance != null ? innerTolerance : loaded.innerTolerance();
            checkNonNegative("--inner-tol", tol);
            FittedLda fitted = FittedLda.of(loaded.parameters(), loaded.terms(), tol, loaded.maxInnerIterations());
            Documents documents = DocumentTermCsv.read(data, loaded.terms()).documents();
            double[][] theta = fitted.transform(documents);
            StringBuilder text = new StringBuilder();
            text.append("doc");
            for (int k = 0; k < fitted.topics(); k++) {
                text.append(",t").append(k);
            }
            text.append('\n');
            for (int d = 0; d < theta.length; d++) {
                text.append(DocumentTermCsv.cell(documents.documentId(d)));
                for (double t : theta[d]) {
                    text.append(',').append(t);
                }
                text.append('\n');
            }
            out().print(text);
        }
    }

    private static void checkPrior(String option, Double value) {
        if (value != null && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and > 0");
        }
    }
}
