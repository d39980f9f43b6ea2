package io.emkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emkit.hmm.FittedHmm;
import io.emkit.hmm.Sequences;
import io.emkit.io.SequenceTable;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code em hmm score}: the log-likelihood of sequences under a model (forward algorithm). A sequence
 * of probability zero is an error naming its id, the step at which every state path becomes
 * impossible, its file line and the cause, as {@code decode} and {@code posteriors} report it.
 */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Log-likelihood of sequences under a model (forward algorithm).",
            "Prints {\"logLikelihood\": total, \"mean\": total / n, \"n\": n} (n: the number of steps), or with"
                    + " --per-sequence a CSV sequence,steps,logLikelihood. A sequence of probability zero is an"
                    + " error that names it and the step where it becomes impossible."})
final class HmmScore extends CliCommand {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A hidden Markov model file.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "SEQ.csv", description = "Sequence CSV, as for fit.")
    Path data;

    @Option(names = "--per-sequence", description = "Write log P(sequence) per sequence as CSV instead.")
    boolean perSequence;

    @Mixin
    DataFileOptions dataFile;

    @Override
    void run() {
        HmmCommand.Applied applied = HmmCommand.Applied.read(model, data, dataFile, this);
        SequenceTable table = applied.table();
        Sequences sequences = applied.sequences();
        FittedHmm fitted = FittedHmm.of(applied.parameters());
        double[] each = fitted.logLikelihoods(sequences);
        double total = 0;
        for (int r = 0; r < each.length; r++) {
            if (!(each[r] > Double.NEGATIVE_INFINITY)) {
                throw HmmCommand.zeroProbability(fitted, sequences, r, table, data, new IllegalArgumentException(
                        data + ": sequence \"" + table.ids().get(r) + "\" has probability zero under the model"));
            }
            total += each[r];
        }
        if (perSequence) {
            StringBuilder text = new StringBuilder("sequence,steps,logLikelihood\n");
            for (int r = 0; r < each.length; r++) {
                text.append(table.ids().get(r)).append(',').append(sequences.length(r)).append(',').append(each[r])
                        .append('\n');
            }
            out().print(text);
            return;
        }
        ObjectNode root = JsonTree.object();
        root.put("logLikelihood", total);
        root.put("mean", total / sequences.totalLength());
        root.put("n", sequences.totalLength());
        out().print(JsonTree.write(root) + "\n");
    }
}
