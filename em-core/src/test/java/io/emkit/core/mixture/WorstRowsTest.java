package io.emkit.core.mixture;

import static org.assertj.core.api.Assertions.assertThat;

import io.emkit.core.family.Accumulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The k worst-explained rows a mixture's statistics keep (where empty components are re-seeded): the
 * k lowest {@code log p(x)} of everything offered, ties broken by the rows' values, whatever the order
 * of the offers (ascending, descending, shuffled) and of the merges, and the same after serialisation.
 */
class WorstRowsTest {

    private static final int K = 5;
    private static final int D = 2;

    private record Row(double logDensity, double[] values) {}

    /** The reference order: lower log density first, then lexicographically lower values. */
    private static final Comparator<Row> WORST_FIRST = Comparator.comparingDouble(Row::logDensity)
            .thenComparing(Row::values, (a, b) -> {
                for (int c = 0; c < a.length; c++) {
                    if (a[c] != b[c]) {
                        return Double.compare(a[c], b[c]);
                    }
                }
                return 0;
            });

    @Test
    void keepsTheKLowestWhateverTheOrderOfOffersAndMerges() throws Exception {
        SplittableRandom random = new SplittableRandom(12);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // few distinct log densities, so ties are common and broken by the values
            double logDensity = -random.nextInt(12);
            rows.add(new Row(logDensity, new double[] {random.nextInt(3), random.nextInt(4)}));
        }
        List<Row> expected = new ArrayList<>(rows);
        expected.sort(WORST_FIRST);
        expected = expected.subList(0, K);

        List<List<Row>> orders = new ArrayList<>();
        List<Row> ascending = new ArrayList<>(rows);
        ascending.sort(WORST_FIRST);
        orders.add(ascending);
        List<Row> descending = new ArrayList<>(ascending);
        Collections.reverse(descending);
        orders.add(descending);
        for (int s = 0; s < 5; s++) {
            List<Row> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new java.util.Random(s));
            orders.add(shuffled);
        }
        for (List<Row> order : orders) {
            assertThat(kept(offered(order))).usingElementComparator(WORST_FIRST).containsExactlyElementsOf(expected);
            // the same rows in three chunks, merged in either order
            MixtureStatistics<Nothing> a = offered(order.subList(0, 70));
            MixtureStatistics<Nothing> b = offered(order.subList(70, 71));
            MixtureStatistics<Nothing> c = offered(order.subList(71, order.size()));
            assertThat(kept(a.merge(b).merge(c))).usingElementComparator(WORST_FIRST).containsExactlyElementsOf(expected);
            a = offered(order.subList(0, 70));
            b = offered(order.subList(70, 71));
            c = offered(order.subList(71, order.size()));
            assertThat(kept(c.merge(b).merge(a))).usingElementComparator(WORST_FIRST).containsExactlyElementsOf(expected);
        }

        MixtureStatistics<Nothing> partial = offered(orders.get(2).subList(0, 150));
        MixtureStatistics<Nothing> restored = roundTrip(partial);
        for (Row row : orders.get(2).subList(150, 200)) {
            partial.offerWorstRow(row.logDensity(), row.values(), 0);
            restored.offerWorstRow(row.logDensity(), row.values(), 0);
        }
        assertThat(kept(restored)).usingElementComparator(WORST_FIRST).containsExactlyElementsOf(kept(partial));
        assertThat(restored.worstThreshold()).isEqualTo(partial.worstThreshold()).isEqualTo(expected.get(K - 1).logDensity());
    }

    @Test
    void fewerOffersThanKKeepThemAllAndAdmitAnything() {
        MixtureStatistics<Nothing> s = offered(List.of(new Row(-1, new double[] {0, 0}), new Row(-3, new double[] {1, 0})));
        assertThat(s.worstThreshold()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(kept(s)).extracting(Row::logDensity).containsExactly(-3.0, -1.0);
    }

    private static MixtureStatistics<Nothing> offered(List<Row> rows) {
        MixtureStatistics<Nothing> s = MixtureStatistics.of(D, new double[K], new Nothing(), 0, 0);
        for (Row row : rows) {
            s.offerWorstRow(row.logDensity(), row.values(), 0);
        }
        return s;
    }

    private static List<Row> kept(MixtureStatistics<Nothing> s) {
        List<Row> out = new ArrayList<>();
        for (int m : s.worstOrder()) {
            out.add(new Row(s.worstLogDensity[m], java.util.Arrays.copyOfRange(s.worstRows, m * D, (m + 1) * D)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static MixtureStatistics<Nothing> roundTrip(MixtureStatistics<Nothing> s) throws IOException,
            ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (MixtureStatistics<Nothing>) in.readObject();
        }
    }

    /** A family accumulator with nothing in it: these tests are of the worst rows only. */
    private static final class Nothing implements Accumulator<Nothing> {
        private static final long serialVersionUID = 1L;

        @Override
        public Nothing merge(Nothing other) {
            return this;
        }

        @Override
        public Nothing scale(double factor) {
            return this;
        }

        @Override
        public Nothing emptyCopy() {
            return new Nothing();
        }
    }
}
