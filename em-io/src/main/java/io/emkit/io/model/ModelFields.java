package io.emkit.io.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A read-only view of one JSON object of a model file, for {@link EmissionCodec}s: typed getters
 * whose errors name the file, the JSON path of the key and the index, for example
 * {@code m.json: "emissions.probabilities"[1] has 3 entries, expected 6}.
 *
 * <p>Numbers must be finite; arrays come back as new arrays (the caller owns them). Keys the reader
 * does not ask for are ignored. Instances are immutable and thread-safe.
 */
public final class ModelFields {

    private final ObjectNode node;
    private final String source;
    private final String path;
    private final String kind;

    ModelFields(ObjectNode node, String source, String path, String kind) {
        this.node = node;
        this.source = source;
        this.path = path;
        this.kind = kind;
    }

    /**
     * Where the object comes from, as messages name it (usually the file's path).
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * The JSON path of this object in the file: {@code ""} at the top level, {@code "emissions"} for
     * the emissions object.
     *
     * @return the dotted path
     */
    public String path() {
        return path;
    }

    /**
     * Whether the object has the key with a non-null value.
     *
     * @param key the key
     * @return whether it is present
     */
    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /**
     * A required string.
     *
     * @param key the key
     * @return its text
     * @throws IllegalArgumentException if the key is missing or not a string
     */
    public String text(String key) {
        JsonNode value = required(key);
        if (!value.isTextual()) {
            throw error(key, "must be a string, not " + value);
        }
        return value.asText();
    }

    /**
     * A required finite number.
     *
     * @param key the key
     * @return its value
     * @throws IllegalArgumentException if the key is missing, not a number or not finite
     */
    public double number(String key) {
        return Json.number(required(key), source, where(key));
    }

    /**
     * A required vector of finite numbers, {@code [length]}.
     *
     * @param key the key
     * @param length the expected length, or {@code -1} for any
     * @return a new array
     * @throws IllegalArgumentException if the key is missing, not an array of finite numbers or of
     *     another length
     */
    public double[] vector(String key, int length) {
        return Json.vector(required(key), length, source, where(key));
    }

    /**
     * A required non-empty matrix {@code [rows][columns]} of finite numbers, row by row.
     *
     * @param key the key
     * @param rows the expected number of rows, or {@code -1} for any
     * @param columns the expected number of columns, or {@code -1} for any (the rows must still agree)
     * @return a new array
     * @throws IllegalArgumentException if the key is missing or the value is not such a matrix
     */
    public double[][] matrix(String key, int rows, int columns) {
        return Json.matrix(required(key), rows, columns, source, where(key));
    }

    /**
     * A required non-empty array of matrices {@code [count][rows][columns]}.
     *
     * @param key the key
     * @param count the expected number of matrices, or {@code -1} for any
     * @param rows the expected rows of each, or {@code -1} for any (all must agree)
     * @param columns the expected columns of each, or {@code -1} for any (all must agree)
     * @return a new array
     * @throws IllegalArgumentException if the key is missing or the value is not such an array
     */
    public double[][][] cube(String key, int count, int rows, int columns) {
        return Json.cube(required(key), count, rows, columns, source, where(key));
    }

    /**
     * Gaussian covariances in their type's native shape: full {@code [k][d][d]}, diagonal {@code [k][d]},
     * spherical {@code [k]}, tied {@code [d][d]} (the shape {@code GaussianComponents.of} takes).
     *
     * @param key the key
     * @param type the covariance type, which fixes the shape
     * @param k the number of components
     * @param d the dimension
     * @return a new array of the type's shape
     * @throws IllegalArgumentException if the key is missing or the value does not have that shape
     */
    public Object covariances(String key, io.emkit.gmm.CovarianceType type, int k, int d) {
        return switch (type) {
            case FULL -> cube(key, k, d, d);
            case DIAGONAL -> matrix(key, k, d);
            case SPHERICAL -> vector(key, k);
            case TIED -> matrix(key, d, d);
        };
    }

    /**
     * A required nested object.
     *
     * @param key the key
     * @return a view of it, whose messages name {@code path.key}
     * @throws IllegalArgumentException if the key is missing or not an object
     */
    public ModelFields object(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw error(key, "must be an object, not " + value);
        }
        return new ModelFields((ObjectNode) value, source, path.isEmpty() ? key : path + "." + key, kind);
    }

    /**
     * An error about a key of this object, in the files' message form:
     * {@code SOURCE: "PATH.KEY" PROBLEM}.
     *
     * @param key the key
     * @param problem what is wrong and how to fix it
     * @return the exception, to throw
     */
    public IllegalArgumentException error(String key, String problem) {
        Objects.requireNonNull(problem, "problem");
        return new IllegalArgumentException(source + ": " + where(key) + " " + problem);
    }

    /** The raw node of a required key. */
    JsonNode required(String key) {
        JsonNode value = node.get(Objects.requireNonNull(key, "key"));
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(source + ": missing field " + where(key) + "; a " + kind
                    + " model file needs it (every key is listed in docs/model-files.md)");
        }
        return value;
    }

    /** The raw node of a key, or null. */
    JsonNode get(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    ObjectNode node() {
        return node;
    }

    String where(String key) {
        return Json.quote(path, key);
    }
}
