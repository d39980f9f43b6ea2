package io.emkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void holdsACopyOfTheRows() {
        double[][] rows = {{1, 2}, {3, 4}, {5, 6}};
        Dataset data = Dataset.of(rows);
        rows[0][0] = 99;
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.dimension()).isEqualTo(2);
        assertThat(data.get(0, 0)).isEqualTo(1);
        assertThat(data.toArray()).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertThat(data.isWeighted()).isFalse();
        assertThat(data.totalWeight()).isEqualTo(3);
    }

    @Test
    void splitsIntoViewsThatCoverTheDataInOrder() {
        double[][] rows = new double[10][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i, -i};
        }
        double[] weights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        List<Dataset> chunks = Dataset.of(rows, weights).split(4);
        assertThat(chunks).extracting(Dataset::size).containsExactly(4, 4, 2);
        assertThat(chunks.get(1).get(0, 0)).isEqualTo(4);
        assertThat(chunks.get(2).weight(1)).isEqualTo(10);
        assertThat(chunks.get(2).totalWeight()).isEqualTo(19);
        double[] block = new double[4];
        chunks.get(1).copyRows(1, 3, block, 0);
        assertThat(block).containsExactly(5, -5, 6, -6);
        double[] w = new double[2];
        chunks.get(0).copyWeights(2, 4, w, 0);
        assertThat(w).containsExactly(3, 4);
    }

    @Test
    void theMagnitudeBoundIsTheLargestCheckedValueAndViewsKeepTheirParents() {
        Dataset data = Dataset.of(new double[][] {{1, -2}, {-7.5, 3}, {0, 4}});
        assertThat(data.magnitudeBound()).isEqualTo(7.5);
        assertThat(Dataset.ofRowMajor(new double[] {-0.0, 0.0}, 2, 1).magnitudeBound()).isEqualTo(0.0);
        Dataset last = data.rows(2, 3);
        assertThat(last.magnitudeBound()).isEqualTo(7.5).isGreaterThanOrEqualTo(4);
        assertThat(last.withWeights(new double[] {2}).magnitudeBound()).isEqualTo(7.5);
        for (Dataset chunk : data.split(2)) {
            assertThat(chunk.magnitudeBound()).isEqualTo(7.5);
        }
    }

    @Test
    void badDataAreRejectedWithTheIndexAndValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[0][]))
                .withMessageContaining("data are empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1, 2, 3}, {4, 5}}))
                .withMessageContaining("ragged: row 1 has 2 values but row 0 has 3");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(new double[][] {{1}, {Double.NaN}}))
                .withMessageContaining("x[1][0] is NaN");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Dataset.of(new double[][] {{1, Double.NEGATIVE_INFINITY}}))
                .withMessageContaining("x[0][1] is -Infinity");
    }

    @Test
    void badWeightsAreRejected() {
        double[][] rows = {{1}, {2}};
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(rows, new double[] {1, -0.5}))
                .withMessageContaining("weights[1] is -0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(rows, new double[] {0, 0}))
                .withMessageContaining("all zero");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(rows, new double[] {1}))
                .withMessageContaining("weights has length 1 but the data have 2 rows");
        assertThatIllegalArgumentException().isThrownBy(() -> Dataset.of(rows, new double[] {1, Double.NaN}))
                .withMessageContaining("weights[1] is NaN");
    }
}
