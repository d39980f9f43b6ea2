package io.emkit.examples.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.core.FitWarning;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Example: covariance collapse. A diagonal Gaussian mixture on the flattened 8 x 8 UCI digits (64
 * pixel counts 0..16) meets pixels that are constant within a cluster (the image border is almost
 * always blank), so their maximum-likelihood variance is 0 and the likelihood is unbounded (Bishop,
 * <i>Pattern Recognition and Machine Learning</i>, 2006, section 9.2.1). Fitted without a variance
 * floor or ridge, the fit reports the degenerate covariances it had to repair and its
 * log-likelihood runs off to huge values; with a floor on every variance, as the literature
 * recommends, the fit is clean.
 *
 * <p>Run: {@code java -cp em.jar io.emkit.examples.gmm.CovarianceCollapse}.
 */
public final class CovarianceCollapse {

    /** The variance floor of the clean fit, in squared pixel-count units (counts run 0..16). */
    public static final double VARIANCE_FLOOR = 0.1;

    private CovarianceCollapse() {}

    /**
     * The two fits.
     *
     * @param unfloored the fit without floor or ridge
     * @param floored the fit with {@link #VARIANCE_FLOOR}
     */
    public record Outcome(EmResult<GaussianMixture> unfloored, EmResult<GaussianMixture> floored) {}

    /**
     * Runs the example on all 1797 digits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, Integer.MAX_VALUE, EmOptions.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Runs the example.
     *
     * @param out where the report goes
     * @param rows how many digits to use (the first ones)
     * @param maxIterations iteration cap of each fit
     * @return both fits
     */
    public static Outcome run(PrintStream out, int rows, int maxIterations) {
        LabelledData digits = BundledData.digits().head(rows);
        Dataset data = Dataset.of(digits.features());
        EmOptions options = EmOptions.builder().seed(0).maxIterations(maxIterations).build();
        out.printf(Locale.ROOT, "Digits: %d images x %d pixels; diagonal Gaussian mixture, k = 10.%n",
                digits.size(), digits.dimension());

        GaussianMixtureModel bare = GaussianMixtureModel.builder().components(10)
                .covarianceType(CovarianceType.DIAGONAL).regCovar(0).varianceFloor(0).build();
        EmResult<GaussianMixture> unfloored = Em.fit(bare, data, options);
        report(out, "without a variance floor (regCovar 0)", unfloored);

        GaussianMixtureModel floored = bare.toBuilder().varianceFloor(VARIANCE_FLOOR).build();
        EmResult<GaussianMixture> clean = Em.fit(floored, data, options);
        report(out, "with a variance floor of " + VARIANCE_FLOOR, clean);
        return new Outcome(unfloored, clean);
    }

    /**
     * The smallest variance of any component and pixel.
     *
     * @param mixture a diagonal mixture
     * @return the minimum over the diagonals
     */
    public static double smallestVariance(GaussianMixture mixture) {
        double smallest = Double.POSITIVE_INFINITY;
        for (double[][] covariance : mixture.fullCovariances()) {
            for (int a = 0; a < covariance.length; a++) {
                smallest = Math.min(smallest, covariance[a][a]);
            }
        }
        return smallest;
    }

    private static void report(PrintStream out, String label, EmResult<GaussianMixture> fit) {
        long regularised = fit.warnings().stream().filter(w -> w instanceof FitWarning.CovarianceRegularised).count();
        long reseeded = fit.warnings().stream().filter(w -> w instanceof FitWarning.ComponentReseeded).count();
        out.printf(Locale.ROOT, "%n%s:%n  log-likelihood %.6g after %d iterations (%s)%n  smallest variance %.3g%n",
                label, fit.logLikelihood(), fit.iterations(), fit.converged() ? "converged" : "not converged",
                smallestVariance(fit.parameters()));
        if (fit.warnings().isEmpty()) {
            out.println("  clean fit: no warnings");
        } else {
            out.printf(Locale.ROOT, "  COLLAPSE DETECTED: %d warnings (%d covariances repaired, %d components"
                    + " re-seeded); first: %s%n", fit.warnings().size(), regularised, reseeded,
                    fit.warnings().get(0).message());
        }
    }
}
