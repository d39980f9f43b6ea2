package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.core.numeric.Matrix;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.Gaussian;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.Emission;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The model files of the {@code em} tool (what {@code --init} and {@code --model} read and
 * {@code --out} writes), as JSON with nested arrays in math order:
 *
 * <pre>
 * GMM: {"kind":"gmm","covarianceType":"full|diag|spherical|tied","weights":[k],"means":[k][d],
 *       "covariances": full [k][d][d] | diag [k][d] | spherical [k] | tied [d][d]}
 * HMM: {"kind":"hmm","emission":"categorical|gaussian|gmm|poisson|bernoulli","startProb":[S],
 *       "transitions":[S][S],"emissions":{...}} with the emission forms of {@link HmmEmissions}
 * </pre>
 *
 * A fit adds {@code logLikelihood}, {@code logLikelihoodTrace}, {@code iterations},
 * {@code converged}, {@code fitSeconds} and {@code warnings}; readers ignore fields they do not
 * know. A file without {@code "kind"} is accepted; a file of the other kind is an error. Doubles are
 * written so they read back to the same double.
 */
public final class ModelJson {

    private ModelJson() {}

    /**
     * Reads a Gaussian mixture file.
     *
     * @param path the file
     * @return the mixture
     * @throws IllegalArgumentException if the file is missing, not JSON, of another kind, or its
     *     arrays have wrong shapes or invalid values (the message names the file and field)
     */
    public static GaussianMixture readGmm(Path path) {
        ObjectNode root = JsonTree.read(path);
        return gmm(root, path.toString());
    }

    /**
     * Reads a hidden Markov model file.
     *
     * @param path the file
     * @return the parameters
     * @throws IllegalArgumentException as {@link #readGmm}
     */
    public static HmmParameters readHmm(Path path) {
        ObjectNode root = JsonTree.read(path);
        return hmm(root, path.toString());
    }

    /**
     * A mixture from a parsed file.
     *
     * @param root the JSON object
     * @param source the file name for messages
     * @return the mixture
     * @throws IllegalArgumentException as {@link #readGmm}
     */
    public static GaussianMixture gmm(ObjectNode root, String source) {
        checkKind(root, "gmm", source);
        if (root.has("covarianceModel")) {
            return mclustGmm(root, source);
        }
        CovarianceType type = CovarianceType.fromName(JsonTree.text(root, "covarianceType", source));
        double[] weights = JsonTree.vector(JsonTree.field(root, "weights", source, ""), -1, source, "\"weights\"");
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException(source + ": \"weights\" is empty");
        }
        double[][] means = JsonTree.matrix(JsonTree.field(root, "means", source, ""), k, -1, source, "\"means\"");
        int d = means[0].length;
        JsonNode covariances = JsonTree.field(root, "covariances", source, "");
        String where = "\"covariances\"";
        try {
            switch (type) {
                case FULL:
                    return GaussianMixture.full(weights, means, JsonTree.cube(covariances, k, d, source, where));
                case DIAGONAL:
                    return GaussianMixture.diagonal(weights, means, JsonTree.matrix(covariances, k, d, source, where));
                case SPHERICAL:
                    return GaussianMixture.spherical(weights, means, JsonTree.vector(covariances, k, source, where));
                case TIED:
                default:
                    return GaussianMixture.tied(weights, means, JsonTree.matrix(covariances, d, d, source, where));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": invalid mixture: " + e.getMessage(), e);
        }
    }

    /**
     * HMM parameters from a parsed file.
     *
     * @param root the JSON object
     * @param source the file name for messages
     * @return the parameters
     * @throws IllegalArgumentException as {@link #readGmm}
     */
    public static HmmParameters hmm(ObjectNode root, String source) {
        checkKind(root, "hmm", source);
        String emission = JsonTree.text(root, "emission", source);
        double[] start = JsonTree.vector(JsonTree.field(root, "startProb", source, ""), -1, source, "\"startProb\"");
        int s = start.length;
        if (s < 1) {
            throw new IllegalArgumentException(source + ": \"startProb\" is empty");
        }
        double[][] transitions = JsonTree.matrix(JsonTree.field(root, "transitions", source, ""), s, s, source,
                "\"transitions\"");
        JsonNode emissions = JsonTree.field(root, "emissions", source, "");
        try {
            Emission parsed = HmmEmissions.parse(emission, source + ": \"emission\"").read(root, emissions, s, source);
            return HmmParameters.of(start, transitions, parsed);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
                throw e;
            }
            throw new IllegalArgumentException(source + ": invalid hidden Markov model: " + e.getMessage(), e);
        }
    }

    /** A mixture of one of mclust's models: "covarianceModel": NAME and full [k][d][d] covariances. */
    private static GaussianMixture mclustGmm(ObjectNode root, String source) {
        CovarianceModel model;
        try {
            model = CovarianceModel.fromName(JsonTree.text(root, "covarianceModel", source));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": \"covarianceModel\": " + e.getMessage(), e);
        }
        double[] weights = JsonTree.vector(JsonTree.field(root, "weights", source, ""), -1, source, "\"weights\"");
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException(source + ": \"weights\" is empty");
        }
        double[][] means = JsonTree.matrix(JsonTree.field(root, "means", source, ""), k, -1, source, "\"means\"");
        int d = means[0].length;
        double[][][] cube = JsonTree.cube(JsonTree.field(root, "covariances", source, ""), k, d, source,
                "\"covariances\"");
        try {
            return GaussianMixture.of(model, weights, means, cube);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The JSON of a mixture. A mixture of one of mclust's models that is not a scikit-learn type
     * (or any mixture when {@code mclust} is set) carries {@code "covarianceModel": NAME} and full
     * {@code [k][d][d]} covariances.
     *
     * @param mixture the mixture
     * @param mclust whether to write the mclust form even for VVV, VVI, VII and EEE
     * @return a new object
     */
    public static ObjectNode toJson(GaussianMixture mixture, boolean mclust) {
        if (!mclust && mixture.covarianceModel().alias() != null) {
            return toJson(mixture);
        }
        ObjectNode root = JsonTree.object();
        root.put("kind", "gmm");
        root.put("covarianceModel", mixture.covarianceModel().name());
        root.set("weights", JsonTree.array(mixture.weights()));
        root.set("means", JsonTree.array(mixture.means()));
        root.set("covariances", JsonTree.array(mixture.fullCovariances()));
        return root;
    }

    /**
     * The JSON of a mixture.
     *
     * @param mixture the mixture
     * @return a new object
     */
    public static ObjectNode toJson(GaussianMixture mixture) {
        ObjectNode root = JsonTree.object();
        root.put("kind", "gmm");
        root.put("covarianceType", mixture.covarianceType().jsonName());
        root.set("weights", JsonTree.array(mixture.weights()));
        root.set("means", JsonTree.array(mixture.means()));
        Object covariances = mixture.nativeCovariances();
        if (covariances instanceof double[][][] cube) {
            root.set("covariances", JsonTree.array(cube));
        } else if (covariances instanceof double[][] matrix) {
            root.set("covariances", JsonTree.array(matrix));
        } else {
            root.set("covariances", JsonTree.array((double[]) covariances));
        }
        return root;
    }

    /**
     * The JSON of HMM parameters, emissions in the forms of {@link HmmEmissions} (Gaussian
     * covariances in their native shape).
     *
     * @param parameters the parameters
     * @return a new object
     * @throws IllegalArgumentException for an emission family the file format does not cover
     */
    public static ObjectNode toJson(HmmParameters parameters) {
        ObjectNode root = JsonTree.object();
        root.put("kind", "hmm");
        root.set("startProb", JsonTree.array(parameters.startProbabilities().toArray()));
        root.set("transitions", JsonTree.array(parameters.transitions().toArray()));
        HmmEmissions.write(parameters.emission(), root);
        return root;
    }

    /**
     * A categorical model's string alphabet: its {@code "symbols"} list, or null when it has none
     * (integer symbols 0..m-1).
     *
     * @param path the model file
     * @return the symbols in id order, or null
     * @throws IllegalArgumentException if the list is not an array of distinct strings
     */
    public static List<String> readSymbols(Path path) {
        return symbols(JsonTree.read(path), path.toString());
    }

    /**
     * A parsed model's string alphabet: its {@code "symbols"} list, or null when it has none.
     *
     * @param root the model object
     * @param source the file name for messages
     * @return the symbols in id order, or null
     * @throws IllegalArgumentException if the list is not an array of distinct strings
     */
    public static List<String> symbols(ObjectNode root, String source) {
        JsonNode symbols = root.get("symbols");
        if (symbols == null || symbols.isNull()) {
            return null;
        }
        if (!symbols.isArray()) {
            throw new IllegalArgumentException(source + ": \"symbols\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : symbols) {
            if (!s.isTextual() || out.contains(s.asText())) {
                throw new IllegalArgumentException(source + ": \"symbols\" must hold distinct strings; " + s
                        + " is not");
            }
            out.add(s.asText());
        }
        return out;
    }

    /**
     * Adds a categorical model's string alphabet as {@code "symbols"} (nothing for integer symbols).
     *
     * @param root the model object. Modified.
     * @param symbols the alphabet in id order, or null
     * @return {@code root}
     */
    public static ObjectNode withSymbols(ObjectNode root, List<String> symbols) {
        if (symbols != null) {
            com.fasterxml.jackson.databind.node.ArrayNode array = root.putArray("symbols");
            symbols.forEach(array::add);
        }
        return root;
    }

    /**
     * Adds a fit's record to a model object: {@code logLikelihood}, {@code logLikelihoodTrace},
     * {@code iterations}, {@code eSteps} (E-steps done), {@code converged}, {@code fitSeconds}, {@code restarts}, {@code seed} and
     * {@code warnings}.
     *
     * @param root the model object. Modified.
     * @param result the fit
     * @return {@code root}
     */
    public static ObjectNode addFit(ObjectNode root, EmResult<?> result) {
        root.put("logLikelihood", result.logLikelihood());
        root.set("logLikelihoodTrace", JsonTree.array(result.trace().toArray()));
        root.put("iterations", result.iterations());
        root.put("eSteps", result.eSteps());
        root.put("converged", result.converged());
        root.put("fitSeconds", result.elapsed().toNanos() / 1e9);
        root.put("seed", result.options().seed());
        root.put("restarts", result.options().restarts());
        ArrayNode warnings = root.putArray("warnings");
        for (FitWarning warning : result.warnings()) {
            warnings.add(warning.message());
        }
        return root;
    }

    /**
     * Writes a model object to a file.
     *
     * @param root the object
     * @param path the file, replaced
     * @throws IllegalArgumentException if it cannot be written
     */
    public static void write(ObjectNode root, Path path) {
        JsonTree.write(root, path);
    }

    /**
     * A model object as text, ending in a newline.
     *
     * @param root the object
     * @return the JSON text
     */
    public static String toText(ObjectNode root) {
        return JsonTree.write(root);
    }

    private static void checkKind(ObjectNode root, String expected, String source) {
        JsonNode kind = root.get("kind");
        if (kind == null || kind.isNull()) {
            return;
        }
        if (!kind.isTextual() || !kind.asText().equals(expected)) {
            String other = kind.isTextual() ? "a " + kind.asText() : kind.toString();
            throw new IllegalArgumentException(source + ": wrong model kind: the file holds " + other
                    + " model (\"kind\": " + kind + "), expected a " + expected + " model");
        }
    }
}
