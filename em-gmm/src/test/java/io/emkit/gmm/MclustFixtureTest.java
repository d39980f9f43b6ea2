package io.emkit.gmm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.Dataset;
import java.util.ArrayList;
import io.emkit.core.EmOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * mclust's BIC tables (fixtures/mclust, made by make_mclust_fixtures.R with R mclust 6.0.0) on Old
 * Faithful, Iris and diabetes, G = 1..9 × 14 models.
 */
class MclustFixtureTest {

    @Test
    void parameterCountsAreMclusts() {
        for (String name : MclustTables.SETS) {
            int d = MclustTables.data(name)[0].length;
            for (MclustTables.Cell cell : MclustTables.table(name)) {
                long ours = (long) cell.k() * d + cell.model().parameterCount(cell.k(), d) + cell.k() - 1;
                assertThat(ours).as("%s %s G=%s", name, cell.model(), cell.k()).isEqualTo(cell.df());
            }
        }
    }

    @Test
    void hcPartitionsAreMclusts() {
        List<String> differ = new ArrayList<>();
        int total = 0;
        for (String name : MclustTables.SETS) {
            HierarchicalAgglomeration hc = HierarchicalAgglomeration.mclust(Dataset.of(MclustTables.data(name)), 0);
            int[][] r = MclustTables.hcPartitions(name);
            for (int g = 1; g <= 9; g++) {
                total++;
                if (!MclustTables.samePartition(hc.partition(g), r[g - 1])) {
                    differ.add(name + " G=" + g);
                }
            }
        }
        assertThat(differ).as("partitions differing from mclust's of %s", total).isEmpty();
    }

    @Test
    void hcLogLikelihoodsAreMclusts() {
        List<String> differ = new ArrayList<>();
        int compared = 0;
        int agree = 0;
        for (String name : MclustTables.SETS) {
            Dataset data = Dataset.of(MclustTables.data(name));
            HierarchicalAgglomeration hc = HierarchicalAgglomeration.mclust(data, 0);
            for (MclustTables.Cell cell : MclustTables.table(name)) {
                if (cell.failed()) {
                    continue;
                }
                compared++;
                double ours;
                try {
                    ours = MclustTables.fitFromLabels(data, cell.model(), cell.k(), hc.partition(cell.k()),
                            MclustTables.mclustOptions());
                } catch (RuntimeException e) {
                    differ.add(name + " " + cell.model() + " G=" + cell.k() + " threw " + e);
                    continue;
                }
                double rel = Math.abs(ours - cell.logLikelihood()) / Math.abs(cell.logLikelihood());
                if (rel <= 1e-5) {
                    agree++;
                } else {
                    differ.add(String.format("%s %s G=%d ours %.6f mclust %.6f", name, cell.model(), cell.k(), ours,
                            cell.logLikelihood()));
                }
            }
        }
        assertThat(agree).as("cells agreeing of %s; differing: %s", compared, String.join("\n", differ))
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * compared));
        assertThat(differ).as("differing of %s", compared).isEmpty();
        assertThat(compared).as("cells where mclust has a value (5 of Iris's VEE and EVV cells failed in R)")
                .isEqualTo(3 * 126 - 5);
    }

    @Test
    void selectsMclustsModelAndK() {
        Map<String, String> mclustBest = Map.of("faithful", "EEE 3", "iris", "VEV 2", "diabetes", "VVV 3");
        GaussianMixtureModel template = GaussianMixtureModel.builder().regCovar(0)
                .initialisation(GaussianMixtureModel.Initialisation.HC).build();
        List<Integer> ks = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (String name : MclustTables.SETS) {
            Dataset data = Dataset.of(MclustTables.data(name));
            GaussianMixtureSelection.Result result = GaussianMixtureSelection.selectModels(data, ks,
                    List.of(CovarianceModel.values()), template, MclustTables.mclustOptions(),
                    GaussianMixtureSelection.Criterion.BIC, row -> { });
            assertThat(result.table()).hasSize(126);
            List<String> oursFailed = result.table().stream().filter(GaussianMixtureSelection.Row::failed)
                    .map(r -> r.model() + " " + r.k()).toList();
            List<String> mclustFailed = MclustTables.table(name).stream().filter(MclustTables.Cell::failed)
                    .map(c -> c.model() + " " + c.k()).toList();
            assertThat(oursFailed).as("%s: failed cells (mclust's NA)", name).containsExactlyInAnyOrderElementsOf(mclustFailed);
            assertThat(result.best().model() + " " + result.best().k()).as(name).isEqualTo(mclustBest.get(name));
            // our BIC is minus mclust's
            double mclustBic = MclustTables.table(name).stream()
                    .filter(c -> c.model() == result.best().model() && c.k() == result.best().k())
                    .findFirst().orElseThrow().bic();
            assertThat(result.best().bic()).isCloseTo(-mclustBic, org.assertj.core.data.Offset.offset(1e-4 * Math.abs(mclustBic)));
        }
    }

    /**
     * kmeans++ with 10 restarts reaches at least mclust's hc log-likelihood. Trimmed to Iris (126 cells,
     * about 10 s alone) to keep the build fast; all three tables pass too (373 cells, about 35 s).
     */
    @Test
    void kmeansWithRestartsReachesMclustsLikelihood() {
        int compared = 0;
        int atLeast = 0;
        List<String> below = new ArrayList<>();
        EmOptions options = EmOptions.builder().convergenceRule(io.emkit.core.ConvergenceRule.RELATIVE)
                .tolerance(1e-8).maxIterations(2000).restarts(10).seed(12).threads(1).build();
        for (String name : List.of("iris")) {
            Dataset data = Dataset.of(MclustTables.data(name));
            for (MclustTables.Cell cell : MclustTables.table(name)) {
                if (cell.failed()) {
                    continue;
                }
                compared++;
                double ours = GaussianMixtureModel.builder().components(cell.k()).covarianceModel(cell.model())
                        .regCovar(0).build().fit(data, options).result().logLikelihood();
                if (ours >= cell.logLikelihood() - 1e-5 * Math.abs(cell.logLikelihood())) {
                    atLeast++;
                } else {
                    below.add(String.format("%s %s G=%d ours %.4f mclust %.4f", name, cell.model(), cell.k(), ours,
                            cell.logLikelihood()));
                }
            }
        }
        assertThat(atLeast).as("cells at least mclust's of %s; below: %s", compared, String.join("\n", below))
                .isGreaterThanOrEqualTo((int) Math.ceil(0.95 * compared));
    }
}
