package io.emkit.io.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureParameters;
import io.emkit.core.mixture.MixtureSet;
import io.emkit.discrete.PoissonFamily;
import io.emkit.gmm.CovarianceModel;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianComponents;
import io.emkit.gmm.GaussianFamily;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.CategoricalEmission;
import io.emkit.hmm.Emission;
import io.emkit.hmm.FamilyEmission;
import io.emkit.hmm.GaussianEmission;
import io.emkit.hmm.HmmParameters;
import io.emkit.latent.factor.FactorAnalyserFamily;
import io.emkit.latent.factor.FactorAnalysers;
import io.emkit.latent.factor.FactorParameters;
import io.emkit.latent.lda.FittedLda;
import io.emkit.latent.lda.LdaParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import com.google.common.primitives.ImmutableDoubleArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind written and read back: the doubles come back bit for bit (AssertJ compares double arrays
 * with {@link java.util.Arrays#equals(double[], double[])}, which compares bits), and writing what was read
 * gives the same text. The values are chosen to need all 17 digits (thirds, sevenths, next-ups).
 */
class ModelFilesRoundTripTest {

    @TempDir
    Path dir;

    private static final double THIRD = 1.0 / 3;
    private static final double SEVENTH = Math.nextUp(1.0 / 7);

    /** Writes, reads back, and checks the second write equals the first. */
    private SavedModel roundTrip(Object model) throws IOException {
        Path file = dir.resolve("m.json");
        ModelFiles.write(model, file);
        String text = Files.readString(file);
        assertThat(text).isEqualTo(ModelFiles.toJson(model));
        SavedModel read = ModelFiles.read(file);
        assertThat(ModelFiles.toJson(read)).isEqualTo(text);
        return read;
    }

    private static double[][] means() {
        return new double[][] {{0.1 + 0.2, -SEVENTH}, {1e-300, 5 * THIRD}};
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CovarianceType.class)
    void gaussianMixturesOfEveryCovarianceTypeComeBackBitForBit(CovarianceType type) throws IOException {
        Object covariances = switch (type) {
            case FULL -> new double[][][] {{{2 * THIRD, 0.1}, {0.1, 1 + SEVENTH}}, {{1, -THIRD / 10}, {-THIRD / 10, 3}}};
            case DIAGONAL -> new double[][] {{THIRD, SEVENTH}, {2.5, Math.nextDown(1.0)}};
            case SPHERICAL -> new double[] {THIRD, 7 * SEVENTH};
            case TIED -> new double[][] {{1 + THIRD, 0.3}, {0.3, 2 * SEVENTH}};
        };
        GaussianMixture mixture = GaussianMixture.of(type, new double[] {THIRD, 1 - THIRD}, means(), covariances);
        SavedModel.Gmm read = (SavedModel.Gmm) roundTrip(mixture);
        assertThat(read.mclustForm()).isFalse();
        assertThat(read.mixture().covarianceType()).isEqualTo(type);
        assertThat(read.mixture().weights()).isEqualTo(mixture.weights());
        assertThat(read.mixture().means()).isDeepEqualTo(mixture.means());
        assertThat(read.mixture().fullCovariances()).isDeepEqualTo(mixture.fullCovariances());
        assertThat(read.fit()).isEmpty();
    }

    @Test
    void mclustModelsAreWrittenInMclustFormAndComeBackAsTheSameModel() throws IOException {
        GaussianMixture full = GaussianMixture.full(new double[] {THIRD, 1 - THIRD}, means(),
                new double[][][] {{{2 * THIRD, 0.1}, {0.1, 1 + SEVENTH}}, {{1, -THIRD / 10}, {-THIRD / 10, 3}}});
        GaussianMixture vev = GaussianMixture.of(CovarianceModel.VVV, full.weights(), full.means(),
                full.fullCovariances());
        SavedModel.Gmm read = (SavedModel.Gmm) roundTrip(new SavedModel.Gmm(vev, true, Optional.empty()));
        assertThat(ModelFiles.toJson(read)).contains("\"covarianceModel\" : \"VVV\"").doesNotContain("covarianceType");
        assertThat(read.mixture().covarianceModel()).isEqualTo(CovarianceModel.VVV);
        assertThat(read.mixture().fullCovariances()).isDeepEqualTo(full.fullCovariances());
    }

    private static final double[] START = {THIRD, 1 - THIRD};
    private static final double[][] TRANSITIONS = {{1 - SEVENTH, SEVENTH}, {0.3, 0.7}};

    @Test
    void categoricalHmmsKeepTheirStringSymbols() throws IOException {
        HmmParameters p = HmmParameters.of(START, TRANSITIONS,
                CategoricalEmission.of(new double[][] {{THIRD, 1 - THIRD}, {SEVENTH, 1 - SEVENTH}}));
        SavedModel.Hmm read = (SavedModel.Hmm) roundTrip(new SavedModel.Hmm(p, List.of("heads", "tails"),
                Optional.empty()));
        assertThat(read.symbols()).containsExactly("heads", "tails");
        assertThat(read.parameters().startProbabilities().toArray()).isEqualTo(START);
        assertThat(read.parameters().transitions().toArray()).isDeepEqualTo(TRANSITIONS);
        assertThat(((CategoricalEmission) read.parameters().emission()).toArray())
                .isDeepEqualTo(((CategoricalEmission) p.emission()).toArray());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CovarianceType.class)
    void gaussianHmmsKeepTheNativeCovarianceShape(CovarianceType type) throws IOException {
        GaussianComponents full = GaussianComponents.of(CovarianceType.FULL, means(),
                new double[][][] {{{2 * THIRD, 0}, {0, 2 * THIRD}}, {{1 + SEVENTH, 0}, {0, 1 + SEVENTH}}});
        HmmParameters p = HmmParameters.of(START, TRANSITIONS, GaussianEmission.of(full.reshaped(type)));
        HmmParameters read = ((SavedModel.Hmm) roundTrip(p)).parameters();
        GaussianComponents c = ((GaussianEmission) read.emission()).components();
        assertThat(c.type()).isEqualTo(type);
        assertThat(c.means()).isDeepEqualTo(full.means());
        assertThat(c.covariance(1).toArray()).isDeepEqualTo(full.reshaped(type).covariance(1).toArray());
    }

    @Test
    void gmmAndPoissonEmissionsComeBackBitForBit() throws IOException {
        GaussianComponents inner = GaussianComponents.of(CovarianceType.DIAGONAL,
                new double[][] {{0, THIRD}, {1, SEVENTH}, {5, 5 + THIRD}, {6, 6 + SEVENTH}},
                new double[][] {{1, THIRD}, {SEVENTH, 1}, {2, 2}, {THIRD, THIRD}});
        GaussianFamily family = GaussianFamily.of(CovarianceType.DIAGONAL, GaussianFamily.DEFAULT_REG_COVAR);
        Emission gmm = FamilyEmission.of(MixtureFamily.of(family, 2),
                MixtureSet.of(family, new double[][] {{THIRD, 1 - THIRD}, {SEVENTH, 1 - SEVENTH}}, inner));
        HmmParameters read = ((SavedModel.Hmm) roundTrip(HmmParameters.of(START, TRANSITIONS, gmm))).parameters();
        MixtureSet<?> set = (MixtureSet<?>) ((FamilyEmission<?, ?>) read.emission()).components();
        assertThat(set.weights()).isDeepEqualTo(new double[][] {{THIRD, 1 - THIRD}, {SEVENTH, 1 - SEVENTH}});
        assertThat(((GaussianComponents) set.inner()).type()).isEqualTo(CovarianceType.DIAGONAL);
        assertThat(((GaussianComponents) set.inner()).covariance(3).toArray())
                .isDeepEqualTo(inner.covariance(3).toArray());

        double[][] rates = {{THIRD, 2}, {7 + SEVENTH, 1e-3}};
        HmmParameters poisson = HmmParameters.of(START, TRANSITIONS,
                FamilyEmission.of(PoissonFamily.INSTANCE, PoissonFamily.Rates.of(rates)));
        read = ((SavedModel.Hmm) roundTrip(poisson)).parameters();
        assertThat(((PoissonFamily.Rates) ((FamilyEmission<?, ?>) read.emission()).components()).toArray())
                .isDeepEqualTo(rates);
    }

    @Test
    void factorModelsComeBackBitForBit() throws IOException {
        double[] mean = {THIRD, -SEVENTH, 1e10 + 0.5};
        double[][] loadings = {{1, THIRD}, {SEVENTH, 0}, {-2, 0.1 + 0.2}};
        FactorParameters fa = FactorParameters.of(mean, loadings, new double[] {THIRD, SEVENTH, 2});
        SavedModel read = roundTrip(fa);
        assertThat(read).isInstanceOf(SavedModel.FactorAnalysis.class);
        assertThat(((FactorParameters) read.model()).noiseVariances()).isEqualTo(fa.noiseVariances());
        assertThat(((FactorParameters) read.model()).loadings().toArray()).isDeepEqualTo(loadings);

        FactorParameters ppca = FactorParameters.isotropic(mean, loadings, SEVENTH);
        read = roundTrip(ppca);
        assertThat(read).isInstanceOf(SavedModel.Ppca.class);
        assertThat(((FactorParameters) read.model()).noiseVariance()).isEqualTo(SEVENTH);

        MixtureParameters<FactorAnalysers> mfa = MixtureParameters.of(FactorAnalyserFamily.factorAnalysers(2),
                START, FactorAnalysers.of(new double[][] {mean, {0, 0, THIRD}},
                        new double[][][] {loadings, {{0, 1}, {1, 0}, {THIRD, SEVENTH}}},
                        new double[][] {{THIRD, SEVENTH, 2}, {1, 1, 1}}));
        SavedModel.Mfa readMfa = (SavedModel.Mfa) roundTrip(mfa);
        assertThat(readMfa.parameters().weights().toArray()).isEqualTo(START);
        assertThat(readMfa.parameters().components().loadings(1).toArray())
                .isDeepEqualTo(mfa.components().loadings(1).toArray());
        assertThat(readMfa.parameters().components().noiseVariances(0)).isEqualTo(new double[] {THIRD, SEVENTH, 2});
    }

    @Test
    void ldaKeepsItsTermsAsWrittenAndItsInnerLoop() throws IOException {
        LdaParameters p = LdaParameters.of(new double[][] {{THIRD, 2, 3}, {SEVENTH, 0.5, 9}}, 0.1, SEVENTH);
        SavedModel.Lda strings = (SavedModel.Lda) roundTrip(FittedLda.of(p, List.of("a", "b", "c"), 1e-5, 7));
        assertThat(strings.terms()).containsExactly("a", "b", "c");
        assertThat(strings.innerTolerance()).isEqualTo(1e-5);
        assertThat(strings.maxInnerIterations()).isEqualTo(7);
        assertThat(strings.parameters().topicWord()).isDeepEqualTo(p.topicWord());
        assertThat(strings.parameters().topicWordPrior()).isEqualTo(SEVENTH);

        SavedModel.Lda ids = (SavedModel.Lda) roundTrip(
                new SavedModel.Lda(p, List.of("10", "20", "30"), true, 1e-3, 100, Optional.empty()));
        assertThat(ModelFiles.toJson(ids)).contains("\"terms\" : [10,20,30]");
        assertThat(ids.integerTerms()).isTrue();
    }

    @Test
    void aFitSummaryWithFiguresComesBackInOrder() throws IOException {
        FitSummary fit = new FitSummary(-12.5 - THIRD, ImmutableDoubleArray.of(-20, -13, -12.5 - THIRD), 3, 4, true,
                0.25, 42, 5, List.of("iteration 2: something"), Map.of()).withFigure("n", 100).withFigure("bic",
                31.0 + SEVENTH);
        FactorParameters ppca = FactorParameters.isotropic(new double[] {0, 1}, new double[][] {{1}, {2}}, 0.5);
        SavedModel read = roundTrip(new SavedModel.Ppca(ppca, Optional.of(fit)));
        assertThat(read.fit()).contains(fit);
        assertThat(read.fit().orElseThrow().figures().keySet()).containsExactly("n", "bic");
        assertThat(ModelFiles.toJson(read)).contains("\"n\" : 100,").contains("\"seed\" : 42,");
    }
}
