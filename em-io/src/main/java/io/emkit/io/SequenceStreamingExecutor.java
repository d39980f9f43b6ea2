package io.emkit.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.emkit.core.EmOptions;
import io.emkit.core.Executor;
import io.emkit.core.LatentModel;
import io.emkit.core.MiniBatches;
import io.emkit.core.SufficientStatistics;
import io.emkit.core.Tasks;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * An {@link Executor} over a sequence CSV file (the format {@link SequenceTable} reads: a sequence id,
 * then one symbol or {@code d} numbers per step) that does not fit in memory: every E-step is a pass
 * over the file in chunks of whole sequences, and at most a bounded number of chunks is held at once.
 * A sequence is never split.
 *
 * <h2>Passes and memory</h2>
 * {@link Builder#open} makes one scan of the file: it checks every cell and id (as {@link SequenceTable}
 * would: the same dialect, header, column and number rules; the rows of one id must be consecutive, an
 * id that reappears after another id is an error naming it and both lines), counts sequences and steps,
 * collects the string symbols' vocabulary, draws the sample and writes the binary cache. The scan keeps
 * every id seen (to detect one that reappears), so it needs memory for the ids, not for the sequences.
 * Each {@link #expect} is then one pass: sequences are read in file order and grouped into chunks
 * exactly as {@code Sequences.partition(chunkSize)} groups them in memory (a chunk is closed once it holds
 * at least {@link Builder#chunkSize} steps; a longer sequence is a chunk of its own), their E-steps run on
 * {@link Builder#threads} threads and their statistics are merged in file order. At most
 * {@code 2 × threads} chunks (one with a single thread) are alive at once; {@link #maxChunksHeld()}
 * reports the most there ever were.
 *
 * <h2>The same answer as in memory</h2>
 * Chunk contents and merge order are those of the in-memory executor over the whole file, so from the
 * same start a fit is bit-identical to the in-memory fit with the same chunk size, at every thread count.
 *
 * <h2>The sample</h2>
 * {@link #data()}, what initialisation and validation see, is a seeded random subset of whole sequences
 * of at most {@link Builder#sampleSize} steps (default {@value #DEFAULT_SAMPLE_STEPS}): every sequence
 * draws a uniform key from a {@link SplittableRandom} seeded by {@link Builder#seed}, and the sample is
 * the sequences with the smallest keys, taken in key order while their steps fit (at least one sequence,
 * even when it alone is longer), kept in file order. A file with no more steps than the sample size is
 * its own sample, so a fit that initialises from the data is then bit-identical to the in-memory fit too.
 *
 * <h2>Symbols</h2>
 * As {@link SequenceTable}: integer symbols when every symbol cell is a number (each must be a
 * non-negative integer), else strings coded by order of first appearance ({@link #symbolNames()}). With
 * {@link Builder#alphabet} every symbol (a string, or an integer's decimal text) is coded by its index
 * in that list instead, and a symbol the list lacks is an error naming its first line.
 *
 * <h2>The binary cache</h2>
 * The scan writes the parsed sequences ({@code 4 + T × d × 8} bytes per sequence of vectors,
 * {@code 4 + T × 4} of symbols, plus the vocabulary) to {@code NAME.KEY.emcache}, in
 * {@link Builder#cacheDirectory} or beside the data file; later passes read it instead of parsing text.
 * It is valid while the data file keeps its size, its modification time and its first 64 KiB and the
 * reading options stay the same (hashed into KEY with SHA-256), as {@link StreamingExecutor}'s; a file
 * changed during a fit is an {@link IllegalStateException}.
 *
 * <p>{@link #forEachBatch} reads mini-batches of whole sequences for {@link io.emkit.core.OnlineEm}
 * front to back (the file's order). Missing values and per-sequence weights are not supported. Not
 * thread-safe: one fit at a time; close it to stop the E-step threads.
 *
 * @param <D> the data (and chunk) type, made from plain arrays by the {@link Assembler}
 */
public final class SequenceStreamingExecutor<D> implements Executor<D>, MiniBatches<D> {

    /** Default number of steps of whole sequences in the sample that initialisation sees. */
    public static final int DEFAULT_SAMPLE_STEPS = 100_000;


    /**
     * Makes the data type of a chunk (or the sample) from its sequences; em-hmm's
     * {@code Sequences::ofSymbols} and {@code Sequences::ofRowMajor} are the usual pair.
     *
     * @param <D> the data type
     */
    public interface Assembler<D> {
        /**
         * Sequences of symbols.
         *
         * @param sequences one array of symbols per sequence, in file order; fresh arrays the
         *     assembler may keep
         * @return the data
         */
        D symbols(int[][] sequences);

        /**
         * Sequences of {@code d}-vectors.
         *
         * @param sequences one row-major {@code T × d} array per sequence, in file order; fresh arrays
         *     the assembler may keep
         * @param dimension {@code d >= 1}
         * @return the data
         */
        D vectors(double[][] sequences, int dimension);
    }

    private final Path file;
    private final String source;
    private final SequenceTable.Kind kind;
    private final CsvTable dialect;
    private final CsvOptions csvOptions;
    private final Assembler<D> assembler;
    private final int d;
    private final long sequences;
    private final long steps;
    private final int chunkSize;
    private final D sample;
    private final int sampleSequences;
    private final long sampleSteps;
    private final Path cache;
    private final boolean cacheReused;
    private final WatchedFile watched;
    private final StreamingExecutor.Progress progress;
    private final ChunkPipeline pipeline;
    private final List<String> notes;
    private final Vocabulary vocabulary;  // symbols only
    private final int[] translation;      // symbols: vocabulary code -> symbol
    private final List<String> symbolNames;
    private final int maxSymbol;
    private int pass;

    private SequenceStreamingExecutor(Builder<D> b, CsvTable dialect, Scan scan, long fileSize, long fileModified,
            List<String> notes) {
        this.file = b.file;
        this.source = b.file.toString();
        this.kind = b.kind;
        this.dialect = dialect;
        this.csvOptions = b.csvOptions;
        this.assembler = b.assembler;
        this.d = scan.d;
        this.sequences = scan.sequences;
        this.steps = scan.steps;
        this.chunkSize = b.chunkSize;
        this.cache = scan.cache;
        this.cacheReused = scan.reused;
        this.watched = new WatchedFile(file, source, fileSize, fileModified);
        this.progress = b.progress;
        this.vocabulary = scan.vocabulary;
        this.notes = List.copyOf(notes);
        if (kind == SequenceTable.Kind.SYMBOLS) {
            Symbols symbols = Symbols.of(source, dialect, vocabulary, b.alphabet);
            this.translation = symbols.translation;
            this.symbolNames = symbols.names;
            this.maxSymbol = symbols.max;
        } else {
            this.translation = null;
            this.symbolNames = List.of();
            this.maxSymbol = -1;
        }
        List<Candidate> kept = new ArrayList<>(scan.kept);
        kept.sort(Comparator.comparingLong(c -> c.index));
        List<Object> rows = new ArrayList<>(kept.size());
        long total = 0;
        for (Candidate c : kept) {
            rows.add(translate(c.data));
            total += c.length;
        }
        this.sample = assemble(rows);
        this.sampleSequences = kept.size();
        this.sampleSteps = total;
        this.pipeline = new ChunkPipeline(b.threads);
    }

    /**
     * A builder for a streaming executor over the sequence file {@code file}.
     *
     * @param file the sequence CSV; its name as given is the source named in messages
     * @param kind whether a step is one symbol or {@code d} numbers
     * @param assembler makes chunks from the sequences read
     * @param <D> the data type
     * @return a builder with the defaults: default CSV options, 1 thread, chunks of
     *     {@link EmOptions#DEFAULT_CHUNK_SIZE} steps, a sample of {@value #DEFAULT_SAMPLE_STEPS} steps, seed
     *     0, the cache beside the data file, no alphabet, no progress
     */
    public static <D> Builder<D> builder(Path file, SequenceTable.Kind kind, Assembler<D> assembler) {
        return new Builder<>(Objects.requireNonNull(file, "file"), Objects.requireNonNull(kind, "kind"),
                Objects.requireNonNull(assembler, "assembler"));
    }

    // ---- opening ---------------------------------------------------------------------------

    private static <D> SequenceStreamingExecutor<D> open(Builder<D> b) throws IOException {
        Path file = b.file;
        String name = file.toString();
        checkArgument(!b.csvOptions.missingAllowed(), "%s: missing values are not supported when streaming"
                + " sequences; remove --missing or fill in the cells", name);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(name, null, "is a folder, not a data file");
        }
        long size;
        long modified;
        byte[] head;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
            head = StreamingExecutor.readHead(file, (int) Math.min(size, 1 << 20));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(name, null, "permission denied");
        }
        CsvTable dialect = CsvTable.parse(StreamingExecutor.prefix(head, size), name, b.csvOptions,
                CsvTable.HeaderRule.SEQUENCE);
        int[] kept = dialect.keptColumns();
        List<String> names = dialect.fileColumnNames();
        if (kept.length < 2) {
            throw new IllegalArgumentException(name + ": a sequence file needs a sequence id column and at least"
                    + " one observation column, but only " + Messages.column(kept[0], names) + " is kept");
        }
        if (b.kind == SequenceTable.Kind.SYMBOLS && kept.length != 2) {
            throw new IllegalArgumentException(name + ": symbol sequences need exactly one symbol column after the"
                    + " id, but " + (kept.length - 1) + " columns are kept after " + Messages.column(kept[0], names)
                    + "; choose them with --columns ID,SYMBOL");
        }
        List<String> notes = new ArrayList<>(dialect.notes());
        byte[] key = key(file, size, modified, Arrays.copyOf(head, Math.min(head.length, StreamingExecutor.HEAD_BYTES)),
                b.csvOptions, dialect, b.kind);
        Path cache = b.cache ? CacheFiles.locate(file, name, b.cacheDirectory, key, notes) : null;
        Scan scan = new Scan(b, dialect);
        if (cache != null && SequenceCache.isValid(cache, key, b.kind, scan.d)) {
            scan.fromCache(cache);
        } else if (cache != null) {
            Path target = cache;
            AtomicFiles.write(target, out -> scan.fromCsv(file, out, key));
            scan.cache = target;
        } else {
            scan.fromCsv(file, null, key);
        }
        if (Files.size(file) != size || Files.getLastModifiedTime(file).toMillis() != modified) {
            throw new IllegalStateException(name + " changed while it was being read; restart when it is complete");
        }
        return new SequenceStreamingExecutor<>(b, dialect, scan, size, modified, notes);
    }

    private static byte[] key(Path file, long size, long modified, byte[] head, CsvOptions options, CsvTable dialect,
            SequenceTable.Kind kind) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = "sequences " + SequenceCache.VERSION + " " + kind + "\n" + file.toAbsolutePath().normalize()
                    + "\n" + size + "\n" + modified + "\n" + options + "\n" + dialect.delimiter() + "\n"
                    + dialect.hasHeader() + "\n" + Arrays.toString(dialect.keptColumns()) + "\n";
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update(head);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The distinct symbol cells in order of first appearance, with the line of each first appearance. */
    static final class Vocabulary {
        final Map<String, Integer> codes = new HashMap<>();
        final List<String> names = new ArrayList<>();
        long[] firstLines = new long[16];

        /** The code of a cell; new cells get the next code when {@code grow}, else null. */
        Integer code(String cell, long line, boolean grow) {
            Integer code = codes.get(cell);
            if (code != null || !grow) {
                return code;
            }
            code = names.size();
            codes.put(cell, code);
            names.add(cell);
            if (code == firstLines.length) {
                firstLines = Arrays.copyOf(firstLines, 2 * code);
            }
            firstLines[code] = line;
            return code;
        }

        int size() {
            return names.size();
        }
    }

    /** How vocabulary codes become symbols: integers, strings in order of appearance, or a given alphabet. */
    private record Symbols(int[] translation, List<String> names, int max) {
        static Symbols of(String source, CsvTable dialect, Vocabulary vocabulary, List<String> alphabet) {
            int n = vocabulary.size();
            boolean numeric = true;
            for (int c = 0; c < n && numeric; c++) {
                numeric = Messages.isNumber(vocabulary.names.get(c));
            }
            int column = dialect.keptColumns()[1];
            List<String> names = dialect.fileColumnNames();
            int[] values = new int[n];
            long badLine = Long.MAX_VALUE;
            String bad = null;
            for (int c = 0; c < n; c++) {
                if (!numeric) {
                    values[c] = c;
                    continue;
                }
                String cell = vocabulary.names.get(c);
                double value = Messages.number(cell);
                if (value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE - 1) {
                    values[c] = (int) value;
                } else if (vocabulary.firstLines[c] < badLine) {
                    badLine = vocabulary.firstLines[c];
                    bad = cell;
                }
            }
            if (bad != null) {
                throw new IllegalArgumentException(source + " line " + badLine + ", " + Messages.column(column, names)
                        + ": \"" + Messages.shown(bad) + "\" is not a symbol (a non-negative integer, or a word such"
                        + " as H for string symbols)");
            }
            List<String> symbolNames = numeric ? List.of() : List.copyOf(vocabulary.names);
            if (alphabet != null) {
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < alphabet.size(); i++) {
                    index.put(alphabet.get(i), i);
                }
                int[] mapped = new int[n];
                long missingLine = Long.MAX_VALUE;
                String missing = null;
                for (int c = 0; c < n; c++) {
                    String name = numeric ? Integer.toString(values[c]) : vocabulary.names.get(c);
                    Integer id = index.get(name);
                    if (id != null) {
                        mapped[c] = id;
                    } else if (vocabulary.firstLines[c] < missingLine) {
                        missingLine = vocabulary.firstLines[c];
                        missing = name;
                    }
                }
                if (missing != null) {
                    throw new IllegalArgumentException(source + " line " + missingLine + ": symbol \"" + missing
                            + "\" is not in the model's alphabet " + alphabet);
                }
                values = mapped;
            }
            int max = -1;
            for (int v : values) {
                max = Math.max(max, v);
            }
            return new Symbols(values, symbolNames, max);
        }
    }

    /** A sequence of the sample being drawn. */
    private record Candidate(double key, long index, Object data, int length) {}

    /** The scan made by open: counts, vocabulary, sample, cache. */
    private static final class Scan {
        final Builder<?> b;
        final CsvTable dialect;
        final int d;
        final Vocabulary vocabulary = new Vocabulary();
        final PriorityQueue<Candidate> kept = new PriorityQueue<>(Comparator.comparingDouble(Candidate::key)
                .reversed());
        final SplittableRandom random;
        double threshold = Double.POSITIVE_INFINITY;
        long keptSteps;
        long sequences;
        long steps;
        Path cache;
        boolean reused;

        Scan(Builder<?> b, CsvTable dialect) {
            this.b = b;
            this.dialect = dialect;
            this.d = b.kind == SequenceTable.Kind.SYMBOLS ? 1 : dialect.keptColumns().length - 1;
            this.random = new SplittableRandom(b.seed);
        }

        void fromCsv(Path file, OutputStream out, byte[] key) throws IOException {
            SequenceCache.Writer writer = out == null ? null : new SequenceCache.Writer(out, b.kind, d, key);
            try (CsvSequences reader = new CsvSequences(file, b.file.toString(), b.csvOptions, dialect, b.kind,
                    vocabulary, true)) {
                run(reader, writer, Files.size(file));
            }
            if (writer != null) {
                writer.finish(vocabulary, sequences, steps);
            }
        }

        void fromCache(Path file) throws IOException {
            try (SequenceCache.Reader reader = new SequenceCache.Reader(file, b.kind, d)) {
                reader.readVocabulary(vocabulary);
                run(reader, null, Files.size(file));
            }
            cache = file;
            reused = true;
        }

        private void run(SequenceSource reader, SequenceCache.Writer writer, long total) throws IOException {
            Object sequence;
            while ((sequence = reader.next()) != null) {
                int length = reader.lastLength();
                if (writer != null) {
                    writer.write(sequence, length);
                }
                offer(sequence, length);
                sequences++;
                steps += length;
                if (b.progress != null) {
                    b.progress.onChunk(0, reader.bytesRead(), total, steps);
                }
            }
            if (sequences == 0) {
                throw new IllegalArgumentException(b.file + ": no data rows");
            }
        }

        /** The sample: the smallest keys, in key order, while their steps fit (at least one). */
        private void offer(Object sequence, int length) {
            double key = random.nextDouble();
            if (!(key < threshold)) {
                return;
            }
            kept.add(new Candidate(key, sequences, sequence, length));
            keptSteps += length;
            while (keptSteps > b.sampleSize && kept.size() > 1) {
                Candidate evicted = kept.poll();
                keptSteps -= evicted.length;
                threshold = evicted.key;
            }
        }
    }

    // ---- sources of sequences ---------------------------------------------------------------

    /** Whole sequences in file order: vocabulary codes ({@code int[]}) or row-major values ({@code double[]}). */
    interface SequenceSource extends Closeable {
        /** The next sequence, or null at the end. */
        Object next() throws IOException;

        /** The number of steps of the sequence last returned. */
        int lastLength();

        long bytesRead();
    }

    /** The text, parsed as {@link SequenceTable} does. */
    private static final class CsvSequences implements SequenceSource {
        private final String source;
        private final CsvRecordStream records;
        private final SequenceTable.Kind kind;
        private final Vocabulary vocabulary;
        private final boolean scan;
        private final int[] kept;
        private final List<String> names;
        private final int d;
        private final Map<String, Long> finished = new HashMap<>(); // scan: id -> its last line
        private String[] pending;
        private long pendingLine;
        private boolean started;
        private int length;
        private int[] codes = new int[64];
        private double[] values;

        CsvSequences(Path file, String source, CsvOptions options, CsvTable dialect, SequenceTable.Kind kind,
                Vocabulary vocabulary, boolean scan) throws IOException {
            this.source = source;
            this.records = new CsvRecordStream(file, source, options, dialect);
            this.kind = kind;
            this.vocabulary = vocabulary;
            this.scan = scan;
            this.kept = dialect.keptColumns();
            this.names = dialect.fileColumnNames();
            this.d = kept.length - 1;
            this.values = new double[64 * d];
        }

        @Override
        public Object next() throws IOException {
            String[] fields;
            long line;
            if (!started) {
                started = true;
                fields = records.next();
                line = records.line();
            } else {
                fields = pending;
                line = pendingLine;
            }
            pending = null;
            if (fields == null) {
                return null;
            }
            String id = fields[kept[0]];
            if (id.isEmpty()) {
                throw new IllegalArgumentException(at(line, kept[0]) + ": the sequence id is empty");
            }
            if (scan) {
                Long previous = finished.get(id);
                if (previous != null) {
                    throw new IllegalArgumentException(source + ": sequence id \"" + Messages.shown(id)
                            + "\" reappears at line " + line + " after other ids (its rows so far end at line "
                            + previous + "); group each sequence's rows together");
                }
            }
            length = 0;
            long last = line;
            add(fields, line);
            while (true) {
                String[] next = records.next();
                if (next == null) {
                    break;
                }
                long nextLine = records.line();
                if (!next[kept[0]].equals(id)) {
                    pending = next;
                    pendingLine = nextLine;
                    break;
                }
                add(next, nextLine);
                last = nextLine;
            }
            if (scan) {
                finished.put(id, last);
            }
            return kind == SequenceTable.Kind.SYMBOLS ? Arrays.copyOf(codes, length)
                    : Arrays.copyOf(values, length * d);
        }

        private void add(String[] fields, long line) {
            if (length == Integer.MAX_VALUE / Math.max(8, d) - 8) {
                throw new IllegalArgumentException(at(line, kept[0]) + ": sequence \"" + Messages.shown(fields[kept[0]])
                        + "\" is too long for one array (" + length + " steps)");
            }
            if (kind == SequenceTable.Kind.SYMBOLS) {
                String cell = fields[kept[1]];
                if (cell.isEmpty()) {
                    throw new IllegalArgumentException(at(line, kept[1])
                            + ": the symbol is empty; " + Messages.missingHint());
                }
                Integer code = vocabulary.code(cell, line, scan);
                if (code == null) {
                    throw new IllegalStateException(source + " changed during the fit (line " + line
                            + " holds a symbol the first scan did not see); restart the fit");
                }
                if (length == codes.length) {
                    codes = Arrays.copyOf(codes, 2 * length);
                }
                codes[length++] = code;
                return;
            }
            if ((length + 1) * d > values.length) {
                values = Arrays.copyOf(values, 2 * values.length);
            }
            for (int j = 0; j < d; j++) {
                String cell = fields[kept[j + 1]];
                Double value = Messages.number(cell);
                if (value == null) {
                    throw new IllegalArgumentException(at(line, kept[j + 1]) + ": "
                            + (Messages.isMissingToken(cell) ? Messages.missing(cell)
                                    : Messages.notANumber(cell, kept[j + 1], names)));
                }
                values[length * d + j] = value;
            }
            length++;
        }

        private String at(long line, int column) {
            return source + " line " + line + ", " + Messages.column(column, names);
        }

        @Override
        public int lastLength() {
            return length;
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

    // ---- passes ----------------------------------------------------------------------------

    private SequenceSource openPass() throws IOException {
        checkUnchanged();
        return cache != null ? new SequenceCache.Reader(cache, kind, d)
                : new CsvSequences(file, source, csvOptions, dialect, kind, vocabulary, false);
    }

    private long passTotal() throws IOException {
        return cache != null ? Files.size(cache) : watched.size();
    }

    private void checkUnchanged() throws IOException {
        watched.checkUnchanged();
    }

    /** Vocabulary codes become symbols (in place); values stay. */
    private Object translate(Object sequence) {
        if (sequence instanceof int[] codes) {
            for (int t = 0; t < codes.length; t++) {
                codes[t] = translation[codes[t]];
            }
        }
        return sequence;
    }

    private D assemble(List<Object> group) {
        if (kind == SequenceTable.Kind.SYMBOLS) {
            return assembler.symbols(group.toArray(new int[0][]));
        }
        return assembler.vectors(group.toArray(new double[0][]), d);
    }

    /** Reads one pass and hands over groups of whole sequences of at least {@code unit} steps. */
    private void readGroups(int unit, Consumer<List<Object>> groups) {
        int thisPass = ++pass;
        long readSequences = 0;
        long readSteps = 0;
        try (SequenceSource reader = openPass()) {
            long size = passTotal();
            List<Object> group = new ArrayList<>();
            long groupSteps = 0;
            Object sequence;
            while ((sequence = reader.next()) != null) {
                Tasks.checkInterrupt();
                int length = reader.lastLength();
                readSequences++;
                readSteps += length;
                group.add(translate(sequence));
                groupSteps += length;
                if (groupSteps >= unit) { // Sequences.partition's rule
                    groups.accept(group);
                    group = new ArrayList<>();
                    groupSteps = 0;
                    if (progress != null) {
                        progress.onChunk(thisPass, reader.bytesRead(), size, readSteps);
                    }
                }
            }
            if (!group.isEmpty()) {
                groups.accept(group);
                if (progress != null) {
                    progress.onChunk(thisPass, reader.bytesRead(), size, readSteps);
                }
            }
            checkUnchanged();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": " + e.getMessage(), e);
        }
        if (readSequences != sequences || readSteps != steps) {
            throw new IllegalStateException(source + " changed during the fit (" + readSequences + " sequences of "
                    + readSteps + " steps read in pass " + thisPass + " but " + sequences + " of " + steps
                    + " at the start); restart the fit");
        }
    }

    @Override
    public <P, S extends SufficientStatistics<S>> S expect(LatentModel<D, P, S> model, P params) {
        Objects.requireNonNull(model, "model");
        ChunkPipeline.Pass<S> estimates = pipeline.pass();
        try {
            readGroups(chunkSize, group -> {
                estimates.makeRoom(); // before assembling: at most the window's chunks exist at once
                D chunk = assemble(group);
                estimates.add(() -> model.expect(params, chunk));
            });
            return estimates.finish();
        } catch (RuntimeException | Error e) {
            estimates.cancel();
            throw e;
        }
    }

    /**
     * One pass in mini-batches of whole sequences of at least {@code batchSize} steps (the last may be
     * smaller), front to back; {@code order} is ignored (a file is read in its order).
     *
     * @param batchSize steps per batch, {@code >= 1}
     * @param order ignored
     * @param action called with each batch on the calling thread
     * @throws IllegalArgumentException if {@code batchSize < 1}
     * @throws UncheckedIOException if the file or cache cannot be read
     * @throws IllegalStateException if the data file changed during the fit
     */
    @Override
    public void forEachBatch(int batchSize, RandomGenerator order, Consumer<? super D> action) {
        checkArgument(batchSize >= 1, "batchSize (%s) must be >= 1", batchSize);
        readGroups(batchSize, group -> {
            pipeline.hold();
            action.accept(assemble(group));
            pipeline.release();
        });
    }

    // ---- accessors -------------------------------------------------------------------------

    /**
     * The sample that initialisation and validation see (see the class notes).
     *
     * @return whole sequences in file order, at most {@link Builder#sampleSize} steps unless one
     *     sequence is longer
     */
    @Override
    public D data() {
        return sample;
    }

    /**
     * The number of sequences in the file.
     *
     * @return at least 1
     */
    public long sequences() {
        return sequences;
    }

    /**
     * The number of steps (observations) of all sequences.
     *
     * @return at least 1
     */
    public long steps() {
        return steps;
    }

    /**
     * The sample's size.
     *
     * @return its number of sequences, at least 1
     */
    public int sampleSequences() {
        return sampleSequences;
    }

    /**
     * The sample's size in steps.
     *
     * @return its number of steps
     */
    public long sampleSteps() {
        return sampleSteps;
    }

    /**
     * What one step is.
     *
     * @return symbols or vectors
     */
    public SequenceTable.Kind kind() {
        return kind;
    }

    /**
     * The observation dimension.
     *
     * @return 1 for symbols, else {@code d}
     */
    public int dimension() {
        return d;
    }

    /**
     * The names of the observation columns.
     *
     * @return {@link #dimension()} names, or an empty list without a header
     */
    public List<String> columnNames() {
        List<String> all = dialect.columnNames();
        return all.isEmpty() ? List.of() : List.copyOf(all.subList(1, all.size()));
    }

    /**
     * The file's string symbols, as {@link SequenceTable#symbolNames()}.
     *
     * @return the distinct strings in order of first appearance, or an empty list for integer symbols and
     *     for vectors
     */
    public List<String> symbolNames() {
        return symbolNames;
    }

    /**
     * The largest symbol the chunks hold (in the {@link Builder#alphabet}'s coding when one was given).
     *
     * @return the largest symbol, or -1 for vectors
     */
    public int maxSymbol() {
        return maxSymbol;
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
     * Whether opening found a valid cache (and did not parse the text).
     *
     * @return true if an existing cache was used
     */
    public boolean cacheReused() {
        return cacheReused;
    }

    /**
     * The number of passes made so far (not counting the scan made when opening).
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
     * What the reader decided on its own (a dropped column, a guessed header, a skipped cache), one line each.
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

    /**
     * Settings of a {@link SequenceStreamingExecutor}, validated as they are set.
     *
     * @param <D> the data type
     */
    public static final class Builder<D> {
        private final Path file;
        private final SequenceTable.Kind kind;
        private final Assembler<D> assembler;
        private CsvOptions csvOptions = CsvOptions.defaults();
        private int threads = 1;
        private int chunkSize = EmOptions.DEFAULT_CHUNK_SIZE;
        private int sampleSize = DEFAULT_SAMPLE_STEPS;
        private long seed;
        private boolean cache = true;
        private Path cacheDirectory;
        private List<String> alphabet;
        private StreamingExecutor.Progress progress;

        private Builder(Path file, SequenceTable.Kind kind, Assembler<D> assembler) {
            this.file = file;
            this.kind = kind;
            this.assembler = assembler;
        }

        /**
         * @param value how to read the file (dialect, columns); missing values are refused
         * @return this
         */
        public Builder<D> csvOptions(CsvOptions value) {
            this.csvOptions = Objects.requireNonNull(value, "csvOptions");
            return this;
        }

        /**
         * @param value E-step threads, {@code >= 1}; the result does not depend on it
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder<D> threads(int value) {
            checkArgument(value >= 1, "threads (%s) must be >= 1", value);
            this.threads = value;
            return this;
        }

        /**
         * @param value steps per chunk, {@code >= 1} (chunks hold whole sequences): use the in-memory
         *     fit's {@link EmOptions#chunkSize()} for the same bits
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder<D> chunkSize(int value) {
            checkArgument(value >= 1, "chunkSize (%s) must be >= 1", value);
            this.chunkSize = value;
            return this;
        }

        /**
         * Threads, chunk size and the sample's seed from fit options.
         *
         * @param options supplies {@link EmOptions#threads()}, {@link EmOptions#chunkSize()} and
         *     {@link EmOptions#seed()}
         * @return this
         */
        public Builder<D> options(EmOptions options) {
            return threads(options.threads()).chunkSize(options.chunkSize()).seed(options.seed());
        }

        /**
         * @param value the sample's budget in steps, {@code >= 1}
         * @return this
         * @throws IllegalArgumentException if below 1
         */
        public Builder<D> sampleSize(int value) {
            checkArgument(value >= 1, "sampleSize (%s) must be >= 1", value);
            this.sampleSize = value;
            return this;
        }

        /**
         * @param value the sample's seed
         * @return this
         */
        public Builder<D> seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param folder where the binary cache goes (created if missing), or null for beside the data
         * @return this
         */
        public Builder<D> cacheDirectory(Path folder) {
            this.cacheDirectory = folder;
            return this;
        }

        /**
         * @param value false to parse the text on every pass and write no cache
         * @return this
         */
        public Builder<D> cache(boolean value) {
            this.cache = value;
            return this;
        }

        /**
         * Codes symbols by their index in a model's alphabet (as the in-memory reader does for a model
         * with {@code "symbols"}).
         *
         * @param value the alphabet (copied), or null for the file's own coding
         * @return this
         */
        public Builder<D> alphabet(List<String> value) {
            this.alphabet = value == null ? null : List.copyOf(value);
            return this;
        }

        /**
         * @param value told after every chunk of every pass (steps as the unit), or null
         * @return this
         */
        public Builder<D> progress(StreamingExecutor.Progress value) {
            this.progress = value;
            return this;
        }

        /**
         * Scans the file (checking every cell and id, counting, drawing the sample, writing or reusing the
         * cache) and makes the executor.
         *
         * @return the executor; close it when done
         * @throws IOException if the file or the cache cannot be read or written (message names the file)
         * @throws IllegalArgumentException if the content is bad (as {@link SequenceTable#read}), with
         *     missing values allowed, without data rows, or with a symbol outside the {@link #alphabet}
         * @throws IllegalStateException if the file changed while it was scanned
         */
        public SequenceStreamingExecutor<D> open() throws IOException {
            return SequenceStreamingExecutor.open(this);
        }
    }
}
