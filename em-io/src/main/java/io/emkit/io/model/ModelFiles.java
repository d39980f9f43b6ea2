package io.emkit.io.model;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes model files: the JSON that {@code em ... fit --out} writes and {@code --init} and
 * {@code --model} read, for Gaussian mixtures, HMMs, factor analysis, probabilistic PCA, mixtures of
 * factor analysers and LDA. The format of every kind is in {@code docs/model-files.md}.
 *
 * <pre>{@code
 * GaussianMixture mixture = ModelFiles.read(Path.of("model.json"), GaussianMixture.class);
 * SavedModel saved = ModelFiles.read(Path.of("model.json"));   // any kind, with its fit summary
 * ModelFiles.write(mixture, Path.of("copy.json"));             // atomically
 * }</pre>
 *
 * <p>These methods use the built-in emission codecs; to read and write the HMM emissions of a family
 * of your own, register its {@link EmissionCodec} with {@link #withCodec} and use the returned
 * {@link ModelFormat}. Doubles round-trip bit for bit; reading is strict (see {@link ModelFormat}).
 * Thread-safe.
 */
public final class ModelFiles {

    private ModelFiles() {}

    /**
     * The format with the built-in codecs only.
     *
     * @return the format these static methods use
     */
    public static ModelFormat format() {
        return ModelFormat.DEFAULT;
    }

    /**
     * The format with the built-in codecs and one of a user's family.
     *
     * @param codec the codec
     * @return a new format
     * @throws IllegalArgumentException if a built-in codec has its name
     */
    public static ModelFormat withCodec(EmissionCodec codec) {
        return ModelFormat.DEFAULT.withCodec(codec);
    }

    /**
     * Reads a model file of any kind.
     *
     * @param path the file
     * @return its content
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link ModelFormat#read(Path)}
     */
    public static SavedModel read(Path path) throws IOException {
        return ModelFormat.DEFAULT.read(path);
    }

    /**
     * Reads a model file as the type expected, for example {@code GaussianMixture.class} or
     * {@code SavedModel.Hmm.class}.
     *
     * @param <T> the type
     * @param path the file
     * @param type what to return
     * @return the content as that type
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException as {@link ModelFormat#read(Path, Class)}
     */
    public static <T> T read(Path path, Class<T> type) throws IOException {
        return ModelFormat.DEFAULT.read(path, type);
    }

    /**
     * Reads a model from JSON text.
     *
     * @param text the JSON
     * @param source what messages call the text
     * @return its content
     * @throws IllegalArgumentException as {@link ModelFormat#parse(String, String)}
     */
    public static SavedModel parse(String text, String source) {
        return ModelFormat.DEFAULT.parse(text, source);
    }

    /**
     * Reads a model of an expected type from JSON text.
     *
     * @param <T> the type
     * @param text the JSON
     * @param source what messages call the text
     * @param type what to return
     * @return the content as that type
     * @throws IllegalArgumentException as {@link ModelFormat#parse(String, String, Class)}
     */
    public static <T> T parse(String text, String source, Class<T> type) {
        return ModelFormat.DEFAULT.parse(text, source, type);
    }

    /**
     * The JSON text of a model.
     *
     * @param model a {@link SavedModel} or a model {@link SavedModel#of} takes
     * @return the text, ending in a newline
     * @throws IllegalArgumentException as {@link ModelFormat#toJson}
     */
    public static String toJson(Object model) {
        return ModelFormat.DEFAULT.toJson(model);
    }

    /**
     * Writes a model file atomically.
     *
     * @param model a {@link SavedModel} or a model {@link SavedModel#of} takes
     * @param path the file to create or replace
     * @throws IOException if it cannot be written (an old file stays intact)
     * @throws IllegalArgumentException as {@link ModelFormat#toJson}
     */
    public static void write(Object model, Path path) throws IOException {
        ModelFormat.DEFAULT.write(model, path);
    }
}
