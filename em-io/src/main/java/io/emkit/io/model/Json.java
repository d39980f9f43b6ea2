package io.emkit.io.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The JSON layer of the model files over Jackson's tree model: strict parsing, the printed layout,
 * and reading nested number arrays with messages that name the file, the JSON path and the index.
 *
 * <p>Doubles are written with {@link Double#toString(double)}, which reads back to the same double;
 * Jackson parses numbers with the same routine, so a written model reads back bit for bit.
 */
final class Json {

    /**
     * Strict: a duplicate key is an error, never "last one wins". Content after the top-level value is
     * checked by {@link #parse} itself, so that its message can say what it is.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {}

    /** Parses one JSON object; a syntax error, a duplicate key or trailing content is a one-line message. */
    static ObjectNode parse(String text, String source) {
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(text)) {
            node = MAPPER.readTree(parser);
            long end = parser.currentLocation().getCharOffset();
            int rest = end < 0 ? text.length() : (int) end;
            while (rest < text.length() && Character.isWhitespace(text.charAt(rest))) {
                rest++;
            }
            if (node != null && rest < text.length()) {
                throw new IllegalArgumentException(source + ": not valid JSON at " + position(text, rest)
                        + ": content after the end of the model object; the file must hold exactly one object");
            }
        } catch (IOException e) {
            if (!(e instanceof JsonProcessingException)) {
                throw new IllegalStateException("reading JSON from a string", e);
            }
            return failure(source, (JsonProcessingException) e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException(source + ": empty file; expected a JSON object");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": expected a JSON object at the top level, not "
                    + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) node;
    }

    /** "line L, column C" (1-based) of a character offset. */
    private static String position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return "line " + line + ", column " + column;
    }

    /** A parse failure as one line: the position, the parser's reason, and for a duplicate key its path. */
    private static ObjectNode failure(String source, JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String original = e.getOriginalMessage() == null ? ""
                : e.getOriginalMessage().lines().findFirst().orElse("");
        if (original.startsWith("Duplicate field '")) {
            String key = original.substring("Duplicate field '".length(), original.lastIndexOf('\''));
            throw new IllegalArgumentException(source + ": duplicate key " + quote(parentPath(e), key) + where
                    + " (Duplicate field '" + key + "'): a key may appear only once in an object; remove one");
        }
        throw new IllegalArgumentException(source + ": not valid JSON" + where + " (" + original + ")");
    }

    /** The dotted path of the object a parse error was found in ("" at the top level). */
    private static String parentPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        JsonStreamContext context = parser.getParsingContext();
        // the context of a duplicate key is the object holding it; walk up to the root
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        for (JsonStreamContext c = context == null ? null : context.getParent(); c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                names.push(c.getCurrentName());
            } else if (c.inArray()) {
                names.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        for (String name : names) {
            if (!name.startsWith("[") && path.length() > 0) {
                path.append('.');
            }
            path.append(name);
        }
        return path.toString();
    }

    /** Writes a JSON object: objects indented, number arrays kept on one line, a final newline. */
    static String print(ObjectNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        try {
            return MAPPER.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code "path.key"}: how messages name a key of the object at {@code path}. */
    static String quote(String path, String key) {
        return "\"" + (path.isEmpty() ? key : path + "." + key) + "\"";
    }

    static double number(JsonNode node, String source, String where) {
        if (node == null || !node.isNumber()) {
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

    /** A rows x columns matrix, non-empty; a negative size means "any, but rectangular". */
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

    /** A count x rows x columns array of matrices; a negative size means "any, but rectangular". */
    static double[][][] cube(JsonNode node, int count, int rows, int columns, String source, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(source + ": " + where + " must be an array of matrices");
        }
        if (count >= 0 && node.size() != count) {
            throw new IllegalArgumentException(source + ": " + where + " has " + node.size()
                    + " matrices, expected " + count);
        }
        if (node.size() == 0) {
            throw new IllegalArgumentException(source + ": " + where + " is empty");
        }
        double[][][] values = new double[node.size()][][];
        int height = rows;
        int width = columns;
        for (int i = 0; i < values.length; i++) {
            values[i] = matrix(node.get(i), height, width, source, where + "[" + i + "]");
            height = values[i].length;
            width = values[i][0].length;
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
