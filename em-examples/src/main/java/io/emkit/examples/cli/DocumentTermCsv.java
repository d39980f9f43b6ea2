package io.emkit.examples.cli;

import io.emkit.latent.lda.Documents;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the document-term CSV of {@code em lda}: a header {@code doc,term,count}, then one line per
 * (document, term) pair. {@code term} is a string or an integer id; when every term of a file is a
 * non-negative integer the vocabulary is {@code 0..max} (ids are columns), otherwise it is the sorted
 * set of terms. With a model's vocabulary, terms are matched by their text and an unknown one is an
 * error naming it and its line. Counts are finite numbers {@code >= 0} (a zero keeps the document but
 * adds no entry). Blank lines and lines starting with {@code #} are skipped; cells may be
 * double-quoted (RFC 4180, a quoted cell may hold commas); a UTF-8 BOM is ignored.
 */
final class DocumentTermCsv {

    /** The documents and whether the terms were integer ids. */
    record Table(Documents documents, boolean integerTerms) {}

    private DocumentTermCsv() {}

    /**
     * Reads a file.
     *
     * @param path the CSV
     * @param vocabulary a model's terms to match against, or null to collect the vocabulary
     * @return the documents
     * @throws IllegalArgumentException naming the file and line of any problem
     */
    static Table read(Path path, List<String> vocabulary) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            boolean first = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = split(line, path, lineNumber);
                if (cells.length != 3) {
                    throw new IllegalArgumentException(path + ": line " + lineNumber + " has " + cells.length
                            + " columns; a document-term CSV has exactly doc,term,count");
                }
                if (first) {
                    first = false;
                    if (parseCount(cells[2]) == null) {
                        continue; // the header
                    }
                }
                rows.add(cells);
                lineNumbers.add(lineNumber);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read (" + e.getMessage() + ")");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(path + ": no documents (no data lines after the header)");
        }
        boolean integers = true;
        int maxId = -1;
        for (String[] row : rows) {
            Integer id = integerId(row[1]);
            if (id == null) {
                integers = false;
                break;
            }
            maxId = Math.max(maxId, id);
        }
        Documents.Builder builder;
        if (vocabulary != null) {
            builder = Documents.builder(vocabulary);
        } else if (integers) {
            List<String> ids = new ArrayList<>(maxId + 1);
            for (int i = 0; i <= maxId; i++) {
                ids.add(Integer.toString(i));
            }
            builder = Documents.builder(ids);
        } else {
            builder = Documents.builder();
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            int line = lineNumbers.get(r);
            if (row[0].isEmpty()) {
                throw new IllegalArgumentException(path + ": line " + line + ", column 1: the document id is empty");
            }
            if (row[1].isEmpty()) {
                throw new IllegalArgumentException(path + ": line " + line + ", column 2: the term is empty");
            }
            Double count = parseCount(row[2]);
            if (count == null || count < 0) {
                throw new IllegalArgumentException(path + ": line " + line + ", column 3: \"" + row[2]
                        + "\" is not a count (a finite number >= 0)");
            }
            String term = integers && integerId(row[1]) != null ? Integer.toString(integerId(row[1])) : row[1];
            try {
                builder.add(row[0], term, count);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": line " + line + ": " + e.getMessage(), e);
            }
        }
        return new Table(builder.build(), vocabulary == null ? integers : false);
    }

    private static Integer integerId(String cell) {
        if (cell.isEmpty() || cell.length() > 9) {
            return null;
        }
        for (int i = 0; i < cell.length(); i++) {
            if (cell.charAt(i) < '0' || cell.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(cell);
    }

    private static Double parseCount(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        for (int i = 0; i < cell.length(); i++) {
            char ch = cell.charAt(i);
            if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E')) {
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

    /** Splits one line on commas, honouring double quotes ({@code ""} inside quotes is a quote). */
    static String[] split(String line, Path path, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(path + ": line " + lineNumber + ": unterminated quoted cell");
        }
        cells.add(cell.toString().strip());
        return cells.toArray(new String[0]);
    }

    /** A cell for CSV output: quoted when it holds a comma, quote or line break. */
    static String cell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
