package io.emkit.discrete;

import io.emkit.core.Dataset;
import io.emkit.core.family.Family;
import io.emkit.core.family.FamilyContract;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;

/** The family contract for the categorical and Poisson families. */
class DiscreteFamilyContractTest {

    @Nested
    class Categorical extends FamilyContract<CategoricalComponents, CategoricalFamily.Counts> {
        @Override
        protected Family<CategoricalComponents, CategoricalFamily.Counts> family() {
            return new CategoricalFamily(5);
        }

        @Override
        protected Dataset data(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double[][] rows = new double[300][1];
            for (double[] row : rows) {
                row[0] = random.nextDouble() < 0.5 ? random.nextInt(2) : 2 + random.nextInt(3);
            }
            return Dataset.of(rows);
        }

        @Override
        protected double[] vector(CategoricalComponents set) {
            return java.util.Arrays.stream(set.toArray()).flatMapToDouble(java.util.Arrays::stream).toArray();
        }
    }

    @Nested
    class Poisson extends FamilyContract<PoissonFamily.Rates, PoissonFamily.Sums> {
        @Override
        protected Family<PoissonFamily.Rates, PoissonFamily.Sums> family() {
            return PoissonFamily.INSTANCE;
        }

        @Override
        protected Dataset data(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            PoissonFamily.Rates truth = PoissonFamily.Rates.of(new double[][] {{1, 4}, {9, 2}, {20, 30}});
            double[][] rows = new double[300][2];
            for (int i = 0; i < rows.length; i++) {
                PoissonFamily.INSTANCE.sample(truth, i % 3, random, rows[i], 0);
            }
            return Dataset.of(rows);
        }

        @Override
        protected double[] vector(PoissonFamily.Rates set) {
            return java.util.Arrays.stream(set.toArray()).flatMapToDouble(java.util.Arrays::stream).toArray();
        }
    }
}
