package io.emkit.latent.lda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

    /** Agreement with scipy: a few ulps of the larger of |value| and 1. */
    private static final double TOLERANCE = 5e-14;

    @Test
    void digammaAndLogGammaMatchScipy() {
        JsonNode reference = Fixtures.read("special_functions.json");
        double[] x = Fixtures.vector(reference.get("x"));
        double[] digamma = Fixtures.vector(reference.get("digamma"));
        double[] lgamma = Fixtures.vector(reference.get("lgamma"));
        for (int i = 0; i < x.length; i++) {
            assertThat(SpecialFunctions.digamma(x[i])).as("digamma(%s)", x[i])
                    .isCloseTo(digamma[i], within(TOLERANCE * Math.max(1, Math.abs(digamma[i]))));
            assertThat(SpecialFunctions.logGamma(x[i])).as("logGamma(%s)", x[i])
                    .isCloseTo(lgamma[i], within(TOLERANCE * Math.max(1, Math.abs(lgamma[i]))));
        }
    }

    @Test
    void gammaDrawsHaveTheShapeAndScaleMoments() {
        // Gamma(100, 1/100): mean 1, variance 1/100. With 20000 draws the sample mean has standard
        // error 7e-4 and the variance about 1e-4 relative 1.4%; bounds are 5 standard errors.
        SplittableRandom random = new SplittableRandom(3);
        int n = 20000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double g = SpecialFunctions.gamma(100, 0.01, random);
            assertThat(g).isPositive();
            sum += g;
            squares += g * g;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        assertThat(mean).isCloseTo(1.0, within(5 * 0.1 / Math.sqrt(n)));
        assertThat(variance).isCloseTo(0.01, within(5 * 0.01 * Math.sqrt(2.0 / n) * 1.01));
    }
}
