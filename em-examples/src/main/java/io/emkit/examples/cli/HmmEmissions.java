package io.emkit.examples.cli;

import io.emkit.examples.usermodel.BernoulliFamily;
import io.emkit.gmm.CovarianceType;
import io.emkit.hmm.Emission;
import io.emkit.hmm.EmissionFamily;
import io.emkit.hmm.FamilyEmission;
import java.util.Locale;

/**
 * The emission families of {@code em hmm}: their {@code --emission} names and how each is built from the
 * flags. Their model-file forms are em-io's emission codecs ({@link ModelJson#FORMAT}, with the
 * examples' {@link io.emkit.examples.usermodel.BernoulliCodec} for the user-written Bernoulli family).
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

    /** The kind of given emissions, by the name their model-file codec has. */
    static HmmEmissions of(Emission emission) {
        return parse(ModelJson.FORMAT.emissionName(emission), "emissions");
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

}
