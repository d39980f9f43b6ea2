package io.emkit.core.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void copiesOnTheWayInAndOut() {
        double[][] source = {{1, 2}, {3, 4}};
        Matrix m = Matrix.of(source);
        source[0][0] = 99;
        assertThat(m.get(0, 0)).isEqualTo(1);
        double[][] out = m.toArray();
        out[1][1] = 99;
        assertThat(m.get(1, 1)).isEqualTo(4);
        assertThat(m.row(1)).containsExactly(3, 4);
        assertThat(m.toRowMajor()).containsExactly(1, 2, 3, 4);
        assertThat(m.diagonal()).containsExactly(1, 4);
    }

    @Test
    void valueSemantics() {
        assertThat(Matrix.of(new double[][] {{1, 0}, {0, 1}})).isEqualTo(Matrix.identity(2))
                .hasSameHashCodeAs(Matrix.identity(2));
        assertThat(Matrix.diagonal(2, 3)).isEqualTo(Matrix.ofRowMajor(2, 2, new double[] {2, 0, 0, 3}));
        assertThat(Matrix.identity(2)).isNotEqualTo(Matrix.identity(3));
    }

    @Test
    void symmetryIsRelativeToScale() {
        assertThat(Matrix.of(new double[][] {{1e6, 1}, {1 + 1e-9, 1e6}}).isSymmetric(1e-12)).isTrue();
        assertThat(Matrix.of(new double[][] {{1, 0.5}, {0.4, 1}}).isSymmetric(1e-12)).isFalse();
        assertThat(Matrix.of(new double[][] {{1, 2}}).isSymmetric(1)).isFalse();
    }

    @Test
    void rejectsBadInputNamingTheProblem() {
        assertThatIllegalArgumentException().isThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3}}))
                .withMessageContaining("ragged: row 1 has 1 values but row 0 has 2");
        assertThatIllegalArgumentException().isThrownBy(() -> Matrix.of(new double[][] {{1, Double.NaN}}))
                .withMessageContaining("matrix[0][1] is NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> Matrix.of(new double[0][]))
                .withMessageContaining("at least one row");
        assertThatIllegalArgumentException().isThrownBy(() -> Matrix.ofRowMajor(2, 2, new double[3]))
                .withMessageContaining("3 values given for a 2 x 2 matrix");
    }
}
