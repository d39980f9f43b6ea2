package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.latent.factor.FactorAnalyserFamily;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorParameters;
import java.nio.file.Path;

/**
 * The model files of {@code em fa}, {@code em ppca} and {@code em mfa} (CLI.md "Latent linear models"):
 *
 * <pre>
 * fa:   {"kind":"factorAnalysis","mean":[d],"loadings":[d][q],"noiseVariances":[d]}
 * ppca: {"kind":"ppca","mean":[d],"loadings":[d][q],"noiseVariance":s2}
 * mfa:  {"kind":"mfa","weights":[k],"means":[k][d],"loadings":[k][d][q],"noiseVariances":[k][d]}
 * </pre>
 *
 * plus the fit's record ({@code logLikelihood}, ...). Readers ignore fields they do not know; a file
 * without {@code "kind"} is accepted.
 */
final class FactorJson {

    private FactorJson() {}

    static ObjectNode toJson(FactorParameters p) {
        ObjectNode root = JsonTree.object();
        root.put("kind", p.isIsotropic() ? "ppca" : "factorAnalysis");
        root.set("mean", JsonTree.array(p.mean()));
        root.set("loadings", JsonTree.array(p.loadings().toArray()));
        if (p.isIsotropic()) {
            root.put("noiseVariance", p.noiseVariance());
        } else {
            root.set("noiseVariances", JsonTree.array(p.noiseVariances()));
        }
        return root;
    }

    static ObjectNode toJson(MixtureParameters<FactorAnalysers> p) {
        FactorAnalysers set = p.components();
        int k = set.components();
        double[][] means = new double[k][];
        double[][][] loadings = new double[k][][];
        double[][] noise = new double[k][];
        for (int j = 0; j < k; j++) {
            means[j] = set.mean(j);
            loadings[j] = set.loadings(j).toArray();
            noise[j] = set.noiseVariances(j);
        }
        ObjectNode root = JsonTree.object();
        root.put("kind", "mfa");
        root.set("weights", JsonTree.array(p.weights().toArray()));
        root.set("means", JsonTree.array(means));
        root.set("loadings", JsonTree.array(loadings));
        root.set("noiseVariances", JsonTree.array(noise));
        return root;
    }

    /** Reads an fa (isotropic = false) or ppca (true) file. */
    static FactorParameters readSingle(Path path, boolean isotropic) {
        ObjectNode root = JsonTree.read(path);
        String source = path.toString();
        checkKind(root, isotropic ? "ppca" : "factorAnalysis", source);
        double[] mean = JsonTree.vector(JsonTree.field(root, "mean", source, ""), -1, source, "\"mean\"");
        double[][] loadings = JsonTree.matrix(JsonTree.field(root, "loadings", source, ""), mean.length, -1, source,
                "\"loadings\"");
        try {
            if (isotropic) {
                double s2 = JsonTree.number(JsonTree.field(root, "noiseVariance", source, ""), source,
                        "\"noiseVariance\"");
                return FactorParameters.isotropic(mean, loadings, s2);
            }
            double[] noise = JsonTree.vector(JsonTree.field(root, "noiseVariances", source, ""), mean.length, source,
                    "\"noiseVariances\"");
            return FactorParameters.of(mean, loadings, noise);
        } catch (IllegalArgumentException e) {
            throw invalid(e, source);
        }
    }

    static MixtureParameters<FactorAnalysers> readMixture(Path path, FactorAnalyserFamily family) {
        ObjectNode root = JsonTree.read(path);
        String source = path.toString();
        checkKind(root, "mfa", source);
        double[] weights = JsonTree.vector(JsonTree.field(root, "weights", source, ""), -1, source, "\"weights\"");
        int k = weights.length;
        if (k < 1) {
            throw new IllegalArgumentException(source + ": \"weights\" is empty");
        }
        double[][] means = JsonTree.matrix(JsonTree.field(root, "means", source, ""), k, -1, source, "\"means\"");
        int d = means[0].length;
        JsonNode loadingsNode = JsonTree.field(root, "loadings", source, "");
        if (!loadingsNode.isArray() || loadingsNode.size() != k) {
            throw new IllegalArgumentException(source + ": \"loadings\" must be an array of " + k + " matrices");
        }
        double[][][] loadings = new double[k][][];
        for (int j = 0; j < k; j++) {
            loadings[j] = JsonTree.matrix(loadingsNode.get(j), d, -1, source, "\"loadings\"[" + j + "]");
        }
        double[][] noise = JsonTree.matrix(JsonTree.field(root, "noiseVariances", source, ""), k, d, source,
                "\"noiseVariances\"");
        try {
            return MixtureParameters.of(family, weights, FactorAnalysers.of(means, loadings, noise));
        } catch (IllegalArgumentException e) {
            throw invalid(e, source);
        }
    }

    private static IllegalArgumentException invalid(IllegalArgumentException e, String source) {
        if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
            return e;
        }
        return new IllegalArgumentException(source + ": invalid model: " + e.getMessage(), e);
    }

    private static void checkKind(ObjectNode root, String expected, String source) {
        JsonNode kind = root.get("kind");
        if (kind == null || kind.isNull()) {
            return;
        }
        if (!kind.isTextual() || !kind.asText().equals(expected)) {
            throw new IllegalArgumentException(source + ": wrong model kind: the file holds " + kind
                    + ", expected \"" + expected + "\"");
        }
    }
}
