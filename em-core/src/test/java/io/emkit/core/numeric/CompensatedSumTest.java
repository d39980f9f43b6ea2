package io.emkit.core.numeric;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompensatedSumTest {

    @Test
    void recoversTermsThatPlainSummationLoses() {
        CompensatedSum sum = new CompensatedSum();
        double plain = 0;
        double[] terms = {1e16, 1.0, -1e16, 1.0};
        for (double t : terms) {
            sum.add(t);
            plain += t;
        }
        assertThat(plain).isNotEqualTo(2.0);
        assertThat(sum.value()).isEqualTo(2.0);
    }

    @Test
    void manySmallTermsStayExactToTheLastBit() {
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < 1_000_000; i++) {
            sum.add(0.1);
        }
        assertThat(sum.value()).isEqualTo(100000.0); // plain summation gives 100000.00000133288
    }

    @Test
    void mergeEqualsAddingEverything() {
        CompensatedSum left = new CompensatedSum();
        CompensatedSum right = new CompensatedSum();
        CompensatedSum all = new CompensatedSum();
        for (int i = 0; i < 1000; i++) {
            double t = Math.sin(i) * Math.pow(10, i % 17 - 8);
            (i % 2 == 0 ? left : right).add(t);
            all.add(t);
        }
        assertThat(left.merge(right).value()).isEqualTo(all.value());
    }

    @Test
    void infinitiesPropagate() {
        assertThat(new CompensatedSum().add(1).add(Double.POSITIVE_INFINITY).add(1).value())
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new CompensatedSum().add(Double.NaN).value()).isNaN();
    }
}
