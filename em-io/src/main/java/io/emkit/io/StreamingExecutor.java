package io.emkit.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.Dataset;
import io.emkit.core.EmOptions;
import io.emkit.core.Executor;
import io.emkit.core.LatentModel;
import io.emkit.core.MiniBatches;
import io.emkit.core.SufficientStatistics;
import io.emkit.core.Tasks;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * An {@link Executor} over a CSV file that does not fit in memory: every E-step is a pass over the
 * file in chunks of rows, and at most a bounded number of chunks is held at once.
 *
 * <h2>Passes and memory</h2>
 * {@link #open} makes one scan of the file: it checks every cell (as {@link NumericTable} would: the
 * same dialect, header and column rules, the same numbers), counts the rows, draws the reservoir
 * sample and writes the binary cache. Each {@link #expect} is then one pass: chunks of
 * {@link Builder#chunkSize} rows (default {@link EmOptions#DEFAULT_CHUNK_SIZE}, as the in-memory
 * {@link io.emkit.core.LocalExecutor}) are read in file order, their E-steps run on
 * {@link Builder#threads} threads and their statistics are merged in file order. At most
 * {@code 2 × threads} chunks (one with a single thread) are alive at once; {@link #maxChunksHeld()}
 * reports the most there ever were. Memory is therefore about {@code sampleSize × d × 8} bytes for the
 * sample plus {@code 2 × threads × chunkSize × d × 8} for the chunks, whatever the file's size.
 *
 * <h2>The same answer as in memory</h2>
 * Chunk boundaries are those of {@code Dataset.split(chunkSize)} and the merge order is the chunk
 * order, so {@link #expect} returns exactly the bits of {@code LocalExecutor.of(data, threads,
 * chunkSize).expect} on the whole file read by {@link NumericTable}, for every thread count; a fit
 * from the same start is then bit-identical.
 *
 * <h2>The sample</h2>
 * {@link #data()} is a uniform random sample of {@link Builder#sampleSize} rows (default
 * {@value #DEFAULT_SAMPLE_SIZE}) drawn by reservoir sampling (Vitter's algorithm R) with a
 * {@link SplittableRandom} seeded by {@link Builder#seed}, kept in file order: the same file and seed
 * always give the same sample. With no more rows than the sample size the sample is the whole file,
 * and a fit that initialises from the data (k-means++) is bit-identical to the in-memory fit too. The
 * driver validates the model and initialises it on the sample only.
 *
 * <h2>The binary cache</h2>
 * The scan writes the parsed rows as little-endian doubles ({@code n × d × 8} bytes plus 64) to
 * {@code NAME.KEY.emcache}, in {@link Builder#cacheDirectory} or, by default, beside the data file
 * (skipped, with a note, when that folder cannot be written); later passes read it instead of parsing
 * text. The cache is written atomically and is valid while the data file keeps its size, its
 * modification time and its first 64 KiB, and the reading options stay the same (all hashed into KEY
 * and the cache's header with SHA-256); otherwise it is rebuilt. This is a quick check, not a hash of
 * the whole file: an edit that keeps the size, the time stamp and the first 64 KiB is not noticed.
 * Before and after every pass the data file's size and modification time are compared with those at
 * {@link #open}: a file changed during a fit is an {@link IllegalStateException}.
 *
 * <p>{@link #forEachBatch} reads mini-batches for {@link io.emkit.core.OnlineEm} front to back
 * (the file's order: shuffle a sorted file first). Per-row weights come from a second file read in
 * lockstep ({@link Builder#weights}). Missing values are not supported.
 * Not thread-safe: one fit at a time; close it to stop the E-step threads.
 */
public final class StreamingExecutor implements Executor<Dataset>, MiniBatches<Dataset> {

    /** Default number of rows in the reservoir sample that initialisation sees. */
    public static final int DEFAULT_SAMPLE_SIZE = 100_000;
    /** Bytes at the start of the data file that the cache key covers. */
    public static final int HEAD_BYTES = 64 * 1024;

    private static final byte[] MAGIC = "EMKITCSH".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 8 + 4 + 4 + 32; // magic, version, d, key
    private static final int TRAILER_BYTES = 8 + 8;         // n, magic

    /** Progress of a pass over the file: called on the reading thread after every chunk. */
    @FunctionalInterface
    public interface Progress {
        /**
         * One more chunk was read.
         *
         * @param pass 0 for the scan made by {@link #open}, then 1, 2, ... for each pass
         * @param bytesRead bytes of the source read so far in this pass
         * @param bytesTotal the source's size (the data file, or the cache once it exists)
         * @param rowsRead rows read so far in this pass
         */
        void onChunk(int pass, long bytesRead, long bytesTotal, long rowsRead);
    }

    private final Path file;
    private final String source;
    private final CsvTable dialect;
    private final CsvOptions csvOptions;
    private final int d;
    private final long rows;
    private final int chunkSize;
    private final Dataset sample;
    private final Path cache;        // null: passes parse the CSV
    private final boolean cacheReused;
    private final WatchedFile watched;
    private final Progress progress;
    private final ChunkPipeline pipeline;
    private final List<String> notes;
    private final Weights weights;   // null: unweighted
    private final int width;         // values stored per row: d, plus the weight when weighted
    private int pass;

    private StreamingExecutor(Builder b, CsvTable dialect, Scan scan, long fileSize, long fileModified,
            List<String> notes) {
        this.file = b.file;
        this.source = b.file.toString();
        this.dialect = dialect;
        this.csvOptions = b.csvOptions;
        this.d = dialect.columnCount();
        this.rows = scan.rows;
        this.chunkSize = b.chunkSize;
        this.sample = scan.sample;
        this.cache = scan.cache;
        this.cacheReused = scan.reused;
        this.watched = new WatchedFile(file, source, fileSize, fileModified);
        this.progress = b.progress;
        this.pipeline = new ChunkPipeline(b.threads);
        this.notes = List.copyOf(notes);
        this.weights = scan.weights;
        this.width = scan.d;
    }

    /**
     * A builder for a streaming executor over {@code file}.
     *
     * @param file the CSV data file; its name as given is the source named in messages
     * @return a builder with the defaults: default CSV options, 1 thread, chunks of
     *     {@link EmOptions#DEFAULT_CHUNK_SIZE} rows, a sample of {@value #DEFAULT_SAMPLE_SIZE} rows, seed
     *     0, the cache beside the data file, no progress
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"));
    }

    // ---- opening: dialect, scan, cache -----------------------------------------------------

    private static StreamingExecutor open(Builder b) throws IOException {
        Path file = b.file;
        String name = file.toString();
        checkArgument(!b.csvOptions.missingAllowed(), "%s: missing values are not supported when streaming;"
                + " remove --missing or fill in the cells", name);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(name, null, "is a folder, not a data file");
        }
        long size;
        long modified;
        byte[] head;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
            head = readHead(file, (int) Math.min(size, 1 << 20));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(name, null, "permission denied");
        }
        CsvTable dialect = CsvTable.parse(prefix(head, size), name, b.csvOptions, CsvTable.HeaderRule.NUMERIC);
        List<String> notes = new ArrayList<>(dialect.notes());
        Weights weights = b.weights == null ? null : Weights.open(b.weights);
        byte[] key = key(file, size, modified, Arrays.copyOf(head, Math.min(head.length, HEAD_BYTES)),
                b.csvOptions, dialect);
        if (weights != null) {
            key = weights.key(key);
        }
        Path cache = b.cache ? CacheFiles.locate(file, name, b.cacheDirectory, key, notes) : null;
        Scan scan = new Scan(b, dialect, key, size, weights);
        if (cache != null && validCache(cache, key, scan.d)) {
            scan.fromCache(cache);
        } else if (cache != null) {
            Path target = cache;
            AtomicFiles.write(target, out -> scan.fromCsv(file, out));
            scan.cache = target;
        } else {
            scan.fromCsv(file, null);
        }
        if (Files.size(file) != size || Files.getLastModifiedTime(file).toMillis() != modified) {
            throw new IllegalStateException(name + " changed while it was being read; restart when it is complete");
        }
        if (weights != null && !weights.unchanged()) {
            throw new IllegalStateException(weights.name + " changed while it was being read; restart when it is"
                    + " complete");
        }
        return new StreamingExecutor(b, dialect, scan, size, modified, notes);
    }

    static byte[] readHead(Path file, int length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(length);
        }
    }

    /** The head cut after its last line break when the file goes on (so no line is cut). */
    static byte[] prefix(byte[] head, long size) {
        if (head.length >= size) {
            return head;
        }
        int end = head.length;
        while (end > 0 && head[end - 1] != '\n') {
            end--;
        }
        return end == 0 ? head : Arrays.copyOf(head, end);
    }

    private static byte[] key(Path file, long size, long modified, byte[] head, CsvOptions options,
            CsvTable dialect) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = VERSION + "\n" + file.toAbsolutePath().normalize() + "\n" + size + "\n" + modified + "\n"
                    + options + "\n" + dialect.delimiter() + "\n" + dialect.hasHeader() + "\n"
                    + Arrays.toString(dialect.keptColumns()) + "\n";
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update(head);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    private static boolean validCache(Path cache, byte[] key, int d) throws IOException {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                return false;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            header.flip();
            byte[] magic = new byte[8];
            header.get(magic);
            byte[] stored = new byte[32];
            int version = header.getInt();
            int dimension = header.getInt();
            header.get(stored);
            ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(trailer, size - TRAILER_BYTES);
            trailer.flip();
            long n = trailer.getLong();
            byte[] end = new byte[8];
            trailer.get(end);
            return Arrays.equals(magic, MAGIC) && Arrays.equals(end, MAGIC) && version == VERSION && dimension == d
                    && Arrays.equals(stored, key) && n >= 1
                    && size == HEADER_BYTES + TRAILER_BYTES + n * d * Double.BYTES;
        }
    }

    /** The scan made by open: counts, sample, cache. */
    private static final class Scan {
        final Builder b;
        final CsvTable dialect;
        final byte[] key;
        final long csvSize;
        final Weights weights;
        final int dimension; // of the data
        final int d;         // values stored per row: the data, then the weight when weighted
        long rows;
        double weightSum;
        Dataset sample;
        Path cache;
        boolean reused;

        Scan(Builder b, CsvTable dialect, byte[] key, long csvSize, Weights weights) {
            this.b = b;
            this.dialect = dialect;
            this.key = key;
            this.csvSize = csvSize;
            this.weights = weights;
            this.dimension = dialect.columnCount();
            this.d = dimension + (weights == null ? 0 : 1);
        }

        void fromCache(Path file) throws IOException {
            try (RowReader reader = new CacheReader(file, d, b.chunkSize)) {
                run(reader, null, Files.size(file));
            }
            cache = file;
            reused = true;
        }

        void fromCsv(Path file, OutputStream out) throws IOException {
            if (out != null) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.put(MAGIC).putInt(VERSION).putInt(d).put(key);
                out.write(header.array());
            }
            try (RowReader reader = csvRows(file, b.file.toString(), b.csvOptions, dialect, weights)) {
                run(reader, out, csvSize);
            }
            if (out != null) {
                ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                trailer.putLong(rows).put(MAGIC);
                out.write(trailer.array());
            }
        }

        private void run(RowReader reader, OutputStream out, long total) throws IOException {
            int capacity = b.sampleSize;
            double[] reservoir = new double[Math.multiplyExact(Math.min(capacity, 1 << 16), d)];
            long[] index = new long[Math.min(capacity, 1 << 16)];
            int kept = 0;
            SplittableRandom random = new SplittableRandom(b.seed);
            double[] buffer = new double[b.chunkSize * d];
            ByteBuffer bytes = out == null ? null
                    : ByteBuffer.allocate(b.chunkSize * d * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            long seen = 0;
            int m;
            while ((m = reader.read(buffer, b.chunkSize)) > 0) {
                for (int i = 0; i < m; i++) {
                    int slot;
                    if (kept < capacity) {
                        slot = kept++;
                        if (slot == index.length) {
                            int grown = (int) Math.min(capacity, 2L * index.length);
                            index = Arrays.copyOf(index, grown);
                            reservoir = Arrays.copyOf(reservoir, Math.multiplyExact(grown, d));
                        }
                    } else {
                        long r = random.nextLong(seen + 1);
                        slot = r < capacity ? (int) r : -1;
                    }
                    if (slot >= 0) {
                        index[slot] = seen;
                        System.arraycopy(buffer, i * d, reservoir, slot * d, d);
                    }
                    if (weights != null) {
                        weightSum += buffer[i * d + dimension];
                    }
                    seen++;
                }
                if (bytes != null) {
                    bytes.clear();
                    bytes.asDoubleBuffer().put(buffer, 0, m * d);
                    out.write(bytes.array(), 0, m * d * Double.BYTES);
                }
                if (b.progress != null) {
                    b.progress.onChunk(0, reader.bytesRead(), total, seen);
                }
            }
            if (seen == 0) {
                throw new IllegalArgumentException(b.file + ": no data rows");
            }
            if (weights != null && !(weightSum > 0)) {
                throw new IllegalArgumentException(weights.name + ": the sample weights are all zero");
            }
            rows = seen;
            // the sample in file order
            Integer[] order = new Integer[kept];
            for (int s = 0; s < kept; s++) {
                order[s] = s;
            }
            long[] at = index;
            Arrays.sort(order, (x, y) -> Long.compare(at[x], at[y]));
            double[] values = new double[kept * d];
            for (int s = 0; s < kept; s++) {
                System.arraycopy(reservoir, order[s] * d, values, s * d, d);
            }
            sample = rowsOf(values, kept, dimension, weights != null);
        }
    }

    /** The text source of a pass or a scan: the data, with the weights interleaved when weighted. */
    private static RowReader csvRows(Path file, String source, CsvOptions options, CsvTable dialect, Weights weights)
            throws IOException {
        RowReader data = new CsvReader(file, source, options, dialect);
        if (weights == null) {
            return data;
        }
        try {
            return new WeightedReader(data, new CsvReader(weights.file, weights.name, CsvOptions.defaults(),
                    weights.dialect), dialect.columnCount(), weights.name);
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * Rows stored {@code width} values each (the data, then the weight when weighted) as a data set. A
     * chunk whose weights are all zero is, as in memory, a view of weighted rows.
     */
    private static Dataset rowsOf(double[] stored, int m, int d, boolean weighted) {
        if (!weighted) {
            return Dataset.ofRowMajor(stored, m, d);
        }
        double[] values = new double[m * d];
        double[] w = new double[m];
        double sum = 0;
        for (int i = 0; i < m; i++) {
            System.arraycopy(stored, i * (d + 1), values, i * d, d);
            w[i] = stored[i * (d + 1) + d];
            sum += w[i];
        }
        if (sum > 0) {
            return Dataset.ofRowMajor(values, m, d).withWeights(w);
        }
        double[] padded = Arrays.copyOf(values, (m + 1) * d);
        double[] paddedWeights = Arrays.copyOf(w, m + 1);
        paddedWeights[m] = 1; // only to make the weighted data set; the view leaves it out
        return Dataset.ofRowMajor(padded, m + 1, d).withWeights(paddedWeights).rows(0, m);
    }

    /** The weights file: where it is, how it reads, and what it was when the executor opened. */
    private static final class Weights {
        final Path file;
        final String name;
        final CsvTable dialect;
        final long size;
        final long modified;
        final byte[] head;

        private Weights(Path file, CsvTable dialect, long size, long modified, byte[] head) {
            this.file = file;
            this.name = file.toString();
            this.dialect = dialect;
            this.size = size;
            this.modified = modified;
            this.head = head;
        }

        static Weights open(Path file) throws IOException {
            String name = file.toString();
            if (Files.isDirectory(file)) {
                throw new FileSystemException(name, null, "is a folder, not a weights file");
            }
            try {
                long size = Files.size(file);
                long modified = Files.getLastModifiedTime(file).toMillis();
                byte[] head = readHead(file, (int) Math.min(size, 1 << 20));
                CsvTable dialect = CsvTable.parse(prefix(head, size), name, CsvOptions.defaults(),
                        CsvTable.HeaderRule.NUMERIC);
                if (dialect.columnCount() != 1) {
                    throw new IllegalArgumentException(name + ": expected one weight per line, found "
                            + dialect.columnCount() + " columns");
                }
                return new Weights(file, dialect, size, modified, Arrays.copyOf(head, Math.min(head.length, HEAD_BYTES)));
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(name, null, "no such file");
            } catch (AccessDeniedException e) {
                throw new AccessDeniedException(name, null, "permission denied");
            }
        }

        /** The data's cache key extended by this file's identity. */
        byte[] key(byte[] dataKey) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(dataKey);
                String text = "weights\n" + file.toAbsolutePath().normalize() + "\n" + size + "\n" + modified + "\n"
                        + dialect.delimiter() + "\n" + dialect.hasHeader() + "\n";
                sha.update(text.getBytes(StandardCharsets.UTF_8));
                sha.update(head);
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }

        boolean unchanged() throws IOException {
            try {
                return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modified;
            } catch (NoSuchFileException e) {
                return false;
            }
        }
    }

    /** Data rows and their weights read in lockstep, each row followed by its weight. */
    private static final class WeightedReader implements RowReader {
        private final RowReader data;
        private final RowReader weights;
        private final int d;
        private final String name;
        private double[] rows = new double[0];
        private double[] w = new double[0];
        private long read;

        WeightedReader(RowReader data, RowReader weights, int d, String name) {
            this.data = data;
            this.weights = weights;
            this.d = d;
            this.name = name;
        }

        @Override
        public int read(double[] values, int max) throws IOException {
            if (rows.length < max * d) {
                rows = new double[max * d];
                w = new double[max];
            }
            int m = data.read(rows, max);
            int k = m == 0 ? weights.read(w, 1) : weights.read(w, m);
            if (m == 0 && k > 0) {
                throw new IllegalArgumentException(name + ": " + (read + k + rest(weights, 1)) + " weights for " + read
                        + " data rows");
            }
            if (k < m) {
                throw new IllegalArgumentException(name + ": " + (read + k) + " weights for "
                        + (read + m + rest(data, d)) + " data rows");
            }
            for (int i = 0; i < m; i++) {
                double weight = w[i];
                if (weight < 0) {
                    throw new IllegalArgumentException(name + ": weight " + weight + " of data row " + (read + i + 1)
                            + " is negative");
                }
                if (!(weight < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(name + ": weight " + weight + " of data row " + (read + i + 1)
                            + " is not finite");
                }
                System.arraycopy(rows, i * d, values, i * (d + 1), d);
                values[i * (d + 1) + d] = weight;
            }
            read += m;
            return m;
        }

        /** Counts the rows left in a reader of {@code width} values per row. */
        private static long rest(RowReader reader, int width) throws IOException {
            double[] buffer = new double[4096 * width];
            long count = 0;
            int m;
            while ((m = reader.read(buffer, 4096)) > 0) {
                count += m;
            }
            return count;
        }

        @Override
        public long bytesRead() {
            return data.bytesRead();
        }

        @Override
        public void close() throws IOException {
            try {
                data.close();
            } finally {
                weights.close();
            }
        }
    }

    // ---- row sources -----------------------------------------------------------------------

    /** Reads rows, row-major, in file order. */
    private interface RowReader extends Closeable {
        /** Up to {@code max} rows into {@code values}; the number read, 0 at the end. */
        int read(double[] values, int max) throws IOException;

        long bytesRead();
    }

    /** The binary cache. */
    private static final class CacheReader implements RowReader {
        private final FileChannel channel;
        private final int d;
        private final ByteBuffer buffer;
        private final long end;
        private long position = HEADER_BYTES;

        CacheReader(Path file, int d, int chunkRows) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.d = d;
            this.buffer = ByteBuffer.allocateDirect(chunkRows * d * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            this.end = channel.size() - TRAILER_BYTES;
        }

        @Override
        public int read(double[] values, int max) throws IOException {
            long left = (end - position) / ((long) d * Double.BYTES);
            int m = (int) Math.min(max, left);
            if (m <= 0) {
                return 0;
            }
            buffer.clear().limit(m * d * Double.BYTES);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    throw new IOException("the cache ended early");
                }
            }
            buffer.flip();
            buffer.asDoubleBuffer().get(values, 0, m * d);
            position += (long) m * d * Double.BYTES;
            return m;
        }

        @Override
        public long bytesRead() {
            return position;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The text, parsed as {@link CsvTable} and {@link NumericTable} do ({@link CsvRecordStream}). */
    private static final class CsvReader implements RowReader {
        private final String source;
        private final CsvRecordStream records;
        private final int[] kept;
        private final List<String> names;

        CsvReader(Path file, String source, CsvOptions options, CsvTable dialect) throws IOException {
            this.source = source;
            this.records = new CsvRecordStream(file, source, options, dialect);
            this.kept = dialect.keptColumns();
            this.names = dialect.fileColumnNames();
        }

        @Override
        public int read(double[] values, int max) throws IOException {
            int d = kept.length;
            int m = 0;
            String[] fields;
            while (m < max && (fields = records.next()) != null) {
                long line = records.line();
                for (int j = 0; j < d; j++) {
                    String cell = fields[kept[j]];
                    Double value = Messages.number(cell);
                    if (value == null) {
                        throw new IllegalArgumentException(Messages.at(source, (int) line, kept[j], names) + ": "
                                + (Messages.isMissingToken(cell)
                                        ? (cell.isBlank() ? "the cell is empty" : "\"" + cell.strip()
                                                + "\" marks a missing value")
                                                + "; missing values are not supported when streaming"
                                        : Messages.notANumber(cell, kept[j], names)));
                    }
                    values[m * d + j] = value;
                }
                m++;
            }
            return m;
        }

        @Override
        public long bytesRead() {
            return records.bytesRead();
        }

        @Override
        public void close() throws IOException {
            records.close();
        }
    }

    private RowReader openPass() throws IOException {
        checkUnchanged();
        return cache != null ? new CacheReader(cache, width, chunkSize)
                : csvRows(file, source, csvOptions, dialect, weights);
    }

    private long passTotal() throws IOException {
        return cache != null ? Files.size(cache) : watched.size();
    }

    private void checkUnchanged() throws IOException {
        watched.checkUnchanged();
        if (weights != null && !weights.unchanged()) {
            throw new IllegalStateException(weights.name + " changed during the fit; passes over two versions of a"
                    + " file do not make one fit, so restart the fit");
        }
    }

    // ---- passes ----------------------------------------------------------------------------

    @Override
    public <P, S extends SufficientStatistics<S>> S expect(LatentModel<Dataset, P, S> model, P params) {
        Objects.requireNonNull(model, "model");
        int thisPass = ++pass;
        ChunkPipeline.Pass<S> estimates = pipeline.pass();
        S total;
        long read = 0;
        try (RowReader reader = openPass()) {
            long size = passTotal();
            double[] buffer = new double[chunkSize * width];
            int m;
            while ((m = reader.read(buffer, chunkSize)) > 0) {
                Tasks.checkInterrupt();
                read += m;
                estimates.makeRoom(); // before the copy: at most the window's chunks exist at once
                Dataset chunk = rowsOf(m == chunkSize ? buffer : Arrays.copyOf(buffer, m * width), m, d,
                        weights != null);
                estimates.add(() -> model.expect(params, chunk));
                if (progress != null) {
                    progress.onChunk(thisPass, reader.bytesRead(), size, read);
                }
            }
            total = estimates.finish();
        } catch (IOException e) {
            estimates.cancel();
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            estimates.cancel();
            throw e;
        }
        finishPass(read);
        return total;
    }

    private void finishPass(long read) {
        try {
            checkUnchanged();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        if (read != rows) {
            throw new IllegalStateException(source + " changed during the fit (" + read + " rows read in pass " + pass
                    + " but " + rows + " at the start); restart the fit");
        }
    }

    /**
     * One pass in mini-batches of {@code batchSize} rows, front to back; {@code order} is ignored (a
     * file is read in its order).
     *
     * @param batchSize rows per batch, {@code >= 1}
     * @param order ignored
     * @param action called with each batch on the calling thread
     * @throws IllegalArgumentException if {@code batchSize < 1}
     * @throws UncheckedIOException if the file or cache cannot be read
     * @throws IllegalStateException if the data file changed during the fit
     */
    @Override
    public void forEachBatch(int batchSize, RandomGenerator order, Consumer<? super Dataset> action) {
        checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
        int thisPass = ++pass;
        long read = 0;
        try (RowReader reader = openPass()) {
            long size = passTotal();
            double[] buffer = new double[Math.multiplyExact(batchSize, width)];
            int m;
            while ((m = reader.read(buffer, batchSize)) > 0) {
                Tasks.checkInterrupt();
                read += m;
                pipeline.hold();
                action.accept(rowsOf(m == batchSize ? buffer : Arrays.copyOf(buffer, m * width), m, d, weights != null));
                pipeline.release();
                if (progress != null) {
                    progress.onChunk(thisPass, reader.bytesRead(), size, read);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        finishPass(read);
    }

    // ---- accessors -------------------------------------------------------------------------

    /**
     * The reservoir sample that initialisation and validation see.
     *
     * @return {@code min(n, sampleSize)} rows in file order
     */
    @Override
    public Dataset data() {
        return sample;
    }

    /**
     * The number of data rows in the file.
     *
     * @return {@code n >= 1}
     */
    public long rows() {
        return rows;
    }

    /**
     * The number of kept columns.
     *
     * @return {@code d >= 1}
     */
    public int dimension() {
        return d;
    }

    /**
     * The names of the kept columns.
     *
     * @return {@code d} names, or an empty list without a header
     */
    public List<String> columnNames() {
        return dialect.columnNames();
    }

    /**
     * The binary cache the passes read.
     *
     * @return the cache file, or null when every pass parses the text
     */
    public Path cacheFile() {
        return cache;
    }

    /**
     * Whether {@link #open} found a valid cache (and did not parse the text).
     *
     * @return true if an existing cache was used
     */
    public boolean cacheReused() {
        return cacheReused;
    }

    /**
     * The number of passes made so far (not counting the scan of {@link #open}).
     *
     * @return passes, {@code >= 0}
     */
    public int passes() {
        return pass;
    }

    /**
     * The most chunks (or mini-batches) ever held at once: read and not yet merged.
     *
     * @return at most {@code 2 × threads}, or 1 with one thread
     */
    public int maxChunksHeld() {
        return pipeline.maxHeld();
    }

    /**
     * What the reader decided on its own (a dropped row index column, a skipped cache), one line each.
     *
     * @return the notes, possibly empty
     */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /** Settings of a {@link StreamingExecutor}, validated as they are set. */
    public static final class Builder {
        private final Path file;
        private CsvOptions csvOptions = CsvOptions.defaults();
        private int threads = 1;
        private int chunkSize = EmOptions.DEFAULT_CHUNK_SIZE;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private long seed;
        private boolean cache = true;
        private Path cacheDirectory;
        private Progress progress;
        private Path weights;

        private Builder(Path file) {
            this.file = file;
        }

        /**
         * Per-row sample weights from a second file, read in lockstep with the data: one finite
         * number {@code >= 0} per data row (an optional header; default CSV options), as the in-memory
         * {@code Dataset.withWeights}. The weights go into the cache (and its key) beside the rows and
         * the sample carries them.
         *
         * @param file the weights file, or null for unweighted rows
         * @return this
         */
        public Builder weights(Path file) {
            this.weights = file;
            return this;
        }

        /**
         * @param value how to read the file (dialect, columns); missing values are refused
         * @return this
         */
        public Builder csvOptions(CsvOptions value) {
            this.csvOptions = Objects.requireNonNull(value, "csvOptions");
            return this;
        }

        /**
         * @param value E-step threads, {@code >= 1}; the result does not depend on it
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder threads(int value) {
            checkArgument(value >= 1, "threads (%s) must be >= 1", value);
            this.threads = value;
            return this;
        }

        /**
         * @param value rows per chunk, {@code >= 1}: use the in-memory fit's
         *     {@link EmOptions#chunkSize()} for the same bits
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder chunkSize(int value) {
            checkArgument(value >= 1, "chunkSize (%s) must be >= 1", value);
            this.chunkSize = value;
            return this;
        }

        /**
         * Threads and chunk size from fit options.
         *
         * @param options supplies {@link EmOptions#threads()}, {@link EmOptions#chunkSize()} and
         *     {@link EmOptions#seed()} (for the sample)
         * @return this
         */
        public Builder options(EmOptions options) {
            return threads(options.threads()).chunkSize(options.chunkSize()).seed(options.seed());
        }

        /**
         * @param value rows in the reservoir sample, {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder sampleSize(int value) {
            checkArgument(value >= 1, "sampleSize (%s) must be >= 1", value);
            this.sampleSize = value;
            return this;
        }

        /**
         * @param value the sample's seed
         * @return this
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param folder where the binary cache goes (created if missing), or null for beside the data
         * @return this
         */
        public Builder cacheDirectory(Path folder) {
            this.cacheDirectory = folder;
            return this;
        }

        /**
         * @param value false to parse the text on every pass and write no cache
         * @return this
         */
        public Builder cache(boolean value) {
            this.cache = value;
            return this;
        }

        /**
         * @param value told after every chunk of every pass, or null
         * @return this
         */
        public Builder progress(Progress value) {
            this.progress = value;
            return this;
        }

        /**
         * Scans the file (checking every cell, counting rows, drawing the sample, writing or reusing
         * the cache) and makes the executor.
         *
         * @return the executor; close it when done
         * @throws IOException if the file or the cache cannot be read or written (message names the
         *     file)
         * @throws IllegalArgumentException if the content is bad (as {@link NumericTable#read}), with
         *     missing values allowed, or without data rows
         * @throws IllegalStateException if the file changed while it was scanned
         */
        public StreamingExecutor open() throws IOException {
            return StreamingExecutor.open(this);
        }
    }
}
