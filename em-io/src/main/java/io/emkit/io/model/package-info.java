/**
 * Model files: the JSON of fitted models that the {@code em} tool writes and reads, for library
 * users.
 *
 * <p>{@link io.emkit.io.model.ModelFiles} reads a file into a {@link io.emkit.io.model.SavedModel}
 * (one record per kind: gmm, hmm, factorAnalysis, ppca, mfa, lda, each with the immutable model and
 * an optional {@link io.emkit.io.model.FitSummary}) or straight into the model type asked for, and
 * writes one atomically. {@link io.emkit.io.model.EmissionCodec} is the extension point for the HMM
 * emissions of a user's own family, registered with {@link io.emkit.io.model.ModelFiles#withCodec}; it
 * reads through {@link io.emkit.io.model.ModelFields} and writes through
 * {@link io.emkit.io.model.ModelFieldsWriter}, which keep the files' error messages and exact doubles.
 * The format is documented key by key in {@code docs/model-files.md}.
 *
 * @serial exclude
 */
package io.emkit.io.model;
