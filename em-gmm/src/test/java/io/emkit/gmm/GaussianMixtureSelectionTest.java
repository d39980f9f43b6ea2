package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GaussianMixtureSelectionTest {

    private final Dataset data = Dataset.of(GaussianMixturePropertiesTest.clusters(7, 300));
    private final GaussianMixtureModel template = GaussianMixtureModel.builder().build();

    @Test
    void tableFollowsTheGivenOrderAndEveryRowIsReportedAsItIsFitted() {
        List<GaussianMixtureSelection.Row> reported = new ArrayList<>();
        GaussianMixtureSelection.Result result = GaussianMixtureSelection.select(data, List.of(3, 1),
                List.of(CovarianceType.SPHERICAL, CovarianceType.FULL), template, EmOptions.builder().build(),
                GaussianMixtureSelection.Criterion.AIC, reported::add);

        assertThat(result.table()).extracting(GaussianMixtureSelection.Row::k).containsExactly(3, 3, 1, 1);
        assertThat(result.table()).extracting(GaussianMixtureSelection.Row::type).containsExactly(
                CovarianceType.SPHERICAL, CovarianceType.FULL, CovarianceType.SPHERICAL, CovarianceType.FULL);
        assertThat(reported).isEqualTo(result.table());
        for (GaussianMixtureSelection.Row row : result.table()) {
            assertThat(row.failed()).isFalse();
            assertThat(row.iterations()).isPositive();
            assertThat(row.aic()).isCloseTo(-2 * row.logLikelihood() + 2.0 * row.parameterCount(), within(1e-9));
            assertThat(row.aic()).isGreaterThanOrEqualTo(result.best().aic());
            assertThat(row.icl()).isNaN(); // only computed when ICL is the criterion
        }
        assertThat(result.bestModel().logLikelihood()).isEqualTo(result.best().logLikelihood());
        assertThat(result.best().k()).isEqualTo(3);
    }

    @Test
    void aCandidateThatThrowsIsTabulatedAsFailedAndNeverChosen() {
        List<GaussianMixtureSelection.Row> reported = new ArrayList<>();
        // the listener breaks the second candidate's fit only
        EmOptions options = EmOptions.builder().listener(event -> {
            if (reported.size() == 1) {
                throw new IllegalStateException("boom");
            }
        }).build();
        GaussianMixtureSelection.Result result = GaussianMixtureSelection.select(data, List.of(2, 3),
                List.of(CovarianceType.FULL), template, options, GaussianMixtureSelection.Criterion.BIC, reported::add);

        GaussianMixtureSelection.Row failed = result.table().get(1);
        assertThat(failed.k()).isEqualTo(3);
        assertThat(failed.failed()).isTrue();
        assertThat(failed.failure()).isEqualTo("boom");
        assertThat(failed.bic()).isNaN();
        assertThat(result.best().k()).isEqualTo(2);
        String text = result.format();
        assertThat(text.lines()).hasSize(3);
        assertThat(text).contains("  3  full       failed: boom");
        assertThat(text.lines().filter(line -> line.endsWith("*"))).singleElement()
                .satisfies(line -> assertThat(line).startsWith("  2  full"));
    }

    @Test
    void everyCandidateFailingIsAnError() {
        EmOptions options = EmOptions.builder().listener(event -> {
            throw new IllegalStateException("boom");
        }).build();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GaussianMixtureSelection.select(data, List.of(1, 2), List.of(CovarianceType.FULL),
                        template, options, GaussianMixtureSelection.Criterion.BIC, row -> {}))
                .withMessage("no candidate could be fitted; k = 1, full: boom");
    }

    @Test
    void badListsAreRejectedBeforeAnyFit() {
        Dataset four = Dataset.of(new double[][] {{0}, {1}, {2}, {3}});
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GaussianMixtureSelection.select(four, List.of(2, 5), List.of(CovarianceType.FULL),
                        template, EmOptions.builder().build(), GaussianMixtureSelection.Criterion.BIC, row -> {}))
                .withMessage("k (5) must be <= n (4)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GaussianMixtureSelection.select(four, List.of(0), List.of(CovarianceType.FULL),
                        template, EmOptions.builder().build(), GaussianMixtureSelection.Criterion.BIC, row -> {}))
                .withMessage("k (0) must be >= 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GaussianMixtureSelection.select(four, List.of(), List.of(CovarianceType.FULL),
                        template, EmOptions.builder().build(), GaussianMixtureSelection.Criterion.BIC, row -> {}))
                .withMessage("ks must not be empty");
    }

    @Test
    void iclIsTabulatedWhenItIsTheCriterion() {
        GaussianMixtureSelection.Result result = GaussianMixtureSelection.select(data, List.of(2, 3),
                List.of(CovarianceType.FULL), template, EmOptions.builder().build(),
                GaussianMixtureSelection.Criterion.ICL, row -> {});
        for (GaussianMixtureSelection.Row row : result.table()) {
            // ICL = BIC + twice the classification entropy, which is non-negative
            assertThat(row.icl()).isGreaterThanOrEqualTo(row.bic());
        }
        assertThat(result.format().lines().findFirst().orElseThrow()).endsWith("ICL");
    }

    @Test
    void cellsFittedInParallelGiveTheSequentialTableBitForBitInTableOrder() {
        List<CovarianceModel> models = new ArrayList<>();
        for (String name : List.of("EII", "VVI", "EEE", "VEV", "EVV", "VVV")) {
            models.add(CovarianceModel.fromName(name));
        }
        GaussianMixtureModel hc = GaussianMixtureModel.builder().regCovar(0)
                .initialisation(GaussianMixtureModel.Initialisation.HC).build();
        List<Integer> ks = List.of(1, 2, 3, 4);
        List<GaussianMixtureSelection.Row> reported = new ArrayList<>();
        GaussianMixtureSelection.Result one = GaussianMixtureSelection.selectModels(data, ks, models, hc,
                EmOptions.builder().threads(1).build(), GaussianMixtureSelection.Criterion.BIC, row -> {});
        GaussianMixtureSelection.Result two = GaussianMixtureSelection.selectModels(data, ks, models, hc,
                EmOptions.builder().threads(2).build(), GaussianMixtureSelection.Criterion.BIC, reported::add);

        assertThat(two.table()).isEqualTo(one.table()); // records: every double compared exactly
        assertThat(reported).isEqualTo(two.table());
        assertThat(two.best()).isEqualTo(one.best());
        assertThat(two.bestModel().mixture().means()).isDeepEqualTo(one.bestModel().mixture().means());
    }
}
