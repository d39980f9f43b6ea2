package io.emkit.examples.cli;

import io.emkit.io.CsvOptions;
import io.emkit.io.NumericTable;
import io.emkit.io.SequenceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of every command that reads {@code --data}: which columns, which dialect, which
 * encoding, and whether missing values are allowed (picocli mixin). Reading goes through em-io
 * ({@link NumericTable}, {@link SequenceTable}); the reader's notes (a dropped pandas index, a
 * dropped {@code label} column) are printed on stderr unless {@code --quiet}.
 *
 * <p>Default drops: data commands of {@code em gmm} drop a column named exactly {@code label} (what
 * {@code em gmm sample} writes), and those of {@code em hmm} drop {@code state} and {@code step}
 * (what {@code em hmm sample} writes beside the id and the observation), each with a note;
 * {@code --columns} turns the default drops off.
 */
final class DataFileOptions {

    /** The columns {@code em gmm} commands drop by default. */
    static final List<String> GMM_DEFAULT_DROPS = List.of("label");
    /** The columns {@code em hmm} commands drop by default. */
    static final List<String> HMM_DEFAULT_DROPS = List.of("state", "step");

    @Option(names = "--columns", paramLabel = "LIST", order = 10,
            description = "Keep only these columns, in this order: comma-separated header names or 0-based indices"
                    + " (--columns eruptions,waiting). Default: every column except a pandas/R row index and the"
                    + " sample label columns (label; for hmm: state, step).")
    String columns;

    @Option(names = "--drop", paramLabel = "LIST", order = 11,
            description = "Remove these columns: comma-separated header names or 0-based indices (--drop species,"
                    + " --drop 0).")
    String drop;

    @Option(names = "--delimiter", paramLabel = "auto|,|;|tab", defaultValue = "auto", order = 12,
            description = "Field separator. auto: the first of tab, ';', ',' found the same number of times on each"
                    + " of the first lines. Default: ${DEFAULT-VALUE}.")
    String delimiter;

    @Option(names = "--header", paramLabel = "auto|yes|no", defaultValue = "auto", order = 13,
            description = "Whether the first non-comment line is a header. auto: it is when a cell is text (not a"
                    + " number, not empty/NA/NaN). Default: ${DEFAULT-VALUE}.")
    String header;

    @Option(names = "--encoding", paramLabel = "NAME", defaultValue = "UTF-8", order = 14,
            description = "Character encoding (UTF-8 with or without BOM, latin1, windows-1252, ...)."
                    + " Default: ${DEFAULT-VALUE}.")
    String encoding;

    @Option(names = "--missing", order = 15,
            description = "Treat empty cells, NA and NaN as missing values (only where the command can use them).")
    boolean missing;

    /** The reading options, with these default drops. */
    CsvOptions options(List<String> defaultDrops) {
        return CsvOptions.builder()
                .columns(CsvOptions.splitList(columns))
                .drop(CsvOptions.splitList(drop))
                .dropIfPresent(defaultDrops)
                .delimiter(CsvOptions.Delimiter.parse(delimiter))
                .header(CsvOptions.Header.parse(header))
                .encoding(CsvOptions.charset(encoding))
                .missingAllowed(missing)
                .build();
    }

    /**
     * Reads a data file of numbers for a command that cannot use missing values.
     *
     * @param data the file
     * @param command the command (for its name and its stderr)
     * @param defaultDrops columns dropped when present and {@code --columns} is not given
     * @return the table
     * @throws IllegalArgumentException if {@code --missing} was given, or as {@link NumericTable#read}
     * @throws UncheckedIOException if the file cannot be read
     */
    NumericTable readData(Path data, CliCommand command, List<String> defaultDrops) {
        refuseMissing(command);
        try {
            NumericTable table = fitting(command).readNumbers(data, options(defaultDrops));
            table.notes().forEach(command::message);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a data file of numbers for a command that can use missing values: with {@code --missing},
     * empty cells, {@code NA} and {@code NaN} are missing; without it they stay errors.
     *
     * @param data the file
     * @param command the command (for its stderr)
     * @param defaultDrops columns dropped when present and {@code --columns} is not given
     * @return the table
     * @throws IllegalArgumentException as {@link NumericTable#read}
     * @throws UncheckedIOException if the file cannot be read
     */
    NumericTable readDataWithMissing(Path data, CliCommand command, List<String> defaultDrops) {
        try {
            NumericTable table = NumericTable.read(data, options(defaultDrops));
            table.notes().forEach(command::message);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a sequence file for a command that cannot use missing values.
     *
     * @param data the file
     * @param command the command (for its name and its stderr)
     * @param categorical symbols ({@code true}) or vectors
     * @return the sequences
     * @throws IllegalArgumentException if {@code --missing} was given, or as {@link SequenceTable#read}
     * @throws UncheckedIOException if the file cannot be read
     */
    SequenceTable readSequences(Path data, CliCommand command, boolean categorical) {
        refuseMissing(command);
        return readSequencesWithMissing(data, command, categorical);
    }

    /**
     * Reads a sequence file for a command that can use missing values: with {@code --missing}, empty
     * cells, {@code NA} and {@code NaN} are missing values (a missing symbol, a missing vector
     * coordinate); without it they stay errors.
     *
     * @param data the file
     * @param command the command (for its stderr)
     * @param categorical symbols ({@code true}) or vectors
     * @return the sequences
     * @throws IllegalArgumentException as {@link SequenceTable#read}
     * @throws UncheckedIOException if the file cannot be read
     */
    SequenceTable readSequencesWithMissing(Path data, CliCommand command, boolean categorical) {
        try {
            SequenceTable table = fitting(command).readSequences(data, options(HMM_DEFAULT_DROPS),
                    categorical ? SequenceTable.Kind.SYMBOLS : SequenceTable.Kind.VECTORS);
            table.notes().forEach(command::message);
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a plain numeric file that takes none of the data options (for example {@code --weights}).
     *
     * @param file the file
     * @return the table
     * @throws UncheckedIOException if the file cannot be read
     */
    static NumericTable readPlain(Path file) {
        try {
            return NumericTable.read(file, CsvOptions.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the command tree reads its files (em-spark: through Spark). */
    private static Fitting fitting(CliCommand command) {
        return command.spec == null ? Fitting.LOCAL : Fitting.of(command.spec);
    }

    private void refuseMissing(CliCommand command) {
        if (missing) {
            throw new IllegalArgumentException("--missing is not supported yet by " + qualifiedName(command)
                    + ": the model cannot use missing values yet; remove or fill in the rows with empty, NA or NaN"
                    + " cells");
        }
    }

    private static String qualifiedName(CliCommand command) {
        return command.spec == null ? "this command" : command.spec.qualifiedName();
    }
}
