package io.emkit.spark;

import io.emkit.io.CsvOptions;
import io.emkit.io.CsvTable;
import io.emkit.io.NumericTable;
import io.emkit.io.SequenceTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code --data} files read by Spark's CSV source, with em's rules and messages.
 *
 * <p>How: the dialect (delimiter, and so the number of fields) is resolved by em-io from the file's
 * first lines; Spark's reader ({@code spark.read().schema(...).csv(path)}, every field a string,
 * {@code #} comments, RFC 4180 quotes) splits every record into fields on the executors; a record with
 * another number of fields is re-split by em-io on the executor so that the error names its real field
 * count. The records come back to the driver in file order, where em-io applies every rule after
 * tokenising (header, row index column, {@code --columns}/{@code --drop}, numbers, sequence ids) with
 * the messages of {@code em}: {@link CsvTable#ofRecords}, {@link SequenceTable#ofRecords}.
 *
 * <p><b>Order.</b> Sequences need the file's row order. Spark's partitions of one file are its splits,
 * but the order of splits in partitions is Spark's business (it sorts them by size), and
 * {@code monotonically_increasing_id} is neither dense nor ordered across splits. So every row carries
 * its split's byte offset ({@code _metadata.file_block_start}) and its position in the partition
 * ({@code monotonically_increasing_id}, increasing within one partition, so within one split), and
 * the rows are sorted by that pair: the file's order, whatever the partitioning. Line numbers in
 * messages come from a second pass with Spark's text source, ordered the same way, where each line
 * that is neither blank nor a comment is a record.
 *
 * <p>Limits: one file (not a folder); a quoted field may not hold a line break; bytes that are not
 * valid in the encoding are replaced by Spark (em's own reader rejects them). Every record is held
 * by the driver once as text, since every {@code em} command then holds the data.
 */
final class SparkCsv {

    /** How much of the file's start em-io reads to resolve the dialect. */
    static final int HEAD_BYTES = 1 << 20;
    /** Lines of the file's start for the dialect (em-io detects the delimiter on its first 20). */
    static final int HEAD_LINES = 200;

    private static final String CORRUPT = "_emkit_corrupt_record";
    private static final String BLOCK = "_emkit_block";
    private static final String POSITION = "_emkit_position";

    private SparkCsv() {}

    /**
     * A file of numbers, as {@link NumericTable#read(Path, CsvOptions)} reads it.
     *
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link NumericTable#read(Path, CsvOptions)}
     */
    static NumericTable numbers(SparkSession spark, Path path, CsvOptions options) throws IOException {
        Records read = records(spark, path, options);
        return NumericTable.of(CsvTable.ofRecords(read.source(), read.delimiter(), read.records(), read.lines(),
                options), options);
    }

    /**
     * A file of sequences, as {@link SequenceTable#read(Path, CsvOptions, SequenceTable.Kind)} reads it.
     *
     * @throws IOException if the file cannot be read (message names the file)
     * @throws IllegalArgumentException as {@link SequenceTable#read(Path, CsvOptions, SequenceTable.Kind)}
     */
    static SequenceTable sequences(SparkSession spark, Path path, CsvOptions options, SequenceTable.Kind kind)
            throws IOException {
        Records read = records(spark, path, options);
        return SequenceTable.ofRecords(read.source(), read.delimiter(), read.records(), read.lines(), options, kind);
    }

    /** Every record of a file in order, its fields, their lines, and the delimiter. */
    record Records(String source, char delimiter, List<String[]> records, int[] lines) {}

    static Records records(SparkSession spark, Path path, CsvOptions options) throws IOException {
        String source = path.toString();
        if (!Files.isRegularFile(path)) {
            NumericTable.read(path, options); // em-io's message: no such file, a folder, permission denied
            throw new IOException(source + ": not a regular file");
        }
        // The dialect from the first lines, as em-io reads them (ragged or empty starts fail here, as in em).
        CsvOptions dialect = options.toBuilder().columns(List.of()).drop(List.of()).dropIfPresent(List.of()).build();
        CsvTable first = CsvTable.read(new ByteArrayInputStream(head(path)), source, dialect);
        char delimiter = first.delimiter();
        int width = first.fileColumnCount();

        StructType schema = new StructType();
        for (int c = 0; c < width; c++) {
            schema = schema.add("_c" + c, DataTypes.StringType);
        }
        schema = schema.add(CORRUPT, DataTypes.StringType);
        org.apache.spark.sql.DataFrameReader reader = spark.read().schema(schema)
                .option("sep", String.valueOf(delimiter)).option("header", "false")
                .option("quote", "\"").option("escape", "\"")
                .option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true")
                .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
                .option("encoding", options.encoding().name()).option("multiLine", "false");
        if (options.comment() != null) {
            reader = reader.option("comment", String.valueOf(options.comment()));
        }
        String location = path.toAbsolutePath().toString();
        Dataset<Row> frame = ordered(reader.csv(location));
        char split = delimiter;
        List<Keyed<String[]>> keyed;
        try {
            keyed = new ArrayList<>(frame.toJavaRDD().map(row -> new Keyed<>(row.getLong(width + 1),
                    row.getLong(width + 2), fields(row, width, split, source))).collect());
        } catch (Exception e) { // Spark throws SparkException (checked) without declaring it
            throw SparkErrors.rethrown(e, "reading " + location);
        }
        keyed.sort(Keyed.ORDER);
        List<String[]> records = new ArrayList<>(keyed.size());
        keyed.forEach(k -> records.add(k.value()));
        if (!records.isEmpty() && records.get(0).length > 0 && records.get(0)[0].startsWith("\uFEFF")) {
            records.get(0)[0] = records.get(0)[0].substring(1).strip();
        }
        return new Records(source, delimiter, records, lines(spark, location, options, records.size()));
    }

    /** The frame with each row's split offset and position in its partition, the file-order key. */
    private static Dataset<Row> ordered(Dataset<Row> frame) {
        Column[] columns = Arrays.stream(frame.columns()).map(frame::col).toArray(Column[]::new);
        Column[] all = Arrays.copyOf(columns, columns.length + 2);
        all[columns.length] = frame.col("_metadata.file_block_start").as(BLOCK);
        all[columns.length + 1] = functions.monotonically_increasing_id().as(POSITION);
        return frame.select(all);
    }

    /** The 1-based line of every record: the lines that are neither blank nor comments, in order. */
    private static int[] lines(SparkSession spark, String location, CsvOptions options, int records) {
        Character comment = options.comment();
        List<Keyed<Boolean>> keyed;
        try {
            keyed = new ArrayList<>(ordered(spark.read().text(location)).toJavaRDD()
                    .map(row -> new Keyed<>(row.getLong(1), row.getLong(2), isRecord(row.getString(0), comment)))
                    .collect());
        } catch (Exception e) {
            throw SparkErrors.rethrown(e, "reading " + location);
        }
        keyed.sort(Keyed.ORDER);
        int[] lines = new int[records];
        int r = 0;
        for (int i = 0; i < keyed.size(); i++) {
            if (keyed.get(i).value()) {
                if (r == records) {
                    r = -1;
                    break;
                }
                lines[r++] = i + 1;
            }
        }
        if (r != records) { // Spark and the line rule disagree (a quoted line break): count records instead
            for (int i = 0; i < records; i++) {
                lines[i] = i + 1;
            }
        }
        return lines;
    }

    private static boolean isRecord(String line, Character comment) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        return !text.isBlank() && (comment == null || text.charAt(0) != comment);
    }

    /**
     * A record's fields: Spark's, a null (an empty field) read as "", or em-io's split of the raw line when
     * Spark found another number of fields than the first lines have.
     */
    private static String[] fields(Row row, int width, char delimiter, String source) {
        String corrupt = row.isNullAt(width) ? null : row.getString(width);
        if (corrupt != null) {
            CsvOptions plain = CsvOptions.builder().header(CsvOptions.Header.NO)
                    .delimiter(CsvOptions.Delimiter.parse(delimiter == '\t' ? "tab" : String.valueOf(delimiter)))
                    .comment(null).build();
            try (InputStream in = new ByteArrayInputStream(corrupt.getBytes(StandardCharsets.UTF_8))) {
                CsvTable one = CsvTable.read(in, source, plain);
                String[] out = new String[one.columnCount()];
                for (int c = 0; c < out.length; c++) {
                    out[c] = one.cell(0, c);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String[] out = new String[width];
        for (int c = 0; c < width; c++) {
            out[c] = row.isNullAt(c) ? "" : row.getString(c);
        }
        return out;
    }

    /** The first lines of the file (at most {@link #HEAD_LINES} whole lines, {@link #HEAD_BYTES} bytes). */
    private static byte[] head(Path path) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes(HEAD_BYTES + 1);
        }
        boolean whole = bytes.length <= HEAD_BYTES;
        int end = whole ? bytes.length : HEAD_BYTES;
        int lines = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n' && ++lines == HEAD_LINES) {
                return Arrays.copyOf(bytes, i + 1);
            }
        }
        if (whole) {
            return bytes;
        }
        for (int i = end - 1; i >= 0; i--) { // cut after the last whole line
            if (bytes[i] == '\n') {
                return Arrays.copyOf(bytes, i + 1);
            }
        }
        return Arrays.copyOf(bytes, end);
    }

    /** A value with its file-order key: its split's byte offset, then its position in the partition. */
    record Keyed<T>(long block, long position, T value) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final Comparator<Keyed<?>> ORDER = Comparator.<Keyed<?>>comparingLong(Keyed::block)
                .thenComparingLong(Keyed::position);
    }
}
