package io.emkit.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The public data sets bundled in this module's resources (see {@code data/README.md} beside them
 * for sources and licences): Old Faithful, Iris and the UCI optical digits.
 *
 * <p>Each call reads and parses the resource again and returns a fresh, independent data set.
 */
public final class BundledData {

    private static final String ROOT = "/io/emkit/examples/data/";

    private BundledData() {}

    /**
     * Old Faithful eruptions: 272 rows of (eruption length in minutes, waiting time to the next
     * eruption in minutes), R {@code datasets::faithful}. Unlabelled.
     *
     * @return the data set
     * @throws UncheckedIOException if the resource is missing from the jar
     */
    public static LabelledData oldFaithful() {
        List<String[]> rows = read("old-faithful.csv", false);
        String[] header = rows.remove(0);
        return new LabelledData("old-faithful", numbers(rows, header.length, "old-faithful.csv"),
                new int[0], List.of(header), List.of());
    }

    /**
     * Fisher's iris: 150 rows of four measurements in cm (sepal length, sepal width, petal length,
     * petal width), labelled with the species (setosa, versicolor, virginica, in order of
     * appearance), R {@code datasets::iris}.
     *
     * @return the data set
     * @throws UncheckedIOException if the resource is missing from the jar
     */
    public static LabelledData iris() {
        List<String[]> rows = read("iris.csv", false);
        String[] header = rows.remove(0);
        int d = header.length - 1;
        Map<String, Integer> species = new LinkedHashMap<>();
        int[] labels = new int[rows.size()];
        List<String[]> features = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String name = row[d].strip().replace("\"", "");
            labels[i] = species.computeIfAbsent(name, key -> species.size());
            String[] values = new String[d];
            System.arraycopy(row, 0, values, 0, d);
            features.add(values);
        }
        List<String> columns = new ArrayList<>(List.of(header).subList(0, d));
        return new LabelledData("iris", numbers(features, d, "iris.csv"), labels, columns,
                List.copyOf(species.keySet()));
    }

    /**
     * The UCI optical recognition of handwritten digits, test part as scikit-learn ships it: 1797
     * images of 8 x 8 pixels, each pixel a count 0..16 (row-major: column {@code 8*r + c} is pixel
     * row r, column c), labelled with the digit 0..9 (label i is class {@code "i"}).
     *
     * @return the data set
     * @throws UncheckedIOException if the resource is missing from the jar
     */
    public static LabelledData digits() {
        List<String[]> rows = read("digits.csv.gz", true);
        int d = 64;
        int[] labels = new int[rows.size()];
        List<String[]> features = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            labels[i] = Integer.parseInt(row[d].strip());
            String[] values = new String[d];
            System.arraycopy(row, 0, values, 0, d);
            features.add(values);
        }
        List<String> columns = new ArrayList<>(d);
        for (int p = 0; p < d; p++) {
            columns.add("pixel" + (p / 8) + (p % 8));
        }
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        return new LabelledData("digits", numbers(features, d, "digits.csv.gz"), labels, columns, classes);
    }

    private static List<String[]> read(String resource, boolean gzipped) {
        InputStream raw = BundledData.class.getResourceAsStream(ROOT + resource);
        if (raw == null) {
            throw new UncheckedIOException(new IOException("bundled data " + ROOT + resource + " not found"));
        }
        try (InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled data " + resource, e);
        }
    }

    private static double[][] numbers(List<String[]> rows, int d, String resource) {
        double[][] values = new double[rows.size()][d];
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            for (int j = 0; j < d; j++) {
                try {
                    values[i][j] = Double.parseDouble(row[j].strip());
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IllegalStateException("bundled " + resource + " is corrupt at data row "
                            + i + ", column " + j, e);
                }
            }
        }
        return values;
    }
}
