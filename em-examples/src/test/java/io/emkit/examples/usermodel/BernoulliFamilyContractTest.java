package io.emkit.examples.usermodel;

import io.emkit.core.Dataset;
import io.emkit.core.family.Family;
import io.emkit.core.family.FamilyContract;
import java.util.SplittableRandom;

/** The family contract for the user-written Bernoulli family: what any family, a user's included, keeps. */
class BernoulliFamilyContractTest extends FamilyContract<BernoulliFamily.Components, BernoulliFamily.Counts> {

    @Override
    protected Family<BernoulliFamily.Components, BernoulliFamily.Counts> family() {
        return new BernoulliFamily();
    }

    @Override
    protected Dataset data(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[300][8];
        for (int i = 0; i < rows.length; i++) {
            double p = i % 2 == 0 ? 0.2 : 0.8;
            for (int a = 0; a < 8; a++) {
                rows[i][a] = random.nextDouble() < (a < 4 ? p : 1 - p) ? 1 : 0;
            }
        }
        return Dataset.of(rows);
    }

    @Override
    protected double[] vector(BernoulliFamily.Components set) {
        int k = family().components(set);
        int d = family().dimension(set);
        double[] out = new double[k * d];
        for (int j = 0; j < k; j++) {
            for (int a = 0; a < d; a++) {
                out[j * d + a] = set.get(j, a);
            }
        }
        return out;
    }
}
