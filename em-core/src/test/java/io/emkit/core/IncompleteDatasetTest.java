package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;
import org.junit.jupiter.api.Test;

class IncompleteDatasetTest {
    private static final double NA = Double.NaN;

    @Test
    void groupsRowsByPatternAcrossChunks() {
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{1, NA, 3}, {4, 5, 6}, {7, NA, 9}, {NA, NA, NA}});
        assertThat(data.patternCount()).isEqualTo(3);
        assertThat(data.pattern(0)).isEqualTo(data.pattern(2)).isNotEqualTo(data.pattern(1));
        assertThat(data.observedColumns(data.pattern(0))).containsExactly(0, 2);
        assertThat(data.missingColumns(data.pattern(0))).containsExactly(1);
        assertThat(data.missingCells()).isEqualTo(5);
        assertThat(data.emptyRows()).containsExactly(3);
        assertThat(data.informativeRowCount()).isEqualTo(3);
        assertThat(data.missingFraction()).isEqualTo(5.0 / 12);
        assertThat(data.rows(0, 2).missingFraction()).isEqualTo(1.0 / 6);
        List<IncompleteDataset> chunks = data.chunks(2);
        assertThat(chunks).hasSize(2);
        // chunks cut the rows grouped by pattern: rows 0 and 2 share theirs
        assertThat(chunks.get(0).row(0)).containsExactly(1, NA, 3);
        assertThat(chunks.get(0).row(1)).containsExactly(7, NA, 9);
        assertThat(chunks.get(1).row(0)).containsExactly(4, 5, 6);
        assertThat(chunks.get(1).rows(0, 1).isComplete()).isTrue();
        assertThat(chunks.get(0).isComplete()).isFalse();
        assertThat(data.rows(1, 2).isComplete()).isTrue();
        assertThat(data.rows(1, 2).toDataset().row(0)).containsExactly(4, 5, 6);
        assertThat(data.completeRows().size()).isEqualTo(1);
        assertThat(data.meanImputed().row(0)).containsExactly(1, 5, 3);
        assertThat(data.meanImputed().row(3)).containsExactly(4, 5, 6);
    }

    @Test
    void maskedValuesAreIgnoredAndWeightsKept() {
        IncompleteDataset data = IncompleteDataset.of(new double[][] {{1, 99}, {3, 4}},
                new boolean[][] {{false, true}, {false, false}}).withWeights(new double[] {2, 1});
        assertThat(data.isMissing(0, 1)).isTrue();
        assertThat(data.get(0, 1)).isNaN();
        assertThat(data.weight(0)).isEqualTo(2);
        assertThat(data.rows(1, 2).toDataset().weight(0)).isEqualTo(1);
    }

    @Test
    void errorsNameTheCellOrColumn() {
        assertThatIllegalArgumentException().isThrownBy(() -> IncompleteDataset.of(new double[][] {{1, NA}, {2, NA}}))
                .withMessage("column 1 is missing in every row; drop it (it carries no information)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IncompleteDataset.of(new double[][] {{1, 2}, {Double.POSITIVE_INFINITY, 3}}))
                .withMessageContaining("x[1][0] is Infinity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IncompleteDataset.of(new double[][] {{1, NA}}, new boolean[][] {{false, false}}))
                .withMessageContaining("x[0][1] is NaN but not marked missing");
        assertThatIllegalStateException().isThrownBy(() -> IncompleteDataset.of(new double[][] {{1, NA}, {2, 3}})
                .toDataset()).withMessageContaining("1 missing cells");
    }

    @Test
    void completeDataRoundTrip() {
        Dataset d = Dataset.of(new double[][] {{1, 2}, {3, 4}}, new double[] {1, 3});
        IncompleteDataset data = IncompleteDataset.of(d);
        assertThat(data.isComplete()).isTrue();
        assertThat(data.toDataset().toArray()).isDeepEqualTo(d.toArray());
        assertThat(data.toDataset().weight(1)).isEqualTo(3);
    }
}
