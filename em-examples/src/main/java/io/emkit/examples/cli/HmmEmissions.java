package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureSet;
import io.emkit.discrete.PoissonFamily;
import io.emkit.examples.usermodel.BernoulliFamily;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianComponents;
import io.emkit.gmm.GaussianFamily;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.Emission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.GaussianEmission;
import java.util.Locale;

/**
 * The emission families of {@code em hmm}: their {@code --emission} names, how each is built from the
 * flags, and each one's model-file form. Gaussian covariances are stored in their native shape
 * (full {@code [S][d][d]}, diag {@code [S][d]}, spherical {@code [S]}, tied {@code [d][d]}) with a
 * top-level {@code "covarianceType"}; a GMM-HMM writes {@code "weights": [S][M], "means": [S][M][d],
 * "covariances": [S][M][d][d]} (the CLI contract); the Bernoulli family is the user-written
 * example family, used here as any user's own family would be.
 */
enum HmmEmissions {
    CATEGORICAL("categorical"),
    GAUSSIAN("gaussian"),
    GMM("gmm"),
    POISSON("poisson"),
    BERNOULLI("bernoulli");

    final String cliName;

    HmmEmissions(String cliName) {
        this.cliName = cliName;
    }

    /** Parses an {@code --emission} value or a model file's {@code "emission"}. */
    static HmmEmissions parse(String name, String where) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        for (HmmEmissions kind : values()) {
            if (kind.cliName.equals(lower)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(where + " must be categorical, gaussian, gmm, poisson or bernoulli, not \""
                + name + "\"");
    }

    /** The kind of given emissions. */
    static HmmEmissions of(Emission emission) {
        if (emission instanceof CategoricalEmission) {
            return CATEGORICAL;
        }
        if (emission instanceof GaussianEmission) {
            return GAUSSIAN;
        }
        Object components = ((FamilyEmission<?, ?>) emission).components();
        if (components instanceof MixtureSet<?>) {
            return GMM;
        }
        if (components instanceof PoissonFamily.Rates) {
            return POISSON;
        }
        if (components instanceof BernoulliFamily.Components) {
            return BERNOULLI;
        }
        throw new IllegalArgumentException("no model-file form for emissions " + emission);
    }

    /** Whether observations are symbols (one integer per step) rather than vectors. */
    boolean symbols() {
        return this == CATEGORICAL;
    }

    /**
     * The family for a fit.
     *
     * @param symbols alphabet size (categorical)
     * @param type covariance structure (gaussian, gmm)
     * @param perState mixture components per state (gmm)
     * @param regCovar covariance ridge (gaussian, gmm)
     * @param randomStart gaussian means at random observations instead of k-means centres
     */
    EmissionFamily family(int symbols, CovarianceType type, int perState, double regCovar, boolean randomStart) {
        switch (this) {
            case CATEGORICAL:
                return EmissionFamily.categorical(symbols);
            case GAUSSIAN:
                return EmissionFamily.gaussian(type, regCovar, randomStart
                        ? EmissionFamily.GaussianStart.RANDOM_OBSERVATIONS : EmissionFamily.GaussianStart.KMEANS);
            case GMM:
                return EmissionFamily.gmm(type, perState, regCovar);
            case POISSON:
                return EmissionFamily.poisson();
            case BERNOULLI:
            default:
                return EmissionFamily.of(new BernoulliFamily());
        }
    }

    /** The dimension of one observation of these emissions. */
    static int dimension(Emission emission) {
        return ((FamilyEmission<?, ?>) emission).dimension();
    }

    /** Writes the emissions into a model object: {@code "emission"}, maybe {@code "covarianceType"}, {@code "emissions"}. */
    static void write(Emission emission, ObjectNode root) {
        HmmEmissions kind = of(emission);
        root.put("emission", kind.cliName);
        ObjectNode out = JsonTree.object();
        switch (kind) {
            case CATEGORICAL:
                out.set("probs", JsonTree.array(((CategoricalEmission) emission).toArray()));
                break;
            case GAUSSIAN: {
                GaussianComponents c = ((GaussianEmission) emission).components();
                root.put("covarianceType", c.type().jsonName());
                out.set("means", JsonTree.array(c.means()));
                out.set("covariances", nativeArray(c.nativeCovariances()));
                break;
            }
            case GMM: {
                MixtureSet<?> set = (MixtureSet<?>) ((FamilyEmission<?, ?>) emission).components();
                GaussianComponents inner = (GaussianComponents) set.inner();
                root.put("covarianceType", inner.type().jsonName());
                int s = set.states();
                int m = set.perState();
                out.set("weights", JsonTree.array(set.weights()));
                ArrayNode means = out.putArray("means");
                ArrayNode covariances = out.putArray("covariances");
                for (int i = 0; i < s; i++) {
                    double[][] mu = new double[m][];
                    double[][][] sigma = new double[m][][];
                    for (int j = 0; j < m; j++) {
                        mu[j] = inner.mean(i * m + j);
                        sigma[j] = inner.covariance(i * m + j).toArray();
                    }
                    means.add(JsonTree.array(mu));
                    covariances.add(JsonTree.array(sigma));
                }
                break;
            }
            case POISSON:
                out.set("rates", JsonTree.array(((PoissonFamily.Rates) ((FamilyEmission<?, ?>) emission)
                        .components()).toArray()));
                break;
            case BERNOULLI:
            default: {
                @SuppressWarnings("unchecked")
                FamilyEmission<BernoulliFamily.Components, ?> bernoulli =
                        (FamilyEmission<BernoulliFamily.Components, ?>) emission;
                BernoulliFamily.Components c = bernoulli.components();
                int k = bernoulli.states();
                int d = bernoulli.dimension();
                double[][] p = new double[k][d];
                for (int j = 0; j < k; j++) {
                    for (int a = 0; a < d; a++) {
                        p[j][a] = c.get(j, a);
                    }
                }
                out.set("probabilities", JsonTree.array(p));
            }
        }
        root.set("emissions", out);
    }

    private static JsonNode nativeArray(Object covariances) {
        if (covariances instanceof double[][][] c) {
            return JsonTree.array(c);
        }
        if (covariances instanceof double[][] c) {
            return JsonTree.array(c);
        }
        return JsonTree.array((double[]) covariances);
    }

    /** Reads {@code "emissions"} of S states (the covariance type from the root, full if absent). */
    Emission read(ObjectNode root, JsonNode emissions, int s, String source) {
        switch (this) {
            case CATEGORICAL:
                return CategoricalEmission.of(JsonTree.matrix(JsonTree.field(emissions, "probs", source, "emissions."),
                        s, -1, source, "\"emissions.probs\""));
            case GAUSSIAN: {
                CovarianceType type = covarianceType(root);
                double[][] means = JsonTree.matrix(JsonTree.field(emissions, "means", source, "emissions."), s, -1,
                        source, "\"emissions.means\"");
                int d = means[0].length;
                JsonNode cov = JsonTree.field(emissions, "covariances", source, "emissions.");
                String where = "\"emissions.covariances\"";
                Object covariances;
                switch (type) {
                    case FULL:
                        covariances = JsonTree.cube(cov, s, d, source, where);
                        break;
                    case DIAGONAL:
                        covariances = JsonTree.matrix(cov, s, d, source, where);
                        break;
                    case SPHERICAL:
                        covariances = JsonTree.vector(cov, s, source, where);
                        break;
                    case TIED:
                    default:
                        covariances = JsonTree.matrix(cov, d, d, source, where);
                }
                return GaussianEmission.of(GaussianComponents.of(type, means, covariances));
            }
            case GMM: {
                CovarianceType type = covarianceType(root);
                double[][] weights = JsonTree.matrix(JsonTree.field(emissions, "weights", source, "emissions."), s, -1,
                        source, "\"emissions.weights\"");
                int m = weights[0].length;
                JsonNode meansNode = JsonTree.field(emissions, "means", source, "emissions.");
                JsonNode covNode = JsonTree.field(emissions, "covariances", source, "emissions.");
                if (!meansNode.isArray() || meansNode.size() != s || !covNode.isArray() || covNode.size() != s) {
                    throw new IllegalArgumentException(source + ": \"emissions.means\" and \"emissions.covariances\""
                            + " must hold one entry per state (" + s + ")");
                }
                double[][] means = new double[s * m][];
                double[][][] covariances = new double[s * m][][];
                for (int i = 0; i < s; i++) {
                    double[][] mu = JsonTree.matrix(meansNode.get(i), m, -1, source, "\"emissions.means[" + i + "]\"");
                    double[][][] sigma = JsonTree.cube(covNode.get(i), m, mu[0].length, source,
                            "\"emissions.covariances[" + i + "]\"");
                    for (int j = 0; j < m; j++) {
                        means[i * m + j] = mu[j];
                        covariances[i * m + j] = sigma[j];
                    }
                }
                GaussianComponents full = GaussianComponents.of(CovarianceType.FULL, means, covariances);
                GaussianComponents inner = full.reshaped(type);
                GaussianFamily family = GaussianFamily.of(type, GaussianFamily.DEFAULT_REG_COVAR);
                return FamilyEmission.of(MixtureFamily.of(family, m), MixtureSet.of(family, weights, inner));
            }
            case POISSON:
                return FamilyEmission.of(PoissonFamily.INSTANCE, PoissonFamily.Rates.of(JsonTree.matrix(
                        JsonTree.field(emissions, "rates", source, "emissions."), s, -1, source,
                        "\"emissions.rates\"")));
            case BERNOULLI:
            default: {
                double[][] p = JsonTree.matrix(JsonTree.field(emissions, "probabilities", source, "emissions."), s, -1,
                        source, "\"emissions.probabilities\"");
                int d = p[0].length;
                double[] flat = new double[s * d];
                for (int j = 0; j < s; j++) {
                    System.arraycopy(p[j], 0, flat, j * d, d);
                }
                BernoulliFamily family = new BernoulliFamily();
                return FamilyEmission.of(family, new BernoulliFamily.Components(s, d, flat));
            }
        }
    }

    private static CovarianceType covarianceType(ObjectNode root) {
        JsonNode type = root.get("covarianceType");
        return type == null || type.isNull() ? CovarianceType.FULL : CovarianceType.fromName(type.asText());
    }
}
