package io.emkit.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, such as the code that writes a file's content.
 *
 * @param <T> what it consumes
 */
@FunctionalInterface
public interface IOConsumer<T> {

    /**
     * Consumes the value.
     *
     * @param value the value (for {@link AtomicFiles}: the stream to write to; do not close it)
     * @throws IOException if writing fails
     */
    void accept(T value) throws IOException;
}
