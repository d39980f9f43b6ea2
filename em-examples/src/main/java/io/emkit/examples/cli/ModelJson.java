package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.core.EmResult;
import io.emkit.examples.usermodel.BernoulliCodec;
import io.emkit.gmm.GaussianMixture;
import io.emkit.hmm.HmmParameters;
import io.emkit.io.model.FitSummary;
import io.emkit.io.model.ModelFiles;
import io.emkit.io.model.ModelFormat;
import io.emkit.io.model.SavedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code em} tool's model files: em-io's {@link ModelFiles} (the one place of the format, described
 * in {@code docs/model-files.md}) with the examples' user-written Bernoulli family registered, and I/O
 * failures turned into the tool's one-line errors.
 */
public final class ModelJson {

    /** The format the tool reads and writes: the built-in emission codecs plus the Bernoulli family's. */
    public static final ModelFormat FORMAT = ModelFiles.withCodec(new BernoulliCodec());

    private ModelJson() {}

    /**
     * Reads a model file as the type expected.
     *
     * @param <T> the type
     * @param path the file
     * @param type a {@link SavedModel} record or a model class, as {@link ModelFormat#read(Path, Class)}
     * @return the content
     * @throws IllegalArgumentException if the file is not a valid model file of that type
     * @throws UncheckedIOException if it cannot be read (the message names it)
     */
    public static <T> T read(Path path, Class<T> type) {
        try {
            return FORMAT.read(path, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a Gaussian mixture file.
     *
     * @param path the file
     * @return the mixture
     * @throws IllegalArgumentException if the file is missing, not JSON, of another kind, or its
     *     arrays have wrong shapes or invalid values (the message names the file and field)
     * @throws UncheckedIOException if it cannot be read
     */
    public static GaussianMixture readGmm(Path path) {
        return read(path, GaussianMixture.class);
    }

    /**
     * Reads a hidden Markov model file.
     *
     * @param path the file
     * @return the parameters
     * @throws IllegalArgumentException as {@link #readGmm}
     * @throws UncheckedIOException if it cannot be read
     */
    public static HmmParameters readHmm(Path path) {
        return read(path, HmmParameters.class);
    }

    /**
     * The model-file form of HMM parameters as a JSON tree (for pages that embed it).
     *
     * @param parameters the parameters
     * @return a new object
     */
    public static ObjectNode toJson(HmmParameters parameters) {
        return JsonTree.parse(FORMAT.toJson(parameters));
    }

    /**
     * The record of a fit, for {@link SavedModel}s.
     *
     * @param result the fit
     * @return its summary
     */
    public static Optional<FitSummary> fit(EmResult<?> result) {
        return Optional.of(FitSummary.of(result));
    }

    /**
     * A model file's text, ending in a newline.
     *
     * @param model the model
     * @return the JSON text
     */
    public static String toText(SavedModel model) {
        return FORMAT.toJson(model);
    }

    /**
     * Writes a model file atomically.
     *
     * @param model the model
     * @param path the file, replaced
     * @throws UncheckedIOException if it cannot be written (the message names the file)
     */
    public static void write(SavedModel model, Path path) {
        try {
            FORMAT.write(model, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
