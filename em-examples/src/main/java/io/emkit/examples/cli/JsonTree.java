package io.emkit.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Small helpers over Jackson's tree model for the model files: reading nested number arrays with
 * messages that name the file, the field path and the index, and writing them back.
 *
 * <p>Doubles are written with {@link Double#toString(double)}, which reads back to the same double
 * with {@link Double#parseDouble}; Jackson parses numbers with the same routine, so a written model
 * reads back bit for bit.
 */
final class JsonTree {

    /** Strict: a duplicate key or anything after the top-level value is an error, never "last one wins". */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonTree() {}

    /** Reads a JSON object from a file; a missing file or a syntax error is a one-line message. */
    static ObjectNode read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(path + ": not valid JSON" + where + " ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(path + ": expected a JSON object at the top level");
        }
        return (ObjectNode) node;
    }

    /** Writes a JSON object, objects indented and number arrays kept on one line, ending in a newline. */
    static String write(ObjectNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Writes a JSON object to a file atomically (temporary file in the same folder, then rename). */
    static void write(ObjectNode node, Path path) {
        byte[] bytes = write(node).getBytes(StandardCharsets.UTF_8);
        try {
            io.emkit.io.AtomicFiles.write(path, out -> out.write(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The text of a required string field. */
    static String text(ObjectNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(source + ": missing field \"" + field + "\"");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(source + ": \"" + field + "\" must be a string");
        }
        return node.asText();
    }

    /** A required field. */
    static JsonNode field(JsonNode root, String field, String source, String path) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException(source + ": missing field \"" + path + field + "\"");
        }
        return node;
    }

    static double number(JsonNode node, String source, String where) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(source + ": " + where + " must be a number, not " + node);
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(source + ": " + where + " is " + value + "; must be finite");
        }
        return value;
    }

    /** A vector of numbers of the given length (or any length when {@code length < 0}). */
    static double[] vector(JsonNode node, int length, String source, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": " + where + " must be an array of numbers");
        }
        if (length >= 0 && node.size() != length) {
            throw new IllegalArgumentException(source + ": " + where + " has " + node.size()
                    + " entries, expected " + length);
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = number(node.get(i), source, where + "[" + i + "]");
        }
        return values;
    }

    /** A rows x columns matrix; a negative size means "any, but rectangular". */
    static double[][] matrix(JsonNode node, int rows, int columns, String source, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": " + where + " must be an array of arrays");
        }
        if (rows >= 0 && node.size() != rows) {
            throw new IllegalArgumentException(source + ": " + where + " has " + node.size()
                    + " rows, expected " + rows);
        }
        if (node.size() == 0) {
            throw new IllegalArgumentException(source + ": " + where + " is empty");
        }
        double[][] values = new double[node.size()][];
        int width = columns;
        for (int i = 0; i < values.length; i++) {
            values[i] = vector(node.get(i), width, source, where + "[" + i + "]");
            width = values[i].length;
        }
        return values;
    }

    /** A count x size x size array of square matrices. */
    static double[][][] cube(JsonNode node, int count, int size, String source, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": " + where + " must be an array of matrices");
        }
        if (count >= 0 && node.size() != count) {
            throw new IllegalArgumentException(source + ": " + where + " has " + node.size()
                    + " matrices, expected " + count);
        }
        double[][][] values = new double[node.size()][][];
        for (int i = 0; i < values.length; i++) {
            values[i] = matrix(node.get(i), size, size, source, where + "[" + i + "]");
        }
        return values;
    }

    static ArrayNode array(double[] values) {
        ArrayNode node = MAPPER.createArrayNode();
        for (double v : values) {
            node.add(v);
        }
        return node;
    }

    static ArrayNode array(double[][] values) {
        ArrayNode node = MAPPER.createArrayNode();
        for (double[] row : values) {
            node.add(array(row));
        }
        return node;
    }

    static ArrayNode array(double[][][] values) {
        ArrayNode node = MAPPER.createArrayNode();
        for (double[][] matrix : values) {
            node.add(array(matrix));
        }
        return node;
    }
}
