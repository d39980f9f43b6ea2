package io.emkit.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureSet;
import io.emkit.discrete.PoissonFamily;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianComponents;
import io.emkit.gmm.GaussianFamily;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.Emission;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.GaussianEmission;
import java.util.List;

/**
 * The emission codecs emkit ships (CLI.md "HMM"): categorical {@code "emissions": {"probs": [S][m]}};
 * gaussian with a top-level {@code "covarianceType"} and {@code {"means": [S][d], "covariances": NATIVE}}
 * (full {@code [S][d][d]}, diag {@code [S][d]}, spherical {@code [S]}, tied {@code [d][d]}); gmm with
 * {@code "covarianceType"} and {@code {"weights": [S][M], "means": [S][M][d], "covariances": [S][M][d][d]}};
 * poisson {@code {"rates": [S][d]}}.
 */
final class BuiltInEmissions {

    private BuiltInEmissions() {}

    static final List<EmissionCodec> ALL = List.of(new Categorical(), new Gaussian(), new Gmm(), new Poisson());

    private static final class Categorical implements EmissionCodec {
        @Override
        public String name() {
            return "categorical";
        }

        @Override
        public boolean writes(Emission emission) {
            return emission instanceof CategoricalEmission;
        }

        @Override
        public void write(Emission emission, ModelFieldsWriter model) {
            model.object("emissions").put("probs", ((CategoricalEmission) emission).toArray());
        }

        @Override
        public Emission read(ModelFields model, int states) {
            return CategoricalEmission.of(model.object("emissions").matrix("probs", states, -1));
        }
    }

    private static final class Gaussian implements EmissionCodec {
        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public boolean writes(Emission emission) {
            return emission instanceof GaussianEmission;
        }

        @Override
        public void write(Emission emission, ModelFieldsWriter model) {
            GaussianComponents c = ((GaussianEmission) emission).components();
            model.put("covarianceType", c.type().jsonName());
            ModelFieldsWriter out = model.object("emissions");
            out.put("means", c.means());
            out.putCovariances("covariances", c.nativeCovariances());
        }

        @Override
        public Emission read(ModelFields model, int states) {
            CovarianceType type = covarianceType(model);
            ModelFields emissions = model.object("emissions");
            double[][] means = emissions.matrix("means", states, -1);
            int d = means[0].length;
            Object covariances = emissions.covariances("covariances", type, states, d);
            return GaussianEmission.of(GaussianComponents.of(type, means, covariances));
        }
    }

    private static final class Gmm implements EmissionCodec {
        @Override
        public String name() {
            return "gmm";
        }

        @Override
        public boolean writes(Emission emission) {
            return emission instanceof FamilyEmission<?, ?> family && family.components() instanceof MixtureSet<?> set
                    && set.inner() instanceof GaussianComponents;
        }

        @Override
        public void write(Emission emission, ModelFieldsWriter model) {
            MixtureSet<?> set = (MixtureSet<?>) ((FamilyEmission<?, ?>) emission).components();
            GaussianComponents inner = (GaussianComponents) set.inner();
            model.put("covarianceType", inner.type().jsonName());
            int s = set.states();
            int m = set.perState();
            ModelFieldsWriter out = model.object("emissions");
            out.put("weights", set.weights());
            ArrayNode means = out.node().putArray("means");
            ArrayNode covariances = out.node().putArray("covariances");
            for (int i = 0; i < s; i++) {
                double[][] mu = new double[m][];
                double[][][] sigma = new double[m][][];
                for (int j = 0; j < m; j++) {
                    mu[j] = inner.mean(i * m + j);
                    sigma[j] = inner.covariance(i * m + j).toArray();
                }
                means.add(Json.array(mu));
                covariances.add(Json.array(sigma));
            }
        }

        @Override
        public Emission read(ModelFields model, int s) {
            CovarianceType type = covarianceType(model);
            ModelFields emissions = model.object("emissions");
            double[][] weights = emissions.matrix("weights", s, -1);
            int m = weights[0].length;
            JsonNode meansNode = emissions.required("means");
            JsonNode covNode = emissions.required("covariances");
            String source = model.source();
            if (!meansNode.isArray() || meansNode.size() != s) {
                throw emissions.error("means", "must hold one [M][d] array per state (" + s + ")");
            }
            if (!covNode.isArray() || covNode.size() != s) {
                throw emissions.error("covariances", "must hold one [M][d][d] array per state (" + s + ")");
            }
            double[][] means = new double[s * m][];
            double[][][] covariances = new double[s * m][][];
            int d = -1;
            for (int i = 0; i < s; i++) {
                double[][] mu = Json.matrix(meansNode.get(i), m, d, source, emissions.where("means") + "[" + i + "]");
                d = mu[0].length;
                double[][][] sigma = Json.cube(covNode.get(i), m, d, d, source,
                        emissions.where("covariances") + "[" + i + "]");
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
    }

    private static final class Poisson implements EmissionCodec {
        @Override
        public String name() {
            return "poisson";
        }

        @Override
        public boolean writes(Emission emission) {
            return emission instanceof FamilyEmission<?, ?> family && family.components() instanceof PoissonFamily.Rates;
        }

        @Override
        public void write(Emission emission, ModelFieldsWriter model) {
            model.object("emissions").put("rates",
                    ((PoissonFamily.Rates) ((FamilyEmission<?, ?>) emission).components()).toArray());
        }

        @Override
        public Emission read(ModelFields model, int states) {
            return FamilyEmission.of(PoissonFamily.INSTANCE,
                    PoissonFamily.Rates.of(model.object("emissions").matrix("rates", states, -1)));
        }
    }

    /** The top-level {@code "covarianceType"}, full when absent. */
    static CovarianceType covarianceType(ModelFields model) {
        if (!model.has("covarianceType")) {
            return CovarianceType.FULL;
        }
        String name = model.text("covarianceType");
        try {
            return CovarianceType.fromName(name);
        } catch (IllegalArgumentException e) {
            throw model.error("covarianceType", "must be full, diag, spherical or tied, not \"" + name + "\"");
        }
    }
}
