package io.emkit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A data file's size and modification time when a streaming fit opened it, checked before and after
 * each pass: passes over two versions of a file do not make one fit.
 *
 * @param file the file
 * @param source how messages name it
 * @param size its size in bytes when opened
 * @param modified its modification time when opened, in milliseconds
 */
record WatchedFile(Path file, String source, long size, long modified) {

    /**
     * Reads the file's current size and modification time.
     *
     * @throws IOException if they cannot be read
     */
    static WatchedFile of(Path file, String source) throws IOException {
        return new WatchedFile(file, source, Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }

    /**
     * Checks that the file is still the one opened.
     *
     * @throws IllegalStateException naming the file and what changed, if it was deleted or changed
     * @throws IOException if its attributes cannot be read
     */
    void checkUnchanged() throws IOException {
        long now;
        long time;
        try {
            now = Files.size(file);
            time = Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(source + " was deleted during the fit; restart the fit");
        }
        if (now != size || time != modified) {
            throw new IllegalStateException(source + " changed during the fit (" + (now != size
                    ? "its size went from " + size + " to " + now + " bytes" : "its modification time changed")
                    + "); passes over two versions of a file do not make one fit, so restart the fit");
        }
    }
}
