/**
 * Reading real data files and writing files safely.
 *
 * <p>{@link io.emkit.io.NumericTable} reads a CSV-like file into an {@code n x d} matrix and
 * {@link io.emkit.io.SequenceTable} reads sequences (an id column, then one symbol or {@code d}
 * numbers per step) for hidden Markov models; both go through {@link io.emkit.io.CsvTable}, which
 * handles the dialects people have (RFC 4180 quoting, {@code ,} {@code ;} or tab detected, headers
 * detected, {@code #} comments, UTF-8 with or without BOM or another encoding, CRLF, pandas and R
 * row-index columns) and column selection by name or index, as {@link io.emkit.io.CsvOptions} says.
 * Bad content is an {@link java.lang.IllegalArgumentException} whose one-line message names the
 * file, line and column and the fix. {@link io.emkit.io.AtomicFiles} writes a file so that readers
 * see the old content or the new, never a part. {@link io.emkit.io.StreamingExecutor} fits data
 * bigger than memory: every E-step is a pass over the file (or its binary cache) in chunks, with the
 * in-memory fit's bits (per-row weights from a second file read in lockstep);
 * {@link io.emkit.io.SequenceStreamingExecutor} does the same for sequence files, in chunks of whole
 * sequences.
 *
 * <p>Library code prints nothing: what a reader decides on its own (a dropped index column) is in
 * its {@code notes()} for the caller to show.
 *
 * @serial exclude
 */
package io.emkit.io;
