package io.emkit.core.numeric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class LogSumExpTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double POS_INF = Double.POSITIVE_INFINITY;

    @Test
    void matchesTheNaiveFormulaWhereThatIsSafe() {
        double[] values = {-1.5, 0.25, 2.0, -3.0};
        double naive = Math.log(Math.exp(-1.5) + Math.exp(0.25) + Math.exp(2.0) + Math.exp(-3.0));
        assertThat(LogSumExp.of(values)).isCloseTo(naive, within(1e-15));
        assertThat(LogSumExp.of(0.0, 0.0)).isEqualTo(Math.log(2));
    }

    @Test
    void hugeNegativeValuesDoNotUnderflow() {
        assertThat(LogSumExp.of(new double[] {-1e308, -1e308})).isEqualTo(-1e308); // + log 2 is below ulp
        assertThat(LogSumExp.of(-1000.0, -1000.0)).isCloseTo(-1000.0 + Math.log(2), within(1e-12));
        assertThat(LogSumExp.of(new double[] {-1e308, 0.0})).isEqualTo(0.0);
        assertThat(LogSumExp.of(new double[] {-Double.MAX_VALUE, -Double.MAX_VALUE})).isEqualTo(-Double.MAX_VALUE);
    }

    @Test
    void hugePositiveValuesDoNotOverflow() {
        assertThat(LogSumExp.of(new double[] {1000.0, 1000.0})).isCloseTo(1000.0 + Math.log(2), within(1e-12));
        assertThat(LogSumExp.of(new double[] {1e308, 1e308})).isEqualTo(1e308);
    }

    @Test
    void allNegativeInfinityIsNegativeInfinity() {
        assertThat(LogSumExp.of(new double[] {NEG_INF, NEG_INF, NEG_INF})).isEqualTo(NEG_INF);
        assertThat(LogSumExp.of(NEG_INF, NEG_INF)).isEqualTo(NEG_INF);
        assertThat(LogSumExp.of(new double[0])).isEqualTo(NEG_INF);
    }

    @Test
    void negativeInfinityTermsAreIgnored() {
        assertThat(LogSumExp.of(new double[] {NEG_INF, 1.0, NEG_INF})).isEqualTo(1.0);
        assertThat(LogSumExp.of(NEG_INF, -5.0)).isEqualTo(-5.0);
    }

    @Test
    void mixedInfinitiesGivePositiveInfinity() {
        assertThat(LogSumExp.of(new double[] {NEG_INF, POS_INF})).isEqualTo(POS_INF);
        assertThat(LogSumExp.of(POS_INF, NEG_INF)).isEqualTo(POS_INF);
        assertThat(LogSumExp.of(new double[] {POS_INF, Double.NaN})).isEqualTo(POS_INF);
    }

    @Test
    void nanPropagates() {
        assertThat(LogSumExp.of(new double[] {1.0, Double.NaN})).isNaN();
        assertThat(LogSumExp.of(new double[] {Double.NaN, NEG_INF})).isNaN();
        assertThat(LogSumExp.of(Double.NaN, 1.0)).isNaN();
    }

    @Test
    void rangeVersionLooksOnlyAtTheRange() {
        double[] values = {1e300, 0.0, 0.0, NEG_INF};
        assertThat(LogSumExp.of(values, 1, 3)).isEqualTo(Math.log(2));
    }

    @Property(tries = 200)
    void isShiftEquivariantAndAtLeastTheMax(@ForAll @DoubleRange(min = -700, max = 700) double a,
            @ForAll @DoubleRange(min = -700, max = 700) double b, @ForAll @DoubleRange(min = -1e4, max = 1e4) double shift) {
        double value = LogSumExp.of(new double[] {a, b});
        assertThat(value).isGreaterThanOrEqualTo(Math.max(a, b));
        assertThat(value).isLessThanOrEqualTo(Math.max(a, b) + Math.log(2) + 1e-12);
        assertThat(LogSumExp.of(new double[] {a + shift, b + shift}))
                .isCloseTo(value + shift, within(1e-12 * (Math.abs(value) + Math.abs(shift) + 1)));
        assertThat(LogSumExp.of(a, b)).isCloseTo(value, within(1e-13 * (Math.abs(value) + 1)));
    }
}
