package io.emkit.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the two CSV formats of the {@code em} tool, reporting every problem with its file, line and
 * column (both 1-based).
 *
 * <ul>
 *   <li><b>Data CSV</b> ({@link #readData}): numbers separated by commas, one sample per line. The
 *       first non-blank line is a header when none of its cells is a number; a first line mixing
 *       numbers and text is a data line with a bad cell (so a typo never silently drops a sample).
 *   <li><b>Sequence CSV</b> ({@link #readSequences}): the first column is a sequence id (any text);
 *       consecutive rows with the same id form one sequence, in order of appearance; the other
 *       columns are the observation. The first line is a header when none of its observation cells
 *       is a number.
 * </ul>
 *
 * <p>Blank lines are skipped. Cells may be surrounded by spaces or double quotes. A number is what
 * {@link Double#parseDouble} accepts, except Java's type suffixes ({@code 1d}, {@code 2f}),
 * hexadecimal floats, NaN and infinities, which are rejected. Every error is an
 * {@link IllegalArgumentException} with a one-line message such as
 * {@code "x.csv: line 5, column 2: \"abc\" is not a number"}.
 */
public final class CsvReader {

    private CsvReader() {}

    /**
     * Reads a data CSV file.
     *
     * @param path the file
     * @return the table
     * @throws IllegalArgumentException if the file is missing or unreadable, empty, ragged, or holds
     *     a cell that is not a finite number (naming line and column)
     */
    public static NumericTable readData(Path path) {
        try (Reader reader = open(path)) {
            return readData(reader, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a data CSV from a reader.
     *
     * @param reader the text. Read to its end, not closed.
     * @param source the name used in error messages (a file name)
     * @return the table
     * @throws IllegalArgumentException as {@link #readData(Path)}
     */
    public static NumericTable readData(Reader reader, String source) {
        List<String> header = List.of();
        List<double[]> rows = new ArrayList<>();
        int dimension = -1;
        int firstDataLine = -1;
        BufferedReader lines = buffered(reader);
        int lineNumber = 0;
        for (String line = readLine(lines, source); line != null; line = readLine(lines, source)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (dimension < 0 && rows.isEmpty() && header.isEmpty() && noneNumeric(cells, 0)) {
                header = unquoted(cells);
                continue;
            }
            if (dimension < 0) {
                dimension = cells.length;
                firstDataLine = lineNumber;
                if (!header.isEmpty() && header.size() != dimension) {
                    throw new IllegalArgumentException(String.format(
                            "%s: line %d has %d columns but the header has %d",
                            source, lineNumber, dimension, header.size()));
                }
            } else if (cells.length != dimension) {
                throw new IllegalArgumentException(String.format(
                        "%s: line %d has %d columns but line %d has %d",
                        source, lineNumber, cells.length, firstDataLine, dimension));
            }
            double[] row = new double[dimension];
            for (int c = 0; c < dimension; c++) {
                row[c] = number(cells[c], source, lineNumber, c + 1);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + ": no data lines");
        }
        return new NumericTable(header, rows.toArray(new double[0][]), dimension);
    }

    /**
     * Reads a sequence CSV file.
     *
     * @param path the file
     * @param categorical {@code true}: each observation is one non-negative integer symbol;
     *     {@code false}: each observation is d finite numbers, the same d on every line
     * @return the sequences
     * @throws IllegalArgumentException if the file is missing, empty, ragged, or a cell is bad
     *     (naming line and column)
     */
    public static SequenceTable readSequences(Path path, boolean categorical) {
        try (Reader reader = open(path)) {
            return readSequences(reader, path.toString(), categorical);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a sequence CSV from a reader.
     *
     * @param reader the text. Read to its end, not closed.
     * @param source the name used in error messages
     * @param categorical as {@link #readSequences(Path, boolean)}
     * @return the sequences
     * @throws IllegalArgumentException as {@link #readSequences(Path, boolean)}
     */
    public static SequenceTable readSequences(Reader reader, String source, boolean categorical) {
        BufferedReader lines = buffered(reader);
        List<String> ids = new ArrayList<>();
        List<List<double[]>> sequences = new ArrayList<>();
        List<String> header = List.of();
        String currentId = null;
        int dimension = -1;
        int firstDataLine = -1;
        int lineNumber = 0;
        for (String line = readLine(lines, source); line != null; line = readLine(lines, source)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length < 2) {
                throw new IllegalArgumentException(String.format(
                        "%s: line %d has %d column; a sequence CSV needs an id column and at least one"
                                + " observation column", source, lineNumber, cells.length));
            }
            if (dimension < 0 && header.isEmpty() && noneNumeric(cells, 1)) {
                header = unquoted(cells);
                continue;
            }
            int observationColumns = cells.length - 1;
            if (dimension < 0) {
                dimension = observationColumns;
                firstDataLine = lineNumber;
                if (categorical && dimension != 1) {
                    throw new IllegalArgumentException(String.format(
                            "%s: line %d has %d observation columns; categorical emissions need exactly"
                                    + " one integer symbol after the sequence id",
                            source, lineNumber, dimension));
                }
            } else if (observationColumns != dimension) {
                throw new IllegalArgumentException(String.format(
                        "%s: line %d has %d columns but line %d has %d",
                        source, lineNumber, cells.length, firstDataLine, dimension + 1));
            }
            String id = unquote(cells[0].strip());
            if (id.isEmpty()) {
                throw new IllegalArgumentException(String.format(
                        "%s: line %d, column 1: the sequence id is empty", source, lineNumber));
            }
            double[] observation = new double[dimension];
            for (int c = 0; c < dimension; c++) {
                observation[c] = categorical
                        ? symbol(cells[c + 1], source, lineNumber, c + 2)
                        : number(cells[c + 1], source, lineNumber, c + 2);
            }
            if (!id.equals(currentId)) {
                ids.add(id);
                sequences.add(new ArrayList<>());
                currentId = id;
            }
            sequences.get(sequences.size() - 1).add(observation);
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException(source + ": no data lines");
        }
        List<double[][]> arrays = new ArrayList<>(sequences.size());
        for (List<double[]> sequence : sequences) {
            arrays.add(sequence.toArray(new double[0][]));
        }
        return new SequenceTable(header, ids, arrays, dimension, categorical);
    }

    private static Reader open(Path path) {
        Objects.requireNonNull(path, "path");
        try {
            return Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static BufferedReader buffered(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        return reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    private static String readLine(BufferedReader reader, String source) {
        try {
            String line = reader.readLine();
            // A UTF-8 byte order mark at the start of the file is not part of the first cell.
            if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            return line;
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static boolean noneNumeric(String[] cells, int from) {
        for (int c = from; c < cells.length; c++) {
            if (parse(cells[c]) != null) {
                return false;
            }
        }
        return true;
    }

    private static List<String> unquoted(String[] cells) {
        List<String> names = new ArrayList<>(cells.length);
        for (String cell : cells) {
            names.add(unquote(cell.strip()));
        }
        return names;
    }

    private static String unquote(String cell) {
        if (cell.length() >= 2 && cell.charAt(0) == '"' && cell.charAt(cell.length() - 1) == '"') {
            return cell.substring(1, cell.length() - 1).strip();
        }
        return cell;
    }

    /** The cell's value, or null when it is not a plain finite decimal number. */
    private static Double parse(String rawCell) {
        String cell = unquote(rawCell.strip());
        if (cell.isEmpty()) {
            return null;
        }
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            boolean allowed = (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+'
                    || ch == 'e' || ch == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(String cell, String source, int line, int column) {
        Double value = parse(cell);
        if (value != null) {
            return value;
        }
        String shown = cell.strip();
        String why = shown.isEmpty() ? "the cell is empty" : "\"" + shown + "\" is not a finite number";
        throw new IllegalArgumentException(
                String.format("%s: line %d, column %d: %s", source, line, column, why));
    }

    private static double symbol(String cell, String source, int line, int column) {
        double value = number(cell, source, line, column);
        if (value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE) {
            return value;
        }
        throw new IllegalArgumentException(String.format(
                "%s: line %d, column %d: \"%s\" is not a symbol (a non-negative integer)",
                source, line, column, cell.strip()));
    }
}
