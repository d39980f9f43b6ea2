package io.emkit.io.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Writes the keys of one JSON object of a model file, in order, for {@link EmissionCodec}s. Doubles
 * are written so that they read back to the same double. A key may be written once.
 *
 * <p>Not thread-safe; a writer lives only for the one {@link EmissionCodec#write} call it is given to.
 */
public final class ModelFieldsWriter {

    private final ObjectNode node;

    ModelFieldsWriter(ObjectNode node) {
        this.node = node;
    }

    /**
     * Writes a string.
     *
     * @param key the key
     * @param value the value
     * @return this writer
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter put(String key, String value) {
        node.put(fresh(key), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Writes a number.
     *
     * @param key the key
     * @param value the value
     * @return this writer
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter put(String key, double value) {
        node.put(fresh(key), value);
        return this;
    }

    /**
     * Writes a vector {@code [n]}.
     *
     * @param key the key
     * @param values the values. Not modified.
     * @return this writer
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter put(String key, double[] values) {
        node.set(fresh(key), Json.array(values));
        return this;
    }

    /**
     * Writes a matrix {@code [rows][columns]}, row by row.
     *
     * @param key the key
     * @param values the values. Not modified.
     * @return this writer
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter put(String key, double[][] values) {
        node.set(fresh(key), Json.array(values));
        return this;
    }

    /**
     * Writes an array of matrices {@code [count][rows][columns]}.
     *
     * @param key the key
     * @param values the values. Not modified.
     * @return this writer
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter put(String key, double[][][] values) {
        node.set(fresh(key), Json.array(values));
        return this;
    }

    /**
     * Writes Gaussian covariances in their type's native shape, as {@link ModelFields#covariances} reads
     * them: full {@code [k][d][d]}, diagonal {@code [k][d]} or tied {@code [d][d]}, spherical {@code [k]}.
     *
     * @param key the key
     * @param covariances a {@code double[][][]}, {@code double[][]} or {@code double[]} (what
     *     {@code nativeCovariances()} returns). Not modified.
     * @return this writer
     * @throws IllegalArgumentException if the key was written already or the value is none of those arrays
     */
    public ModelFieldsWriter putCovariances(String key, Object covariances) {
        if (covariances instanceof double[][][] cube) {
            return put(key, cube);
        }
        if (covariances instanceof double[][] matrix) {
            return put(key, matrix);
        }
        if (covariances instanceof double[] vector) {
            return put(key, vector);
        }
        throw new IllegalArgumentException("covariances for \"" + key + "\" must be a double[][][], double[][] or"
                + " double[], not " + (covariances == null ? "null" : covariances.getClass().getSimpleName()));
    }

    /**
     * Starts a nested object.
     *
     * @param key the key
     * @return a writer for the new object
     * @throws IllegalArgumentException if the key was written already
     */
    public ModelFieldsWriter object(String key) {
        return new ModelFieldsWriter(node.putObject(fresh(key)));
    }

    private String fresh(String key) {
        Objects.requireNonNull(key, "key");
        if (node.has(key)) {
            throw new IllegalArgumentException("key \"" + key + "\" is written twice; a model file holds each key"
                    + " once");
        }
        return key;
    }

    ObjectNode node() {
        return node;
    }
}
