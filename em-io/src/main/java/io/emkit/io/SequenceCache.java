package io.emkit.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The binary cache {@link SequenceStreamingExecutor} writes on its first pass over a sequence CSV
 * file and reads on every later pass, big-endian: a header (magic, version, kind, width d, the
 * source's key), one record per sequence (its length, then its symbol codes as ints or its values as
 * doubles, row-major), the string symbols' vocabulary (each with the line of its first appearance),
 * and a trailer (the vocabulary's offset, the sequence and step counts, the magic again).
 */
final class SequenceCache {
    private static final byte[] MAGIC = "EMKITSEQ".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1; // also in the key, so that a cache of another version never matches
    private static final int HEADER_BYTES = 8 + 4 + 4 + 4 + 32; // magic, version, kind, d, key
    private static final int TRAILER_BYTES = 8 + 8 + 8 + 8;     // vocabulary offset, sequences, steps, magic

    private SequenceCache() {}

    /**
     * Whether {@code cache} is a complete cache of this version, kind, width and key (the digest of
     * the source file's name, size, time, head and reading options).
     */
    static boolean isValid(Path cache, byte[] key, SequenceTable.Kind kind, int d) throws IOException {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(cache, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES + TRAILER_BYTES) {
                return false;
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            channel.read(header, 0);
            header.flip();
            byte[] magic = new byte[8];
            header.get(magic);
            int version = header.getInt();
            int storedKind = header.getInt();
            int dimension = header.getInt();
            byte[] stored = new byte[32];
            header.get(stored);
            Trailer trailer = Trailer.read(channel);
            return Arrays.equals(magic, MAGIC) && Arrays.equals(trailer.magic, MAGIC) && version == VERSION
                    && storedKind == kind.ordinal() && dimension == d && Arrays.equals(stored, key)
                    && trailer.sequences >= 1 && trailer.vocabularyOffset >= HEADER_BYTES
                    && trailer.vocabularyOffset <= size - TRAILER_BYTES;
        }
    }

    /** The end of a cache file. */
    private record Trailer(long vocabularyOffset, long sequences, long steps, byte[] magic) {
        static Trailer read(FileChannel channel) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(TRAILER_BYTES);
            channel.read(buffer, channel.size() - TRAILER_BYTES);
            buffer.flip();
            long offset = buffer.getLong();
            long count = buffer.getLong();
            long total = buffer.getLong();
            byte[] magic = new byte[8];
            buffer.get(magic);
            return new Trailer(offset, count, total, magic);
        }
    }

    /** Writes the cache: header, one record per sequence, vocabulary, trailer (big-endian). */
    static final class Writer {
        private final DataOutputStream out;
        private final SequenceTable.Kind kind;
        private final int d;
        private long written;
        private byte[] bytes = new byte[0];

        Writer(OutputStream stream, SequenceTable.Kind kind, int d, byte[] key) throws IOException {
            this.out = new DataOutputStream(stream);
            this.kind = kind;
            this.d = d;
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(kind.ordinal());
            out.writeInt(d);
            out.write(key);
            written = HEADER_BYTES;
        }

        void write(Object sequence, int length) throws IOException {
            out.writeInt(length);
            int size = kind == SequenceTable.Kind.SYMBOLS ? length * Integer.BYTES : length * d * Double.BYTES;
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, 2 * bytes.length)];
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, size);
            if (sequence instanceof int[] codes) {
                buffer.asIntBuffer().put(codes, 0, length);
            } else {
                buffer.asDoubleBuffer().put((double[]) sequence, 0, length * d);
            }
            out.write(bytes, 0, size);
            written += Integer.BYTES + size;
        }

        void finish(SequenceStreamingExecutor.Vocabulary vocabulary, long sequences, long steps) throws IOException {
            long offset = written;
            out.writeInt(vocabulary.size());
            for (int c = 0; c < vocabulary.size(); c++) {
                byte[] text = vocabulary.names.get(c).getBytes(StandardCharsets.UTF_8);
                out.writeLong(vocabulary.firstLines[c]);
                out.writeInt(text.length);
                out.write(text);
            }
            out.writeLong(offset);
            out.writeLong(sequences);
            out.writeLong(steps);
            out.write(MAGIC);
            out.flush();
        }
    }

    /** Reads the cache. */
    static final class Reader implements SequenceStreamingExecutor.SequenceSource {
        private final Path file;
        private final SequenceTable.Kind kind;
        private final int d;
        private final DataInputStream in;
        private final long end;
        private long position = HEADER_BYTES;
        private int length;
        private byte[] bytes = new byte[0];

        Reader(Path file, SequenceTable.Kind kind, int d) throws IOException {
            this.file = file;
            this.kind = kind;
            this.d = d;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                this.end = Trailer.read(channel).vocabularyOffset;
            }
            InputStream stream = Files.newInputStream(file);
            this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
            in.skipNBytes(HEADER_BYTES);
        }

        void readVocabulary(SequenceStreamingExecutor.Vocabulary vocabulary) throws IOException {
            try (DataInputStream tail = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                tail.skipNBytes(end);
                int n = tail.readInt();
                for (int c = 0; c < n; c++) {
                    long line = tail.readLong();
                    byte[] text = new byte[tail.readInt()];
                    tail.readFully(text);
                    vocabulary.code(new String(text, StandardCharsets.UTF_8), line, true);
                }
            }
        }

        @Override
        public Object next() throws IOException {
            if (position >= end) {
                return null;
            }
            try {
                length = in.readInt();
                int size = kind == SequenceTable.Kind.SYMBOLS ? length * Integer.BYTES : length * d * Double.BYTES;
                if (bytes.length < size) {
                    bytes = new byte[Math.max(size, 2 * bytes.length)];
                }
                in.readFully(bytes, 0, size);
                position += Integer.BYTES + size;
                ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, size);
                if (kind == SequenceTable.Kind.SYMBOLS) {
                    int[] codes = new int[length];
                    buffer.asIntBuffer().get(codes);
                    return codes;
                }
                double[] values = new double[length * d];
                buffer.asDoubleBuffer().get(values);
                return values;
            } catch (EOFException e) {
                throw new IOException("the cache " + file + " ended early; delete it", e);
            }
        }

        @Override
        public int lastLength() {
            return length;
        }

        @Override
        public long bytesRead() {
            return position;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
