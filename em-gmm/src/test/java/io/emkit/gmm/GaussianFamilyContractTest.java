package io.emkit.gmm;

import io.emkit.core.Dataset;
import io.emkit.core.family.Family;
import io.emkit.core.family.FamilyContract;
import io.emkit.core.mixture.MixtureAccumulator;
import io.emkit.core.mixture.MixtureFamily;
import io.emkit.core.mixture.MixtureSet;
import org.junit.jupiter.api.Nested;

/** The family contract for the Gaussian family with each covariance structure, and for a mixture of it. */
class GaussianFamilyContractTest {

    /** Components' means and native covariances, flattened. */
    static double[] flat(GaussianComponents c) {
        double[][] means = c.means();
        Object cov = c.nativeCovariances();
        double[] covariances = cov instanceof double[][][] full
                ? java.util.Arrays.stream(full).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream)
                        .toArray()
                : cov instanceof double[][] m ? java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray()
                : (double[]) cov;
        double[] m = java.util.Arrays.stream(means).flatMapToDouble(java.util.Arrays::stream).toArray();
        double[] out = java.util.Arrays.copyOf(m, m.length + covariances.length);
        System.arraycopy(covariances, 0, out, m.length, covariances.length);
        return out;
    }

    abstract static class Gaussian extends FamilyContract<GaussianComponents, GaussianAccumulator> {
        abstract CovarianceType type();

        @Override
        protected Family<GaussianComponents, GaussianAccumulator> family() {
            return GaussianFamily.of(type(), 0.0);
        }

        @Override
        protected Dataset data(long seed) {
            return Dataset.of(GaussianMixturePropertiesTest.clusters(seed, 300));
        }

        @Override
        protected double[] vector(GaussianComponents set) {
            return flat(set);
        }
    }

    @Nested
    class Full extends Gaussian {
        @Override
        CovarianceType type() {
            return CovarianceType.FULL;
        }
    }

    @Nested
    class Diagonal extends Gaussian {
        @Override
        CovarianceType type() {
            return CovarianceType.DIAGONAL;
        }
    }

    @Nested
    class Spherical extends Gaussian {
        @Override
        CovarianceType type() {
            return CovarianceType.SPHERICAL;
        }
    }

    @Nested
    class Tied extends Gaussian {
        @Override
        CovarianceType type() {
            return CovarianceType.TIED;
        }
    }

    @Nested
    class MixtureOfGaussians extends FamilyContract<MixtureSet<GaussianComponents>, MixtureAccumulator<GaussianAccumulator>> {
        @Override
        protected Family<MixtureSet<GaussianComponents>, MixtureAccumulator<GaussianAccumulator>> family() {
            return MixtureFamily.of(GaussianFamily.of(CovarianceType.FULL, 0.0), 2);
        }

        @Override
        protected Dataset data(long seed) {
            return Dataset.of(GaussianMixturePropertiesTest.clusters(seed, 300));
        }

        @Override
        protected int components() {
            return 2;
        }

        @Override
        protected double[] vector(MixtureSet<GaussianComponents> set) {
            double[] w = java.util.Arrays.stream(set.weights()).flatMapToDouble(java.util.Arrays::stream).toArray();
            double[] inner = flat(set.inner());
            double[] out = java.util.Arrays.copyOf(w, w.length + inner.length);
            System.arraycopy(inner, 0, out, w.length, inner.length);
            return out;
        }
    }
}
