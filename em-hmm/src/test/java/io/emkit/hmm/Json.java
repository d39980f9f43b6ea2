package io.emkit.hmm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny test-only JSON reader (objects, arrays, numbers, strings, booleans, null), enough for the
 * reference fixtures. Numbers are parsed with {@link Double#parseDouble}, which recovers every bit of the
 * shortest round-trip form the fixtures use.
 */
final class Json {

    private final String text;
    private int position;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.position != text.length()) {
            throw json.error("trailing characters");
        }
        return value;
    }

    static Map<String, Object> read(Path path) throws IOException {
        return asObject(parse(Files.readString(path, StandardCharsets.UTF_8)));
    }

    /** The repository's fixtures folder, from the system property surefire sets. */
    static Path fixtures() {
        String dir = System.getProperty("emkit.fixtures.dir");
        if (dir == null) {
            throw new IllegalStateException("system property emkit.fixtures.dir is not set");
        }
        return Path.of(dir);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return (List<Object>) value;
    }

    static double[] vector(Object value) {
        List<Object> list = asList(value);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (Double) list.get(i);
        }
        return out;
    }

    static double[][] matrix(Object value) {
        List<Object> list = asList(value);
        double[][] out = new double[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(list.get(i));
        }
        return out;
    }

    static double[][][] cube(Object value) {
        List<Object> list = asList(value);
        double[][][] out = new double[list.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = matrix(list.get(i));
        }
        return out;
    }

    static int[][] intMatrix(Object value) {
        double[][] m = matrix(value);
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new int[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (int) m[i][j];
                if (out[i][j] != m[i][j]) {
                    throw new IllegalArgumentException("not an integer: " + m[i][j]);
                }
            }
        }
        return out;
    }

    private Object value() {
        skipSpace();
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(position);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        position++;
        skipSpace();
        if (text.charAt(position) == '}') {
            position++;
            return out;
        }
        while (true) {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            out.put(key, value());
            skipSpace();
            char c = text.charAt(position++);
            if (c == '}') {
                return out;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        position++;
        skipSpace();
        if (text.charAt(position) == ']') {
            position++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            char c = text.charAt(position++);
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = text.charAt(position++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(position++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u':
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                        break;
                    default: out.append(e);
                }
            } else {
                out.append(c);
            }
        }
    }

    private Double number() {
        int begin = position;
        while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
            position++;
        }
        if (begin == position) {
            throw error("unexpected character '" + text.charAt(position) + "'");
        }
        return Double.parseDouble(text.substring(begin, position));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("expected " + word);
        }
        position += word.length();
        return value;
    }

    private void expect(char c) {
        if (text.charAt(position) != c) {
            throw error("expected " + c);
        }
        position++;
    }

    private void skipSpace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + position);
    }
}
