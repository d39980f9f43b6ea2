package io.emkit.core.family;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.FitWarning;
import java.util.Arrays;
import java.util.Objects;

/**
 * Operations every family gets from its contract alone: estimates from hard labels or from given
 * responsibilities (one M-step), and the block-wise loops that feed a kernel from a {@link Dataset}.
 */
public final class Families {

    private Families() {}

    /**
     * Components estimated from hard labels: one M-step with observation i given to component
     * {@code labels[i]} with its row weight. A label that no row carries leaves that component at
     * the family's {@linkplain Family#reference reference}.
     *
     * @param family the family
     * @param data the observations, {@code n × d}. Not modified.
     * @param labels n labels in {@code [0, k)}. Not modified.
     * @param k the number of components
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return the components
     * @throws IllegalArgumentException if a label is out of range or the lengths differ
     */
    public static <C, A extends Accumulator<A>> C fromLabels(Family<C, A> family, Dataset data, int[] labels,
            int k) {
        Objects.requireNonNull(labels, "labels");
        checkArgument(labels.length == data.size(), "labels has length %s but the data have %s rows",
                labels.length, data.size());
        for (int i = 0; i < labels.length; i++) {
            checkArgument(labels[i] >= 0 && labels[i] < k, "labels[%s] is %s; must be in [0, %s)", i, labels[i], k);
        }
        return fromWeights(family, data, k, (from, nb, w, bs) -> {
            for (int i = 0; i < nb; i++) {
                w[labels[from + i] * bs + i] = 1.0;
            }
        });
    }

    /**
     * Components estimated from responsibilities: one M-step with weights {@code r[i·k + j]} times the
     * row weights.
     *
     * @param family the family
     * @param data the observations, {@code n × d}. Not modified.
     * @param responsibilities row-major {@code n × k}, entries finite and {@code >= 0}. Not modified.
     * @param k the number of components
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return the components
     */
    public static <C, A extends Accumulator<A>> C fromResponsibilities(Family<C, A> family, Dataset data,
            double[] responsibilities, int k) {
        checkArgument(responsibilities.length == (long) data.size() * k,
                "responsibilities has %s entries but the data need %s x %s", responsibilities.length, data.size(), k);
        return fromWeights(family, data, k, (from, nb, w, bs) -> {
            for (int i = 0; i < nb; i++) {
                for (int j = 0; j < k; j++) {
                    w[j * bs + i] = responsibilities[(from + i) * k + j];
                }
            }
        });
    }

    /** Fills the component-major weights {@code w[j·bs + i]} of rows {@code [from, from + nb)}. */
    @FunctionalInterface
    interface BlockWeights {
        void fill(int from, int nb, double[] w, int bs);
    }

    private static <C, A extends Accumulator<A>> C fromWeights(Family<C, A> family, Dataset data, int k,
            BlockWeights weights) {
        C reference = family.reference(data, k);
        Kernel<A> kernel = family.kernel(reference);
        int d = data.dimension();
        int bs = Family.BLOCK_ROWS;
        double[] rows = new double[bs * d];
        double[] rowWeights = new double[bs];
        double[] w = new double[k * bs];
        for (int from = 0; from < data.size(); from += bs) {
            int nb = Math.min(bs, data.size() - from);
            data.copyRows(from, from + nb, rows, 0);
            data.copyWeights(from, from + nb, rowWeights, 0);
            Arrays.fill(w, 0.0);
            weights.fill(from, nb, w, bs);
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < nb; i++) {
                    w[j * bs + i] *= rowWeights[i];
                }
            }
            kernel.accumulate(rows, 0, nb, w, 0, bs);
        }
        return family.estimate(kernel.finish(), reference, QUIET);
    }

    /** Repairs that ignore what they are told: initialisation keeps empty components at the reference. */
    private static final Repairs QUIET = Repairs.of(new io.emkit.core.IterationContext() {
        @Override
        public int iteration() {
            return 1;
        }

        @Override
        public void warn(FitWarning warning) {}
    }, (component, weight) -> {});

    /**
     * Log densities of every row under every component: {@code out[i·k + j] = log f_j(x_i)}.
     *
     * @param family the family
     * @param set the components
     * @param data rows of the set's dimension. Not modified.
     * @param <C> component-set type
     * @param <A> accumulator type
     * @return a new row-major {@code n × k} array
     */
    public static <C, A extends Accumulator<A>> double[] logDensities(Family<C, A> family, C set, Dataset data) {
        int k = family.components(set);
        int d = data.dimension();
        int bs = Family.BLOCK_ROWS;
        Kernel<A> kernel = family.kernel(set);
        double[] rows = new double[bs * d];
        double[] block = new double[k * bs];
        double[] out = new double[Math.multiplyExact(data.size(), k)];
        for (int from = 0; from < data.size(); from += bs) {
            int nb = Math.min(bs, data.size() - from);
            data.copyRows(from, from + nb, rows, 0);
            kernel.logDensities(rows, 0, nb, block, 0, bs);
            for (int i = 0; i < nb; i++) {
                for (int j = 0; j < k; j++) {
                    out[(from + i) * k + j] = block[j * bs + i];
                }
            }
        }
        return out;
    }
}
