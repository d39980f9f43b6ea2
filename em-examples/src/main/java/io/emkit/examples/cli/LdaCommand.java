package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.latent.lda.Documents;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LatentDirichletAllocation;
import io.emkit.latent.lda.LdaParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code em lda}: latent Dirichlet allocation by batch variational EM. The model file is
 * {@code {"kind": "lda", "terms": [V], "topicWord": [K][V], "docTopicPrior": a, "topicWordPrior": e,
 * "bound": ..., ...}} where {@code topicWord} is λ (scikit-learn's {@code components_}); a fit adds
 * the driver's record ({@code logLikelihood} = the bound, its trace, iterations, ...).
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
            Model start = init == null ? null : readModel(init);
            if (start != null && start.parameters.topics() != topics) {
                throw new IllegalArgumentException(init + ": the model has " + start.parameters.topics()
                        + " topics but --topics is " + topics);
            }
            double alpha = docTopicPrior != null ? docTopicPrior
                    : start != null ? start.parameters.docTopicPrior() : 1.0 / topics;
            double eta = topicWordPrior != null ? topicWordPrior
                    : start != null ? start.parameters.topicWordPrior() : 1.0 / topics;
            DocumentTermCsv.Table table = DocumentTermCsv.read(data, start == null ? null : start.terms);
            Documents documents = table.documents();
            LatentDirichletAllocation model = LatentDirichletAllocation.builder().topics(topics)
                    .docTopicPrior(alpha).topicWordPrior(eta).innerTolerance(innerTolerance)
                    .maxInnerIterations(maxInnerIterations).optimizeDocTopicPrior(optimizeDocTopicPrior).build();
            ProgressBar bar = progressBar(maxIterations, start == null ? restarts : 1);
            EmOptions options = convergence.apply(withProgress(EmOptions.builder(), bar)).maxIterations(maxIterations)
                    .tolerance(tolerance).restarts(restarts).seed(seed).threads(threadCount).build();
            FittedLda fitted;
            if (start != null) {
                LdaParameters initial = LdaParameters.of(start.parameters.topicWord(), alpha, eta);
                fitted = model.fit(documents, initial, options);
            } else {
                fitted = model.fit(documents, options);
            }
            EmResult<LdaParameters> result = fitted.result().orElseThrow();
            afterFit(bar, result);
            ObjectNode json = toJson(fitted, start == null ? table.integerTerms() : start.integerTerms);
            json.put("bound", result.logLikelihood());
            json.put("topics", topics);
            json.put("documents", documents.size());
            json.put("tokens", documents.tokenCount());
            json.put("innerTolerance", innerTolerance);
            json.put("maxInnerIterations", maxInnerIterations);
            ModelJson.addFit(json, result);
            if (out != null) {
                writeAtomically(ModelJson.toText(json), out);
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
            Model loaded = readModel(model);
            double tol = innerTolerance != null ? innerTolerance : loaded.innerTolerance;
            checkNonNegative("--inner-tol", tol);
            FittedLda fitted = FittedLda.of(loaded.parameters, loaded.terms, tol, loaded.maxInnerIterations);
            Documents documents = DocumentTermCsv.read(data, loaded.terms).documents();
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

    /** A model file's content. */
    record Model(LdaParameters parameters, List<String> terms, boolean integerTerms, double innerTolerance,
            int maxInnerIterations) {}

    static Model readModel(Path path) {
        ObjectNode root = JsonTree.read(path);
        String source = path.toString();
        JsonNode kind = root.get("kind");
        if (kind != null && !kind.isNull() && !(kind.isTextual() && kind.asText().equals("lda"))) {
            throw new IllegalArgumentException(source + ": wrong model kind: the file holds " + kind
                    + ", expected \"lda\"");
        }
        JsonNode termsNode = JsonTree.field(root, "terms", source, "");
        if (!termsNode.isArray() || termsNode.isEmpty()) {
            throw new IllegalArgumentException(source + ": \"terms\" must be a non-empty array");
        }
        List<String> terms = new ArrayList<>();
        boolean integers = true;
        for (int i = 0; i < termsNode.size(); i++) {
            JsonNode t = termsNode.get(i);
            if (t.isTextual()) {
                terms.add(t.asText());
                integers = false;
            } else if (t.isIntegralNumber()) {
                terms.add(t.asText());
            } else {
                throw new IllegalArgumentException(source + ": \"terms\"[" + i + "] must be a string or an integer");
            }
        }
        double[][] lambda = JsonTree.matrix(JsonTree.field(root, "topicWord", source, ""), -1, terms.size(), source,
                "\"topicWord\"");
        double alpha = JsonTree.number(JsonTree.field(root, "docTopicPrior", source, ""), source, "\"docTopicPrior\"");
        double eta = JsonTree.number(JsonTree.field(root, "topicWordPrior", source, ""), source, "\"topicWordPrior\"");
        JsonNode tolNode = root.get("innerTolerance");
        JsonNode capNode = root.get("maxInnerIterations");
        double tol = tolNode != null && tolNode.isNumber() ? tolNode.doubleValue()
                : LatentDirichletAllocation.DEFAULT_INNER_TOLERANCE;
        int cap = capNode != null && capNode.canConvertToInt() ? capNode.intValue()
                : LatentDirichletAllocation.DEFAULT_MAX_INNER_ITERATIONS;
        try {
            LdaParameters parameters = LdaParameters.of(lambda, alpha, eta);
            Documents.builder(terms); // distinct terms
            return new Model(parameters, List.copyOf(terms), integers, tol, cap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": invalid lda model: " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(FittedLda fitted, boolean integerTerms) {
        ObjectNode root = JsonTree.object();
        root.put("kind", "lda");
        ArrayNode terms = root.putArray("terms");
        for (String term : fitted.terms()) {
            if (integerTerms) {
                terms.add(Integer.parseInt(term));
            } else {
                terms.add(term);
            }
        }
        root.set("topicWord", JsonTree.array(fitted.parameters().topicWord()));
        root.put("docTopicPrior", fitted.parameters().docTopicPrior());
        root.put("topicWordPrior", fitted.parameters().topicWordPrior());
        return root;
    }

    /** Writes to a temporary file beside {@code path}, then renames it over {@code path}. */
    static void writeAtomically(String text, Path path) {
        Path target = path.toAbsolutePath();
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot write (" + e.getMessage() + ")");
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file is harmless
                }
            }
        }
    }

    private static void checkPrior(String option, Double value) {
        if (value != null && !(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(option + " (" + value + ") must be finite and > 0");
        }
    }
}
