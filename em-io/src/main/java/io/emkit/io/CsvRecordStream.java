package io.emkit.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The data records of a CSV file, one at a time, read as {@link CsvTable} reads them (the dialect it
 * detected, BOM, comments, quoting, lines of spaces skipped, the header skipped), with every record's
 * field count checked against the first: the text source of the streaming readers. Not thread-safe.
 */
final class CsvRecordStream implements Closeable {

    private final String source;
    private final CountingStream counting;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int width;
    private final String reference;
    private final String delimiter;
    private boolean headerPending;
    private long line;

    CsvRecordStream(Path file, String source, CsvOptions options, CsvTable dialect) throws IOException {
        this.source = source;
        this.counting = new CountingStream(Files.newInputStream(file));
        Reader reader = new InputStreamReader(counting, options.encoding().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        PushbackReader pushback = new PushbackReader(new BufferedReader(reader, 1 << 16), 1);
        int first = pushback.read();
        if (first >= 0 && first != '\uFEFF') {
            pushback.unread(first);
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(dialect.delimiter())
                .setCommentMarker(options.comment())
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        this.parser = CSVParser.parse(pushback, format);
        this.records = parser.iterator();
        this.width = dialect.fileColumnCount();
        this.reference = dialect.hasHeader()
                ? "the header (line " + dialect.headerLine() + ") has " + width
                : "line " + dialect.line(0) + " has " + width;
        this.headerPending = dialect.hasHeader();
        this.delimiter = dialect.delimiter() == '\t' ? "tab" : "\"" + dialect.delimiter() + "\"";
    }

    /**
     * The next data record.
     *
     * @return its fields (all the file's columns), or null at the end
     * @throws IllegalArgumentException for a record with another field count or text not in the encoding
     * @throws IOException if reading fails
     */
    String[] next() throws IOException {
        try {
            while (records.hasNext()) {
                CSVRecord record = records.next();
                String[] fields = record.values();
                int breaks = 0;
                for (String field : fields) {
                    breaks += CsvTable.lineBreaks(field);
                }
                if (fields.length == 1 && fields[0].isBlank() && breaks == 0) {
                    continue; // a line of spaces
                }
                if (headerPending) {
                    headerPending = false;
                    continue;
                }
                line = Math.max(1, parser.getCurrentLineNumber() - breaks);
                if (fields.length != width) {
                    throw new IllegalArgumentException(source + " line " + line + " has " + fields.length
                            + " fields but " + reference + "; every line needs the same number of fields"
                            + " (quote a field that holds the delimiter " + delimiter + ")");
                }
                return fields;
            }
            return null;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof CharacterCodingException) {
                throw new IllegalArgumentException(source + ": not valid text in the file's encoding near byte "
                        + counting.count + "; use --encoding with the file's encoding", cause);
            }
            throw new IOException(source + ": cannot read (" + cause.getMessage() + ")", cause);
        }
    }

    /** The 1-based line where the record last returned by {@link #next()} starts. */
    long line() {
        return line;
    }

    /** Bytes of the file read so far. */
    long bytesRead() {
        return counting.count;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Counts the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
