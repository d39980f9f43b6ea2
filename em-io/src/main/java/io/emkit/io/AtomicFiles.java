package io.emkit.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files atomically: readers (and a crash) see the old content or the new, never a part.
 *
 * <p>The content goes to a temporary file {@code .NAME.RANDOM.tmp} in the target's folder (the same
 * file system, so the rename is atomic), which is flushed to disk ({@code fsync}) and then renamed
 * over the target with {@link StandardCopyOption#ATOMIC_MOVE} (falling back to a plain replacing move
 * where the file system cannot move atomically). On any failure the temporary file is deleted and
 * an existing target stays as it was. Missing parent folders are created. A replaced target keeps
 * its POSIX permissions; a new one gets the process's default permissions.
 *
 * <p>Failures are {@link IOException}s whose message is one line naming the target and the real
 * cause: {@code out.json: cannot write: its folder x is a file, not a folder}, {@code ...: permission
 * denied}, {@code ...: No space left on device; the old file is intact}.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes a file atomically.
     *
     * @param target the file to create or replace
     * @param content writes the content to the stream it is given (buffered; it must not close it)
     * @throws IOException with a one-line message naming the target and the cause; nothing was
     *     written
     * @throws RuntimeException whatever {@code content} throws, after deleting the temporary file
     */
    public static void write(Path target, IOConsumer<OutputStream> content) throws IOException {
        write(target, List.of(), content);
    }

    /**
     * Writes a file atomically unless it is one of the inputs.
     *
     * @param target the file to create or replace
     * @param inputs files the content is computed from; writing over one of them is refused
     * @param content writes the content to the stream it is given (buffered; it must not close it)
     * @throws IllegalArgumentException if {@code target} is the same file as an input
     * @throws IOException with a one-line message naming the target and the cause; nothing was
     *     written
     */
    public static void write(Path target, Collection<Path> inputs, IOConsumer<OutputStream> content)
            throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        checkNotAnInput(target, inputs);
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IOException(target + ": cannot write: it is a folder");
        }
        prepareFolder(target, folder);
        Path temporary = folder.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
        boolean done = false;
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.accept(new NonClosing(out));
                out.flush();
                channel.force(true);
            }
            keepPermissions(absolute, temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncFolder(folder);
        } catch (AccessDeniedException e) {
            throw new IOException(target + ": cannot write: permission denied in " + folder, e);
        } catch (FileSystemException e) {
            throw new IOException(target + ": cannot write: " + reason(e) + intact(absolute), e);
        } catch (IOException e) {
            throw new IOException(target + ": cannot write: " + e.getMessage() + intact(absolute), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the original failure is what matters
                }
            }
        }
    }

    /**
     * Refuses a target that is one of the inputs (the same file by {@link Files#isSameFile}, so
     * also through another path or a link).
     *
     * @param target the file to be written
     * @param inputs the files read
     * @throws IllegalArgumentException naming both paths
     * @throws IOException if comparing the files fails
     */
    public static void checkNotAnInput(Path target, Collection<Path> inputs) throws IOException {
        Objects.requireNonNull(inputs, "inputs");
        if (!Files.exists(target)) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && Files.exists(input) && Files.isSameFile(target, input)) {
                throw new IllegalArgumentException(target + " is the same file as the input " + input
                        + "; writing it would destroy the input, so choose another output file");
            }
        }
    }

    private static void prepareFolder(Path target, Path folder) throws IOException {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new IOException(target + ": cannot write: " + existing + " is a file, not a folder");
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder);
            } catch (AccessDeniedException e) {
                throw new IOException(target + ": cannot write: permission denied creating the folder " + folder, e);
            } catch (IOException e) {
                throw new IOException(target + ": cannot write: cannot create the folder " + folder + " ("
                        + e.getMessage() + ")", e);
            }
        }
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() : String.valueOf(e.getMessage());
    }

    private static String intact(Path target) {
        return Files.exists(target) ? "; the old file is intact" : "";
    }

    private static void keepPermissions(Path target, Path temporary) {
        try {
            PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            PosixFileAttributeView to = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
            if (from != null && to != null && Files.exists(target)) {
                to.setPermissions(from.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the content is what matters
        }
    }

    /** Makes the rename durable where the platform allows opening a folder (Linux); best effort. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported on every platform
        }
    }

    /** Keeps the content writer from closing the channel before it is forced to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
