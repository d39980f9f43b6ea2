package io.emkit.examples.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.Em;
import io.emkit.core.EmOptions;
import io.emkit.core.EmResult;
import io.emkit.examples.data.BundledData;
import io.emkit.examples.data.LabelledData;
import io.emkit.examples.demo.OldFaithfulDemo;
import io.emkit.gmm.CovarianceType;
import io.emkit.gmm.GaussianMixture;
import io.emkit.gmm.GaussianMixtureModel;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Example: Gaussian mixtures on two classic data sets. Old Faithful with k = 2 full covariances
 * (short and long eruptions), then Iris with k = 3 full covariances, comparing the clusters with the
 * species (contingency table, matched accuracy, adjusted Rand index).
 *
 * <p>Run: {@code java -cp em.jar io.emkit.examples.gmm.GaussianMixtureExamples}. Seeded: the same
 * output every time.
 */
public final class GaussianMixtureExamples {

    private GaussianMixtureExamples() {}

    /**
     * Runs the example on standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out, EmOptions.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Runs the example.
     *
     * @param out where the report goes
     * @param maxIterations iteration cap of each fit (tests pass a small one)
     * @return the agreement between the Iris clusters and the species
     */
    public static Agreement run(PrintStream out, int maxIterations) {
        EmOptions options = EmOptions.builder().seed(0).restarts(5).maxIterations(maxIterations).build();

        LabelledData faithful = BundledData.oldFaithful();
        Dataset faithfulData = Dataset.of(faithful.features());
        GaussianMixtureModel two = GaussianMixtureModel.builder().components(2).covarianceType(CovarianceType.FULL)
                .build();
        EmResult<GaussianMixture> fit = Em.fit(two, faithfulData, options);
        out.printf(Locale.ROOT, "Old Faithful (%d eruptions), k = 2, full: log-likelihood %.4f, %d iterations, %s%n",
                faithful.size(), fit.logLikelihood(), fit.iterations(), fit.converged() ? "converged" : "not converged");
        out.print(OldFaithfulDemo.describe(fit.parameters(), faithful.columns()));
        out.println();

        LabelledData iris = BundledData.iris();
        Dataset irisData = Dataset.of(iris.features());
        GaussianMixtureModel three = GaussianMixtureModel.builder().components(3).covarianceType(CovarianceType.FULL)
                .build();
        EmResult<GaussianMixture> irisFit = Em.fit(three, irisData, options);
        int[] clusters = irisFit.parameters().labels(irisData);
        Agreement agreement = Agreement.of(clusters, 3, iris.labels(), iris.classes().size());
        out.printf(Locale.ROOT, "Iris (%d flowers, 4 measurements), k = 3, full: log-likelihood %.4f, %d iterations%n",
                iris.size(), irisFit.logLikelihood(), irisFit.iterations());
        out.print(agreement.table(iris.classes()));
        out.printf(Locale.ROOT, "Agreement with the species: %.1f%% of flowers under the best cluster-to-species"
                + " matching, adjusted Rand index %.3f%n", 100 * agreement.matchedAccuracy(),
                agreement.adjustedRandIndex());
        return agreement;
    }
}
