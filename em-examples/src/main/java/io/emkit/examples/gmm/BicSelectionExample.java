package io.emkit.examples.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixtureModel;
import io.emkit.gmm.GaussianMixtureSelection;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Example: choosing the number of components and the covariance type of a Gaussian mixture by BIC,
 * on the four Iris measurements (species ignored), printing the table of candidates.
 *
 * <p>Run: {@code java -cp em.jar io.emkit.examples.gmm.BicSelectionExample}. Equivalent CLI:
 * {@code em gmm select --data iris-features.csv --components 1-6}.
 */
public final class BicSelectionExample {

    private BicSelectionExample() {}

    /**
     * Runs the example on standard output with k = 1..6.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, 6, EmOptions.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Runs the example.
     *
     * @param out where the table goes
     * @param maxComponents the largest k tried (from 1)
     * @param maxIterations iteration cap of each fit
     * @return the selection
     */
    public static GaussianMixtureSelection.Result run(PrintStream out, int maxComponents, int maxIterations) {
        LabelledData iris = BundledData.iris();
        List<Integer> ks = new ArrayList<>();
        for (int k = 1; k <= maxComponents; k++) {
            ks.add(k);
        }
        EmOptions options = EmOptions.builder().seed(0).restarts(3).maxIterations(maxIterations).build();
        GaussianMixtureSelection.Result selection = GaussianMixtureSelection.select(Dataset.of(iris.features()), ks,
                List.of(CovarianceType.FULL, CovarianceType.DIAGONAL, CovarianceType.SPHERICAL, CovarianceType.TIED),
                GaussianMixtureModel.builder().regCovar(1e-6).build(), options, GaussianMixtureSelection.Criterion.BIC,
                row -> {});
        out.println("Iris measurements (" + iris.size() + " x " + iris.dimension()
                + "): Gaussian mixtures by BIC (lower is better; * marks the choice)");
        out.print(selection.format());
        GaussianMixtureSelection.Row best = selection.best();
        out.printf(Locale.ROOT, "Chosen: k = %d, %s covariances (%d free parameters).%n", best.k(),
                best.type().jsonName(), best.parameterCount());
        return selection;
    }
}
