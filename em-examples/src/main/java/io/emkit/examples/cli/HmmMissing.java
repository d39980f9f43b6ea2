package io.emkit.examples.cli;

import io.emkit.hmm.Sequences;
import io.emkit.io.SequenceTable;

/**
 * {@code em hmm ... --missing}: the sequences of a file with missing cells, built with
 * {@link Sequences#ofSymbolsWithMissing} and {@link Sequences#ofVectorsWithMissing} (a missing step
 * emits with probability 1 while the hidden chain moves through it), kept apart from
 * {@link HmmCommand} so that the complete-data path stays as it is.
 */
final class HmmMissing {

    private HmmMissing() {}

    /**
     * Symbol sequences with {@link SequenceTable#MISSING_SYMBOL} where a symbol is missing.
     *
     * @param table the file (for messages)
     * @param codes the symbols, already in the model's alphabet
     */
    static Sequences symbols(SequenceTable table, int[][] codes) {
        try {
            return Sequences.ofSymbolsWithMissing(codes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(table.source() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Vector sequences in which steps may be wholly or partly missing (partly missing steps only
     * under gaussian emissions: the others refuse them when the data are checked).
     *
     * @param table the file
     */
    static Sequences vectors(SequenceTable table) {
        double[][][] sequences = new double[table.count()][][];
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = table.sequence(r);
        }
        try {
            return Sequences.ofVectorsWithMissing(sequences);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(table.source() + ": " + e.getMessage(), e);
        }
    }
}
