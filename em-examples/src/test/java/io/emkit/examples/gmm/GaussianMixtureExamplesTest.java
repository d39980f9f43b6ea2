package io.emkit.examples.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.FitWarning;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixtureSelection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GaussianMixtureExamplesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void irisClustersMatchTheSpecies() {
        Agreement agreement = GaussianMixtureExamples.run(out, 100);
        // a full-covariance mixture separates setosa perfectly and confuses a few of the other two
        assertThat(agreement.matchedAccuracy()).isGreaterThan(0.9);
        assertThat(agreement.adjustedRandIndex()).isGreaterThan(0.8);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Old Faithful", "Iris", "adjusted Rand index");
    }

    @Test
    void agreementIsHandCheckable() {
        int[] clusters = {0, 0, 1, 1, 2, 2};
        int[] classes = {1, 1, 0, 0, 2, 0};
        Agreement agreement = Agreement.of(clusters, 3, classes, 3);
        assertThat(agreement.count(1, 0)).isEqualTo(2);
        assertThat(agreement.matchedAccuracy()).isEqualTo(5.0 / 6);
        assertThat(Agreement.of(clusters, 3, new int[] {2, 2, 0, 0, 1, 1}, 3).adjustedRandIndex()).isEqualTo(1.0);
        // sum C(n_ij,2) = 2, rows 3, columns 4, expected 3*4/15 = 0.8, max 3.5: (2 - 0.8)/(3.5 - 0.8)
        assertThat(agreement.adjustedRandIndex()).isCloseTo(1.2 / 2.7, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void bicOnIrisPrefersTwoFullComponentsLikeMclust() {
        // mclust::Mclust(iris[, 1:4]) chooses 2 components (VEV); our closest family is full
        GaussianMixtureSelection.Result selection = BicSelectionExample.run(out, 3, 100);
        assertThat(selection.table()).hasSize(12);
        assertThat(selection.best().k()).isEqualTo(2);
        assertThat(selection.best().type()).isEqualTo(CovarianceType.FULL);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("*");
    }

    @Test
    void collapseIsReportedWithoutAFloorAndAbsentWithOne() {
        CovarianceCollapse.Outcome outcome = CovarianceCollapse.run(out, 400, 15);
        assertThat(outcome.unfloored().warnings())
                .anyMatch(w -> w instanceof FitWarning.CovarianceRegularised);
        assertThat(CovarianceCollapse.smallestVariance(outcome.unfloored().parameters())).isLessThan(1e-6);
        assertThat(outcome.floored().warnings()).isEmpty();
        assertThat(CovarianceCollapse.smallestVariance(outcome.floored().parameters()))
                .isGreaterThanOrEqualTo(CovarianceCollapse.VARIANCE_FLOOR);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("COLLAPSE DETECTED", "clean fit");
    }
}
