package io.emkit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** Where the streaming executors keep a data file's binary cache. */
final class CacheFiles {
    private CacheFiles() {}

    /**
     * The cache of {@code file} for {@code key}: {@code NAME.KEY.emcache} (the key's first 6 bytes in
     * hex) in {@code directory}, created if needed, or beside the data file.
     *
     * @param file the data file
     * @param name the data's name in messages
     * @param directory where caches go, or null for the data file's folder
     * @param key the cache key (at least 6 bytes)
     * @param notes where a note goes when the folder cannot take a new cache
     * @return the cache's path, or null (with a note) when the folder is not writable and holds no
     *     cache for this key: every pass then parses the text
     * @throws IOException if {@code directory} cannot be created
     */
    static Path locate(Path file, String name, Path directory, byte[] key, List<String> notes) throws IOException {
        Path folder = directory != null ? directory : file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(folder);
        }
        Path cache = folder.resolve(file.getFileName() + "." + HexFormat.of().formatHex(key, 0, 6) + ".emcache");
        if (!Files.isWritable(folder) && !Files.isRegularFile(cache)) {
            notes.add(name + ": cannot write the binary cache in " + folder
                    + " (not writable); every pass parses the text (give --cache DIR)");
            return null;
        }
        return cache;
    }
}
