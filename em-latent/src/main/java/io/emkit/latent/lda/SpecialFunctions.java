package io.emkit.latent.lda;

import java.util.random.RandomGenerator;

/**
 * The digamma and log-gamma functions for positive arguments, and a gamma sampler.
 *
 * <p>Both functions shift a small argument up with the recurrences {@code ψ(x) = ψ(x + 1) - 1/x}
 * and {@code ln Γ(x) = ln Γ(x + 1) - ln x} until {@code x >= 8}, then use the asymptotic (Stirling)
 * series through the {@code x^-12} (digamma) and {@code x^-11} (log-gamma) terms, whose truncation
 * error there is below {@code 2e-14} absolute. Checked against scipy in the tests.
 */
final class SpecialFunctions {

    /** Below this the recurrences shift the argument up. */
    private static final double ASYMPTOTIC_FROM = 8.0;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {}

    /**
     * The digamma function {@code ψ(x) = d/dx ln Γ(x)}.
     *
     * @param x {@code > 0}; {@code 0} gives {@code -∞}; NaN gives NaN
     * @return {@code ψ(x)}
     */
    static double digamma(double x) {
        double shift = 0;
        if (x < ASYMPTOTIC_FROM) {
            // ψ(x) = ψ(x + n) - Σ_{i<n} 1/(x + i), the sum kept as one fraction num/den so that a
            // single division replaces n dependent ones (den = Π (x + i) stays far from overflow)
            double num = 0;
            double den = 1;
            while (x < ASYMPTOTIC_FROM) {
                num = num * x + den;
                den *= x;
                x += 1.0;
            }
            shift = -num / den;
        }
        double r = 1.0 / (x * x);
        // ψ(x) ~ ln x - 1/(2x) - Σ B_2n / (2n x^2n)
        double series = r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240
                - r * (1.0 / 132 - r * (691.0 / 32760))))));
        return shift + Math.log(x) - 0.5 / x - series;
    }

    /**
     * The trigamma function {@code ψ'(x) = d²/dx² ln Γ(x)}: the recurrence
     * {@code ψ'(x) = ψ'(x + 1) + 1/x²} up to {@code x >= 10}, then the asymptotic series
     * {@code 1/x + 1/(2x²) + Σ B_2n / x^(2n+1)} through the {@code x^-15} term (truncation below
     * {@code 1e-15} relative there).
     *
     * @param x {@code > 0}
     * @return {@code ψ'(x) > 0}
     */
    static double trigamma(double x) {
        double shift = 0;
        while (x < 10.0) {
            shift += 1.0 / (x * x);
            x += 1.0;
        }
        double inverse = 1.0 / x;
        double r = inverse * inverse;
        // ψ'(x) ~ 1/x + 1/(2x²) + 1/(6x³) - 1/(30x⁵) + 1/(42x⁷) - 1/(30x⁹) + 5/(66x¹¹) - 691/(2730x¹³)
        //        + 7/(6x¹⁵)
        double series = inverse * r * (1.0 / 6 - r * (1.0 / 30 - r * (1.0 / 42 - r * (1.0 / 30
                - r * (5.0 / 66 - r * (691.0 / 2730 - r * (7.0 / 6)))))));
        return shift + inverse + 0.5 * r + series;
    }

    /**
     * The natural log of the gamma function.
     *
     * @param x {@code > 0}
     * @return {@code ln Γ(x)}
     */
    static double logGamma(double x) {
        double product = 1.0;
        // ln Γ(x) = ln Γ(x + n) - ln Π_{i<n} (x + i); the product stays far from overflow for n <= 8
        while (x < ASYMPTOTIC_FROM) {
            product *= x;
            x += 1.0;
        }
        double inverse = 1.0 / x;
        double r = inverse * inverse;
        // ln Γ(x) ~ (x - 1/2) ln x - x + ln(2π)/2 + Σ B_2n / (2n (2n - 1) x^(2n-1))
        double series = inverse * (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r * (1.0 / 1680
                - r * (1.0 / 1188 - r * (691.0 / 360360))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series - Math.log(product);
    }

    /**
     * One draw from a gamma distribution with the given shape ({@code >= 1}) and scale, by Marsaglia
     * &amp; Tsang (2000).
     *
     * @param shape {@code >= 1}
     * @param scale {@code > 0}
     * @param random the source
     * @return a positive draw
     */
    static double gamma(double shape, double scale, RandomGenerator random) {
        double d = shape - 1.0 / 3;
        double c = 1.0 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v * scale;
            }
        }
    }
}
