package io.emkit.core.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import io.emkit.core.IterationContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Family} keeps, checked on a family's own data: the kernel's log densities
 * do not depend on how observations are blocked; accumulation merges in any order and over any split;
 * {@code emptyCopy} is the identity of merge and {@code scale} multiplies weights; the M-step from
 * weights {@code c·w} equals the M-step from {@code w} (estimates depend on relative weights only);
 * component sets and accumulators survive Java serialisation.
 *
 * <p>Extend it with a family, data in its support, and a flat view of a component set.
 *
 * @param <C> component-set type
 * @param <A> accumulator type
 */
public abstract class FamilyContract<C, A extends Accumulator<A>> {

    /** Relative agreement of quantities that differ only in summation order. */
    protected static final double ORDER_TOLERANCE = 1e-11;

    /**
     * The family under test.
     *
     * @return the family
     */
    protected abstract Family<C, A> family();

    /**
     * Observations in the family's support, at least 200 of them.
     *
     * @param seed the seed to draw with
     * @return the data
     */
    protected abstract Dataset data(long seed);

    /**
     * Every number of a component set, in a fixed order, for comparisons.
     *
     * @param set the components
     * @return a flat array
     */
    protected abstract double[] vector(C set);

    /**
     * The number of components the contract uses.
     *
     * @return k (default 3)
     */
    protected int components() {
        return 3;
    }

    private static final Repairs QUIET = Repairs.of(new IterationContext() {
        @Override
        public int iteration() {
            return 1;
        }

        @Override
        public void warn(FitWarning warning) {}
    }, (component, weight) -> {});

    private C start(Dataset data) {
        return family().initialize(data, components(), new SplittableRandom(3));
    }

    /** Log densities of rows [from, to) in blocks of {@code block} rows, component-major over the range. */
    private double[] logDensities(C set, double[] x, int d, int from, int to, int block) {
        int k = family().components(set);
        int n = to - from;
        double[] out = new double[k * n];
        Kernel<A> kernel = family().kernel(set);
        for (int i = from; i < to; i += block) {
            int nb = Math.min(block, to - i);
            kernel.logDensities(x, i * d, nb, out, i - from, n);
        }
        return out;
    }

    /** Statistics of rows [from, to) with weights r(i, j), in blocks of {@code block} rows. */
    private A accumulate(C set, double[] x, int d, int from, int to, int block, double[] r) {
        int k = family().components(set);
        Kernel<A> kernel = family().kernel(set);
        double[] w = new double[k * Family.BLOCK_ROWS];
        for (int i = from; i < to; i += block) {
            int nb = Math.min(block, to - i);
            for (int j = 0; j < k; j++) {
                for (int q = 0; q < nb; q++) {
                    w[j * Family.BLOCK_ROWS + q] = r[(i + q) * k + j];
                }
            }
            kernel.accumulate(x, i * d, nb, w, 0, Family.BLOCK_ROWS);
        }
        return kernel.finish();
    }

    private static double[] rows(Dataset data) {
        double[] x = new double[data.size() * data.dimension()];
        data.copyRows(0, data.size(), x, 0);
        return x;
    }

    /** Random positive weights, k per row. */
    private double[] weights(int n, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] r = new double[n * k];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.05 + random.nextDouble();
        }
        return r;
    }

    @Test
    void logDensitiesDoNotDependOnBlocking() {
        Dataset data = data(1);
        C set = start(data);
        double[] x = rows(data);
        int d = data.dimension();
        int n = data.size();
        double[] whole = logDensities(set, x, d, 0, n, Family.BLOCK_ROWS);
        double[] single = logDensities(set, x, d, 0, n, 1);
        double[] odd = logDensities(set, x, d, 0, n, 7);
        for (int i = 0; i < whole.length; i++) {
            assertThat(whole[i]).as("entry %d", i).isNotNaN();
            assertThat(single[i]).as("entry %d, blocks of 1", i).isCloseTo(whole[i], within(1e-9 * (1 + Math.abs(whole[i]))));
            assertThat(odd[i]).as("entry %d, blocks of 7", i).isCloseTo(whole[i], within(1e-9 * (1 + Math.abs(whole[i]))));
        }
    }

    @Test
    void accumulationMergesOverAnySplitAndOrder() {
        Dataset data = data(2);
        C set = start(data);
        double[] x = rows(data);
        int d = data.dimension();
        int n = data.size();
        double[] r = weights(n, family().components(set), 5);
        A whole = accumulate(set, x, d, 0, n, Family.BLOCK_ROWS, r);
        int third = n / 3;
        A a = accumulate(set, x, d, 0, third, 5, r);
        A b = accumulate(set, x, d, third, 2 * third, Family.BLOCK_ROWS, r);
        A c = accumulate(set, x, d, 2 * third, n, 13, r);
        A forward = a.emptyCopy().merge(a).merge(b).merge(c);
        A backward = accumulate(set, x, d, 2 * third, n, 13, r).merge(accumulate(set, x, d, third, 2 * third,
                Family.BLOCK_ROWS, r)).merge(accumulate(set, x, d, 0, third, 5, r));
        assertClose(estimate(forward, set), estimate(whole, set), ORDER_TOLERANCE);
        assertClose(estimate(backward, set), estimate(whole, set), ORDER_TOLERANCE);
    }

    @Test
    void estimatesDependOnRelativeWeightsOnly() {
        Dataset data = data(3);
        C set = start(data);
        double[] x = rows(data);
        int d = data.dimension();
        int n = data.size();
        double[] r = weights(n, family().components(set), 6);
        double[] scaled = r.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 4.0;
        }
        double[] plain = estimate(accumulate(set, x, d, 0, n, Family.BLOCK_ROWS, r), set);
        double[] byFour = estimate(accumulate(set, x, d, 0, n, Family.BLOCK_ROWS, scaled), set);
        double[] scaledBack = estimate(accumulate(set, x, d, 0, n, Family.BLOCK_ROWS, scaled).scale(0.25), set);
        if (!family().isRegularised()) {
            assertClose(byFour, plain, 1e-12);
        }
        assertClose(scaledBack, plain, 1e-12);
    }

    @Test
    void componentsAndAccumulatorsSurviveSerialisation() throws IOException, ClassNotFoundException {
        Dataset data = data(4);
        C set = start(data);
        double[] x = rows(data);
        A total = accumulate(set, x, data.dimension(), 0, data.size(), Family.BLOCK_ROWS,
                weights(data.size(), family().components(set), 7));
        @SuppressWarnings("unchecked")
        C setBack = (C) roundTrip(set);
        @SuppressWarnings("unchecked")
        A totalBack = (A) roundTrip(total);
        assertThat(vector(setBack)).containsExactly(vector(set));
        assertThat(estimate(totalBack, set)).containsExactly(estimate(total, set));
        @SuppressWarnings("unchecked")
        Family<C, A> familyBack = (Family<C, A>) roundTrip(family());
        assertThat(vector(familyBack.estimate(totalBack, setBack, QUIET))).containsExactly(estimate(total, set));
    }

    @Test
    void samplesLieInTheSupportAndParameterCountsArePositive() {
        Dataset data = data(5);
        C set = start(data);
        int d = family().dimension(set);
        double[] out = new double[d * 50];
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50; i++) {
            family().sample(set, i % family().components(set), random, out, i * d);
        }
        family().validate(out, 50, d, "samples", 0); // throws if a sample is outside the support
        assertThat(family().parameterCount(set)).isPositive();
    }

    private double[] estimate(A total, C previous) {
        return vector(family().estimate(total, previous, QUIET));
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    /**
     * Asserts element-wise agreement relative to the largest magnitude of {@code expected}.
     *
     * @param actual values found
     * @param expected values wanted
     * @param relative tolerance as a fraction of {@code max|expected|}
     */
    protected static void assertClose(double[] actual, double[] expected, double relative) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(relative * scale + 1e-300));
        }
    }
}
