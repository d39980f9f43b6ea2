package io.emkit.io.model;

import io.emkit.hmm.Emission;

/**
 * How the emissions of one family are stored in an HMM model file: the extension point for a user's
 * own family. An HMM file names its emissions in {@code "emission": NAME}; the codec registered under
 * that name writes and reads the rest (usually an {@code "emissions"} object). Register a codec with
 * {@link ModelFiles#withCodec(EmissionCodec)}; the built-in codecs are {@code categorical},
 * {@code gaussian}, {@code gmm} and {@code poisson}.
 *
 * <p>A codec is stateless and thread-safe. It must read back what it writes, bit for bit
 * ({@link ModelFieldsWriter} and {@link ModelFields} keep doubles exact).
 */
public interface EmissionCodec {

    /**
     * The {@code "emission"} value this codec stands for, for example {@code "bernoulli"}.
     *
     * @return a non-empty name
     */
    String name();

    /**
     * Whether this codec writes the given emissions (usually: they are a
     * {@link io.emkit.hmm.FamilyEmission} whose components are this family's).
     *
     * @param emission the emissions of a model to write
     * @return whether {@link #write} takes them
     */
    boolean writes(Emission emission);

    /**
     * Writes the emissions into the model object, right after {@code "emission": NAME} (which the
     * caller writes), for example an {@code "emissions"} object with the family's parameters.
     *
     * @param emission emissions for which {@link #writes} is true
     * @param model the top-level object of the model file
     * @throws IllegalArgumentException if the emissions cannot be written
     */
    void write(Emission emission, ModelFieldsWriter model);

    /**
     * Reads the emissions of {@code states} states.
     *
     * @param model the top-level object of the model file
     * @param states the number of hidden states, {@code >= 1}
     * @return the emissions
     * @throws IllegalArgumentException for missing keys, wrong shapes or invalid values; use
     *     {@link ModelFields#error} so the message names the file and the key
     */
    Emission read(ModelFields model, int states);
}
