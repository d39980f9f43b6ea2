package io.emkit.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.primitives.ImmutableDoubleArray;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.Emission;
import io.emkit.hmm.HmmParameters;
import io.emkit.io.AtomicFiles;
import io.emkit.latent.factor.FactorAnalyserFamily;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LatentDirichletAllocation;
import io.emkit.latent.lda.LdaParameters;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The model-file format with a set of {@link EmissionCodec}s: what {@link ModelFiles} does with the
 * built-in codecs, and with a user's family after {@link #withCodec}. Immutable and thread-safe.
 *
 * <p>Reading is strict: the file must hold exactly one JSON object (a duplicate key or content after
 * it is an error), every number of a model must be finite, and arrays must have the shapes of
 * {@code docs/model-files.md}. Keys a reader does not know are ignored. Errors are
 * {@link IllegalArgumentException}s whose one-line message names the file, the JSON path of the key
 * ({@code "emissions.means"[1][0]}) and what to change.
 */
public final class ModelFormat {

    /** The built-in codecs only. */
    static final ModelFormat DEFAULT = new ModelFormat(BuiltInEmissions.ALL);

    private final List<EmissionCodec> codecs;

    private ModelFormat(List<EmissionCodec> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    /**
     * This format with one more emission codec.
     *
     * @param codec the codec of a family's emissions
     * @return a new format
     * @throws IllegalArgumentException if a codec of the same name is registered already
     */
    public ModelFormat withCodec(EmissionCodec codec) {
        Objects.requireNonNull(codec, "codec");
        String name = Objects.requireNonNull(codec.name(), "codec.name()");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an emission codec needs a non-empty name()");
        }
        if (emissionNames().contains(name)) {
            throw new IllegalArgumentException("an emission codec named \"" + name + "\" is registered already;"
                    + " give " + codec.getClass().getName() + " another name()");
        }
        List<EmissionCodec> more = new ArrayList<>(codecs);
        more.add(codec);
        return new ModelFormat(more);
    }

    /**
     * The {@code "emission"} names this format reads and writes, built-ins first.
     *
     * @return the names
     */
    public List<String> emissionNames() {
        return codecs.stream().map(EmissionCodec::name).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The {@code "emission"} name under which given emissions are written.
     *
     * @param emission the emissions
     * @return the name of the first codec that writes them
     * @throws IllegalArgumentException if no codec writes them
     */
    public String emissionName(Emission emission) {
        return codecFor(emission).name();
    }

    /**
     * Reads a model file.
     *
     * @param path the file (UTF-8 JSON)
     * @return its content; the {@code "kind"} key is required
     * @throws IOException if the file cannot be read (the message names it)
     * @throws IllegalArgumentException if the content is not a valid model file (the message names
     *     the file, the key and the fix)
     */
    public SavedModel read(Path path) throws IOException {
        return read(path, SavedModel.class);
    }

    /**
     * Reads a model file of an expected type: a {@link SavedModel} record ({@code SavedModel.Gmm.class},
     * ...) or a model class ({@code GaussianMixture.class}, {@code HmmParameters.class},
     * {@code FactorParameters.class} for factorAnalysis and ppca files, {@code MixtureParameters.class}
     * for mfa, {@code FittedLda.class} or {@code LdaParameters.class} for lda). A file without
     * {@code "kind"} is read as the one kind the type allows.
     *
     * @param <T> the type
     * @param path the file
     * @param type what to return
     * @return the content as that type
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file holds another kind (wrong model kind: the file
     *     holds ..., expected ...) or is not valid, or no kind reads as {@code type}
     */
    public <T> T read(Path path, Class<T> type) throws IOException {
        Objects.requireNonNull(path, "path");
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": not UTF-8 text; a model file is UTF-8 JSON", e);
        }
        return parse(text, path.toString(), type);
    }

    /**
     * Reads a model from JSON text.
     *
     * @param text the JSON
     * @param source what messages call the text (a file name)
     * @return its content
     * @throws IllegalArgumentException as {@link #read(Path)}
     */
    public SavedModel parse(String text, String source) {
        return parse(text, source, SavedModel.class);
    }

    /**
     * Reads a model of an expected type from JSON text.
     *
     * @param <T> the type
     * @param text the JSON
     * @param source what messages call the text (a file name)
     * @param type what to return, as {@link #read(Path, Class)}
     * @return the content as that type
     * @throws IllegalArgumentException as {@link #read(Path, Class)}
     */
    public <T> T parse(String text, String source, Class<T> type) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        List<Kind> allowed = Kind.reading(type);
        ObjectNode root = Json.parse(text, source);
        Kind kind = kindOf(root, source, allowed);
        ModelFields fields = new ModelFields(root, source, "", kind.name);
        SavedModel model;
        switch (kind) {
            case GMM:
                model = readGmm(fields);
                break;
            case HMM:
                model = readHmm(fields);
                break;
            case FACTOR_ANALYSIS:
            case PPCA:
                model = readFactor(fields, kind == Kind.PPCA);
                break;
            case MFA:
                model = readMfa(fields);
                break;
            case LDA:
            default:
                model = readLda(fields);
        }
        return kind.as(model, type);
    }

    /**
     * The JSON text of a model: one object, objects indented, number arrays on one line, a final
     * newline. Doubles read back bit for bit.
     *
     * @param model a {@link SavedModel} or a model {@link SavedModel#of} takes
     * @return the text
     * @throws IllegalArgumentException for a model no kind holds, or HMM emissions no codec writes
     */
    public String toJson(Object model) {
        return Json.print(tree(SavedModel.of(model)));
    }

    /**
     * Writes a model file atomically (a temporary file in the same folder, then a rename): readers see
     * the old file or the new one, never a part.
     *
     * @param model a {@link SavedModel} or a model {@link SavedModel#of} takes
     * @param path the file to create or replace
     * @throws IOException if it cannot be written (the message names the file; an old file is intact)
     * @throws IllegalArgumentException as {@link #toJson}
     */
    public void write(Object model, Path path) throws IOException {
        byte[] bytes = toJson(model).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    // ---------------------------------------------------------------- kinds

    /** The kinds of model file, each with the types it can be read as. */
    private enum Kind {
        GMM("gmm", SavedModel.Gmm.class, GaussianMixture.class),
        HMM("hmm", SavedModel.Hmm.class, HmmParameters.class),
        FACTOR_ANALYSIS("factorAnalysis", SavedModel.FactorAnalysis.class, FactorParameters.class),
        PPCA("ppca", SavedModel.Ppca.class, FactorParameters.class),
        MFA("mfa", SavedModel.Mfa.class, MixtureParameters.class),
        LDA("lda", SavedModel.Lda.class, FittedLda.class, LdaParameters.class);

        final String name;
        final List<Class<?>> types;

        Kind(String name, Class<?>... types) {
            this.name = name;
            this.types = List.of(types);
        }

        boolean readsAs(Class<?> type) {
            return types.stream().anyMatch(type::isAssignableFrom);
        }

        static List<Kind> reading(Class<?> type) {
            Objects.requireNonNull(type, "type");
            List<Kind> kinds = new ArrayList<>();
            for (Kind kind : values()) {
                if (kind.readsAs(type)) {
                    kinds.add(kind);
                }
            }
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("no model file reads as " + type.getName() + "; ask for"
                        + " SavedModel or one of its records, GaussianMixture, HmmParameters, FactorParameters,"
                        + " MixtureParameters or FittedLda");
            }
            return kinds;
        }

        static Kind named(String name) {
            for (Kind kind : values()) {
                if (kind.name.equals(name)) {
                    return kind;
                }
            }
            return null;
        }

        <T> T as(SavedModel model, Class<T> type) {
            if (type.isInstance(model)) {
                return type.cast(model);
            }
            if (model instanceof SavedModel.Lda lda && type.isAssignableFrom(LdaParameters.class)) {
                return type.cast(lda.parameters());
            }
            return type.cast(model.model());
        }
    }

    private static String names(List<Kind> kinds) {
        return kinds.stream().map(k -> k.name).collect(Collectors.joining(" or "));
    }

    private static Kind kindOf(ObjectNode root, String source, List<Kind> allowed) {
        JsonNode kind = root.get("kind");
        if (kind == null || kind.isNull()) {
            if (allowed.size() == 1) {
                return allowed.get(0);
            }
            throw new IllegalArgumentException(source + ": missing field \"kind\"; add \"kind\": " + allowed.stream()
                    .map(k -> "\"" + k.name + "\"").collect(Collectors.joining(", ")) + " (the one this file holds)");
        }
        Kind named = kind.isTextual() ? Kind.named(kind.asText()) : null;
        if (named == null) {
            throw new IllegalArgumentException(source + ": unknown model kind " + kind + "; \"kind\" must be one of "
                    + java.util.Arrays.stream(Kind.values()).map(k -> k.name).collect(Collectors.joining(", ")));
        }
        if (!allowed.contains(named)) {
            throw new IllegalArgumentException(source + ": wrong model kind: the file holds a " + named.name
                    + " model (\"kind\": " + kind + "), expected a " + names(allowed) + " model");
        }
        return named;
    }

    /** Wraps a model constructor's message so that it names the file (unless it does already). */
    private static IllegalArgumentException invalid(IllegalArgumentException e, ModelFields root, String kind) {
        if (e.getMessage() != null && e.getMessage().startsWith(root.source() + ":")) {
            return e;
        }
        return new IllegalArgumentException(root.source() + ": invalid " + kind + " model: " + e.getMessage(), e);
    }

    private static double[] weights(ModelFields root) {
        double[] weights = root.vector("weights", -1);
        if (weights.length < 1) {
            throw root.error("weights", "is empty; give one weight per component");
        }
        return weights;
    }

    // ---------------------------------------------------------------- reading

    private SavedModel readGmm(ModelFields root) {
        boolean mclust = root.has("covarianceModel");
        CovarianceModel model = null;
        CovarianceType type = null;
        if (mclust) {
            String name = root.text("covarianceModel");
            try {
                model = CovarianceModel.fromName(name);
            } catch (IllegalArgumentException e) {
                throw root.error("covarianceModel", "must be one of mclust's models EII VII EEI VEI EVI VVI EEE VEE"
                        + " EVE VVE EEV VEV EVV VVV, not \"" + name + "\"");
            }
        } else {
            String name = root.text("covarianceType");
            try {
                type = CovarianceType.fromName(name);
            } catch (IllegalArgumentException e) {
                throw root.error("covarianceType", "must be full, diag, spherical or tied, not \"" + name + "\"");
            }
        }
        double[] weights = weights(root);
        int k = weights.length;
        double[][] means = root.matrix("means", k, -1);
        int d = means[0].length;
        GaussianMixture mixture;
        try {
            if (mclust) {
                mixture = GaussianMixture.of(model, weights, means, root.cube("covariances", k, d, d));
            } else {
                Object covariances = root.covariances("covariances", type, k, d);
                mixture = GaussianMixture.of(type, weights, means, covariances);
            }
        } catch (IllegalArgumentException e) {
            throw invalid(e, root, "gmm");
        }
        return new SavedModel.Gmm(mixture, mclust, fit(root, Set.of("kind", "covarianceType", "covarianceModel",
                "weights", "means", "covariances")));
    }

    private SavedModel readHmm(ModelFields root) {
        String name = root.text("emission");
        EmissionCodec codec = codecs.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() ->
                root.error("emission", "must be " + String.join(", ", emissionNames()) + ", not \"" + name
                        + "\"; the emissions of a family of your own need its codec: read with"
                        + " ModelFiles.withCodec(codec)"));
        double[] start = root.vector("startProb", -1);
        int s = start.length;
        if (s < 1) {
            throw root.error("startProb", "is empty; give one start probability per state");
        }
        double[][] transitions = root.matrix("transitions", s, s);
        HmmParameters parameters;
        try {
            parameters = HmmParameters.of(start, transitions, codec.read(root, s));
        } catch (IllegalArgumentException e) {
            throw invalid(e, root, "hmm");
        }
        List<String> symbols = new ArrayList<>();
        JsonNode node = root.get("symbols");
        if (node != null) {
            if (!node.isArray()) {
                throw root.error("symbols", "must be an array of strings, one per symbol id");
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode symbol = node.get(i);
                if (!symbol.isTextual() || symbols.contains(symbol.asText())) {
                    throw new IllegalArgumentException(root.source() + ": \"symbols\"[" + i + "] is " + symbol
                            + "; \"symbols\" must hold distinct strings");
                }
                symbols.add(symbol.asText());
            }
        }
        Optional<FitSummary> fit = fit(root, Set.of("kind", "emission", "covarianceType", "startProb",
                "transitions", "emissions", "symbols"));
        try {
            return new SavedModel.Hmm(parameters, symbols, fit);
        } catch (IllegalArgumentException e) {
            throw root.error("symbols", "does not fit the model: " + e.getMessage());
        }
    }

    private SavedModel readFactor(ModelFields root, boolean isotropic) {
        double[] mean = root.vector("mean", -1);
        if (mean.length < 1) {
            throw root.error("mean", "is empty; give the d-dimensional mean");
        }
        double[][] loadings = root.matrix("loadings", mean.length, -1);
        try {
            if (isotropic) {
                FactorParameters p = FactorParameters.isotropic(mean, loadings, root.number("noiseVariance"));
                return new SavedModel.Ppca(p, fit(root, Set.of("kind", "mean", "loadings", "noiseVariance")));
            }
            FactorParameters p = FactorParameters.of(mean, loadings, root.vector("noiseVariances", mean.length));
            return new SavedModel.FactorAnalysis(p, fit(root, Set.of("kind", "mean", "loadings", "noiseVariances")));
        } catch (IllegalArgumentException e) {
            throw invalid(e, root, isotropic ? "ppca" : "factorAnalysis");
        }
    }

    private SavedModel readMfa(ModelFields root) {
        double[] weights = weights(root);
        int k = weights.length;
        double[][] means = root.matrix("means", k, -1);
        int d = means[0].length;
        double[][][] loadings = root.cube("loadings", k, d, -1);
        double[][] noise = root.matrix("noiseVariances", k, d);
        try {
            FactorAnalyserFamily family = FactorAnalyserFamily.factorAnalysers(loadings[0][0].length);
            MixtureParameters<FactorAnalysers> p = MixtureParameters.of(family, weights,
                    FactorAnalysers.of(means, loadings, noise));
            return new SavedModel.Mfa(p, fit(root, Set.of("kind", "weights", "means", "loadings", "noiseVariances")));
        } catch (IllegalArgumentException e) {
            throw invalid(e, root, "mfa");
        }
    }

    private SavedModel readLda(ModelFields root) {
        JsonNode termsNode = root.required("terms");
        if (!termsNode.isArray() || termsNode.isEmpty()) {
            throw root.error("terms", "must be a non-empty array of strings or integers, one per column of"
                    + " \"topicWord\"");
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
                throw new IllegalArgumentException(root.source() + ": \"terms\"[" + i + "] is " + t
                        + "; a term must be a string or an integer");
            }
        }
        if (new HashSet<>(terms).size() != terms.size()) {
            throw root.error("terms", "must be distinct; a term appears twice");
        }
        double[][] lambda = root.matrix("topicWord", -1, terms.size());
        double alpha = root.number("docTopicPrior");
        double eta = root.number("topicWordPrior");
        double tolerance = root.has("innerTolerance") ? root.number("innerTolerance")
                : LatentDirichletAllocation.DEFAULT_INNER_TOLERANCE;
        int cap = LatentDirichletAllocation.DEFAULT_MAX_INNER_ITERATIONS;
        JsonNode capNode = root.get("maxInnerIterations");
        if (capNode != null) {
            if (!capNode.canConvertToInt() || !capNode.isIntegralNumber()) {
                throw root.error("maxInnerIterations", "must be an integer >= 1, not " + capNode);
            }
            cap = capNode.intValue();
        }
        Optional<FitSummary> fit = fit(root, Set.of("kind", "terms", "topicWord", "docTopicPrior", "topicWordPrior",
                "innerTolerance", "maxInnerIterations"));
        try {
            return new SavedModel.Lda(LdaParameters.of(lambda, alpha, eta), terms, integers, tolerance, cap, fit);
        } catch (IllegalArgumentException e) {
            throw invalid(e, root, "lda");
        }
    }

    /** The fit summary when the file has {@code logLikelihood}; figures are the other numeric keys. */
    private static Optional<FitSummary> fit(ModelFields root, Set<String> modelKeys) {
        if (!root.has("logLikelihood")) {
            return Optional.empty();
        }
        double logLikelihood = root.number("logLikelihood");
        ImmutableDoubleArray trace = root.has("logLikelihoodTrace")
                ? ImmutableDoubleArray.copyOf(root.vector("logLikelihoodTrace", -1)) : ImmutableDoubleArray.of();
        int iterations = (int) integer(root, "iterations", 0);
        long eSteps = integer(root, "eSteps", 0);
        boolean converged = false;
        JsonNode convergedNode = root.get("converged");
        if (convergedNode != null) {
            if (!convergedNode.isBoolean()) {
                throw root.error("converged", "must be true or false, not " + convergedNode);
            }
            converged = convergedNode.booleanValue();
        }
        double seconds = root.has("fitSeconds") ? root.number("fitSeconds") : Double.NaN;
        long seed = integer(root, "seed", 0);
        int restarts = (int) integer(root, "restarts", 1);
        List<String> warnings = new ArrayList<>();
        JsonNode warningsNode = root.get("warnings");
        if (warningsNode != null) {
            if (!warningsNode.isArray()) {
                throw root.error("warnings", "must be an array of strings");
            }
            for (int i = 0; i < warningsNode.size(); i++) {
                if (!warningsNode.get(i).isTextual()) {
                    throw new IllegalArgumentException(root.source() + ": \"warnings\"[" + i + "] must be a string");
                }
                warnings.add(warningsNode.get(i).asText());
            }
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        root.node().fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (!modelKeys.contains(key) && !FitSummary.KEYS.contains(key) && value.isNumber()) {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    figures.put(key, value.longValue());
                } else {
                    figures.put(key, Json.number(value, root.source(), root.where(key)));
                }
            }
        });
        return Optional.of(new FitSummary(logLikelihood, trace, iterations, eSteps, converged, seconds, seed,
                restarts, warnings, figures));
    }

    private static long integer(ModelFields root, String key, long absent) {
        JsonNode node = root.get(key);
        if (node == null) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw root.error(key, "must be an integer, not " + node);
        }
        return node.longValue();
    }

    // ---------------------------------------------------------------- writing

    private EmissionCodec codecFor(Emission emission) {
        Objects.requireNonNull(emission, "emission");
        for (EmissionCodec codec : codecs) {
            if (codec.writes(emission)) {
                return codec;
            }
        }
        throw new IllegalArgumentException("no emission codec writes " + emission.getClass().getName()
                + " (registered: " + String.join(", ", emissionNames()) + "); register the family's codec with"
                + " ModelFiles.withCodec(codec)");
    }

    private ObjectNode tree(SavedModel model) {
        ObjectNode root = Json.object();
        ModelFieldsWriter out = new ModelFieldsWriter(root);
        out.put("kind", model.kind());
        if (model instanceof SavedModel.Gmm gmm) {
            GaussianMixture mixture = gmm.mixture();
            if (gmm.writesMclustForm()) {
                out.put("covarianceModel", mixture.covarianceModel().name());
                out.put("weights", mixture.weights());
                out.put("means", mixture.means());
                out.put("covariances", mixture.fullCovariances());
            } else {
                out.put("covarianceType", mixture.covarianceType().jsonName());
                out.put("weights", mixture.weights());
                out.put("means", mixture.means());
                out.putCovariances("covariances", mixture.nativeCovariances());
            }
        } else if (model instanceof SavedModel.Hmm hmm) {
            HmmParameters p = hmm.parameters();
            out.put("startProb", p.startProbabilities().toArray());
            out.put("transitions", p.transitions().toArray());
            EmissionCodec codec = codecFor(p.emission());
            out.put("emission", codec.name());
            codec.write(p.emission(), out);
            if (!hmm.symbols().isEmpty()) {
                ArrayNode symbols = root.putArray("symbols");
                hmm.symbols().forEach(symbols::add);
            }
        } else if (model instanceof SavedModel.FactorAnalysis fa) {
            out.put("mean", fa.parameters().mean());
            out.put("loadings", fa.parameters().loadings().toArray());
            out.put("noiseVariances", fa.parameters().noiseVariances());
        } else if (model instanceof SavedModel.Ppca ppca) {
            out.put("mean", ppca.parameters().mean());
            out.put("loadings", ppca.parameters().loadings().toArray());
            out.put("noiseVariance", ppca.parameters().noiseVariance());
        } else if (model instanceof SavedModel.Mfa mfa) {
            FactorAnalysers set = mfa.parameters().components();
            int k = set.components();
            double[][] means = new double[k][];
            double[][][] loadings = new double[k][][];
            double[][] noise = new double[k][];
            for (int j = 0; j < k; j++) {
                means[j] = set.mean(j);
                loadings[j] = set.loadings(j).toArray();
                noise[j] = set.noiseVariances(j);
            }
            out.put("weights", mfa.parameters().weights().toArray());
            out.put("means", means);
            out.put("loadings", loadings);
            out.put("noiseVariances", noise);
        } else {
            SavedModel.Lda lda = (SavedModel.Lda) model;
            ArrayNode terms = root.putArray("terms");
            for (String term : lda.terms()) {
                if (lda.integerTerms()) {
                    terms.add(Long.parseLong(term));
                } else {
                    terms.add(term);
                }
            }
            out.put("topicWord", lda.parameters().topicWord());
            out.put("docTopicPrior", lda.parameters().docTopicPrior());
            out.put("topicWordPrior", lda.parameters().topicWordPrior());
        }
        Optional<FitSummary> fit = model.fit();
        fit.ifPresent(f -> f.figures().forEach((key, value) -> {
            if (root.has(key)) {
                throw new IllegalArgumentException("figure \"" + key + "\" is a key of the " + model.kind()
                        + " model itself; choose another name");
            }
            if (value instanceof Long l) {
                root.put(key, l);
            } else {
                root.put(key, value.doubleValue());
            }
        }));
        if (model instanceof SavedModel.Lda lda) {
            out.put("innerTolerance", lda.innerTolerance());
            root.put("maxInnerIterations", lda.maxInnerIterations());
        }
        fit.ifPresent(f -> {
            root.put("logLikelihood", f.logLikelihood());
            root.set("logLikelihoodTrace", Json.array(f.trace().toArray()));
            root.put("iterations", f.iterations());
            root.put("eSteps", f.eSteps());
            root.put("converged", f.converged());
            if (!Double.isNaN(f.fitSeconds())) {
                root.put("fitSeconds", f.fitSeconds());
            }
            root.put("seed", f.seed());
            root.put("restarts", f.restarts());
            ArrayNode warnings = root.putArray("warnings");
            f.warnings().forEach(warnings::add);
        });
        return root;
    }
}
