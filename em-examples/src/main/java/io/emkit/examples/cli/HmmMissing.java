package io.emkit.examples.cli;

import io.emkit.hmm.Sequences;
import io.emkit.io.SequenceTable;
import java.util.BitSet;

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
     * Vector sequences in which whole steps may be missing; a step with only some coordinates
     * missing is an error naming its file line.
     *
     * @param table the file
     */
    static Sequences vectors(SequenceTable table) {
        int d = table.dimension();
        BitSet mask = table.missingMask();
        double[][][] sequences = new double[table.count()][][];
        int o = 0;
        for (int r = 0; r < sequences.length; r++) {
            sequences[r] = table.sequence(r);
            for (int t = 0; t < sequences[r].length; t++, o++) {
                int missing = mask.get(o * d, (o + 1) * d).cardinality();
                if (missing > 0 && missing < d) {
                    throw new IllegalArgumentException(table.source() + " line " + table.line(r, t) + ": " + missing
                            + " of " + d + " values are missing; hidden Markov models take only wholly missing steps"
                            + " (every observation cell empty, NA or NaN): blank or fill in the row");
                }
            }
        }
        try {
            return Sequences.ofVectorsWithMissing(sequences);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(table.source() + ": " + e.getMessage(), e);
        }
    }
}
