package io.emkit.examples.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-dimensional array read from NumPy's {@code .npy} format (versions 1 to 3, C order,
 * little-endian {@code float64} or {@code int32}): the peer harness's binary copy of each data set,
 * which the other runners read too. Reading it is a bulk copy, so, unlike parsing the CSV, it leaves
 * no text-parsing compilations queued in the JIT when the timed fit starts.
 *
 * @param rows number of rows
 * @param columns number of columns (1 for a one-dimensional array)
 * @param values the values, row-major, {@code rows × columns}
 */
record Npy(int rows, int columns, double[] values) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /**
     * Reads a file.
     *
     * @param file a {@code .npy} file
     * @return its contents as doubles
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is not a C-order little-endian float64 or int32 array of
     *     one or two dimensions
     */
    static Npy read(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buffer.get(magic);
        if (!Arrays.equals(magic, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
            throw new IllegalArgumentException(file + " is not a .npy file");
        }
        int major = buffer.get();
        buffer.get(); // minor version
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort()) : buffer.getInt();
        byte[] headerBytes = new byte[headerLength];
        buffer.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, file);
        if (group(ORDER, header, file).equals("True")) {
            throw new IllegalArgumentException(file + " is in Fortran order; expected C order");
        }
        String[] dims = group(SHAPE, header, file).split(",");
        int rows = Integer.parseInt(dims[0].trim());
        int columns = dims.length > 1 && !dims[1].isBlank() ? Integer.parseInt(dims[1].trim()) : 1;
        double[] values = new double[Math.multiplyExact(rows, columns)];
        switch (descr) {
            case "<f8":
                buffer.asDoubleBuffer().get(values);
                break;
            case "<i4":
                int[] ints = new int[values.length];
                buffer.asIntBuffer().get(ints);
                for (int i = 0; i < ints.length; i++) {
                    values[i] = ints[i];
                }
                break;
            default:
                throw new IllegalArgumentException(file + " holds '" + descr + "'; expected '<f8' or '<i4'");
        }
        return new Npy(rows, columns, values);
    }

    private static String group(Pattern pattern, String header, Path file) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(file + ": no " + pattern.pattern() + " in the header " + header);
        }
        return m.group(1);
    }
}
