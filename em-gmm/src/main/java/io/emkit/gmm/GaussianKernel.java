package io.emkit.gmm;

import io.emkit.core.family.Family;
import io.emkit.core.family.Kernel;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Gaussian family's E-step kernel over one chunk: log densities of every component for blocks of
 * rows, and weighted accumulation of the same blocks, in blocks held column-major (one array per
 * coordinate), so that every inner loop runs over contiguous samples.
 *
 * <p>Statistics are taken about a reference point (see {@link Plan}): the centre c of the components'
 * means for components near it, whose statistics come from per-row products
 * {@code f(y) = (1, y, y_a y_b)} of {@code y = x - c}, formed once per row for all of them and
 * accumulated along f; a component far from c (more than {@link #SHARED_REFERENCE_LIMIT} in its own
 * metric) is accumulated about its own mean with register tiles instead, so its covariance keeps full
 * relative precision. {@link #finish} hands these sums to a parameter-free {@link GaussianAccumulator},
 * which adds them to other chunks' sums about the same points and centres them (mean and centred
 * scatter) when they are read or merged with statistics about other points.
 *
 * <p>Per block: {@code y = x - c}; per component {@code z = L_j⁻¹ (x - μ_j) = L_j⁻¹ y - L_j⁻¹ (μ_j - c)}
 * by row-wise saxpys over the lower-triangular inverse factor (tied covariances share the factor, so
 * {@code L⁻¹ y} is formed once per block), {@code log N(x|j) = c_j - ½|z|²}. Workspaces are allocated
 * once per chunk.
 *
 * <p>Performance notes (HotSpot C2): C2 vectorises a loop only if its body is small and every array
 * is indexed by the plain loop index; it does not vectorise one array read at several offsets, nor
 * floating-point reductions. Hence one array per coordinate, the distance kernel as passes of four
 * multiply-adds over the block ({@link #squaredRow}) and the accumulation as saxpys along f.
 *
 * <p>Cold-start notes (HotSpot tiered compilation; most fits are a JVM's first): the work is split
 * into small kernels called by one small method per E-step phase, and no method loops over a whole
 * chunk with the kernels inside it. Each kernel is then compiled on its own within the first E-step,
 * and no method is compiled mid-loop (on-stack replacement) with every kernel inlined into it: such
 * a compilation took a third of a second and occupied one of the two cores through the first
 * iterations. {@value Family#BLOCK_ROWS}-row blocks measured fastest cold among 32, 64, 128 and 256 at
 * (n, d, k) = (1e5, 10, 8), and as fast as 256 warm.
 */
final class GaussianKernel implements Kernel<GaussianAccumulator> {

    /**
     * Squared Mahalanobis distance, in a component's own metric, beyond which its statistics are not
     * accumulated about the mixture's mean but about the component's mean. About a point at distance
     * √ρ the scatter's relative rounding error grows like ρ·ε, so 1e4 keeps covariances correct to
     * about 1e-12 relative.
     */
    static final double SHARED_REFERENCE_LIMIT = 1e4;

    /**
     * Product widths ({@code 1 + d + d(d+1)/2}, diagonal {@code 1 + 2d}) up to which the shared
     * components' statistics are accumulated in lanes: one running sum per row slot of the block,
     * {@code lanes[s][q][i] += r_{s,i} f_q[i]}, a vectorisable loop per product column, reduced
     * over the slots once in {@link #finish}. Below it the per-row saxpys along f are mostly call and
     * loop overhead (width 6 at d = 2); above it they are the faster form and lanes would take
     * {@code k·width·bs} doubles. Full covariances up to d = 4, diagonal up to d = 7.
     */
    static final int COLUMN_WIDTH = 16;

    /** A block's worth of zeros: the column of the zero terms that pad {@link #squaredRow}'s last pass. */
    private static final double[] ZEROS = new double[Family.BLOCK_ROWS];

    /**
     * Whether the Vector API path ({@code io.emkit.gmm.vector.GaussianVectorKernels}) is available
     * for factored covariances wider than {@link #COLUMN_WIDTH} products (d >= 5): the module
     * {@code jdk.incubator.vector} is in the boot layer (the JVM runs with
     * {@code --add-modules jdk.incubator.vector}), the system property {@code emkit.vector} is not
     * {@code false}, and the hardware's vectors hold 4 doubles or more. Whether a kernel uses it is
     * {@link #vectorFor}'s choice; otherwise the plain-Java kernels below run. Both give the same
     * statistics within round-off.
     */
    static boolean vectorUsable() {
        return Vector.AVAILABLE;
    }

    /**
     * The check, in a class of its own, made when a fit first reaches {@link #vectorFor}'s size: looking
     * the module up and initialising the Vector API (species, shapes) take a cold JVM tens of
     * milliseconds, which a fit too small for the vector path then never pays.
     */
    private static final class Vector {
        static final boolean AVAILABLE = !"false".equalsIgnoreCase(System.getProperty("emkit.vector"))
                && vectorAvailable();
    }

    /**
     * Work per E-step, {@code rows·k·d²}, from which the vector path is chosen (system property
     * {@code emkit.vector.minWork}, default 2.5e8, about (3e5, 10, 8)). Until C2 has compiled the
     * Vector API kernels they run far slower than the plain ones: a fit's first use of them costs some
     * 0.3 to 1 s of warm-up, which saves more than it costs only on E-steps this large. The first
     * E-step of a fit (on start parameters) always runs the plain kernels; each M-step
     * ({@link GaussianFamily#estimate}) chooses for the next from the rows it was given, so the choice
     * depends on the data, never on threads or timing.
     */
    static final double VECTOR_MIN_WORK = minWork();

    private static double minWork() {
        String value = System.getProperty("emkit.vector.minWork");
        if (value == null) {
            return 2.5e8;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 2.5e8; // library code does not print: an unreadable setting keeps the default
        }
    }

    /** Whether the next E-step on a data set of {@code rows} rows uses the vector path. */
    static boolean vectorFor(long rows, int k, int d) {
        return rows > 0 && (double) rows * k * d * d >= VECTOR_MIN_WORK && Vector.AVAILABLE;
    }

    private static boolean vectorAvailable() {
        Optional<Module> module = ModuleLayer.boot().findModule("jdk.incubator.vector");
        if (module.isEmpty()) {
            return false;
        }
        try {
            // io.emkit.gmm does not require the module (see em-gmm's pom), so it reads it from here on;
            // on the class path this is a no-op
            GaussianKernel.class.getModule().addReads(module.get());
            return io.emkit.gmm.vector.GaussianVectorKernels.usable(); // no import: javadoc leaves it out
        } catch (LinkageError | RuntimeException e) {
            return false; // the module is there but this JVM cannot use it: the plain path runs
        }
    }

    /**
     * What the kernels need besides the parameters, computed from them once per component set.
     *
     * @param centre the shared reference point c ({@code d})
     * @param reference each component's reference point, c or its own mean ({@code k × d})
     * @param shared the components whose reference is c, ascending
     * @param own the other components, ascending
     * @param offsets {@code L_j⁻¹ (μ_j - c)} for shared components, 0 for own ones ({@code k × d});
     *     diagonal types: {@code μ_j - c}
     */
    record Plan(double[] centre, double[] reference, int[] shared, int[] own, double[] offsets) {}

    /**
     * The plan for a component set, about the centre of its means (see {@link #centreOfMeans}). Made
     * once per set ({@link GaussianComponents#plan}), not per chunk: it depends on the parameters
     * alone, and per chunk its loops were compiled by C2, several times over, for a few microseconds of
     * work per E-step.
     */
    static Plan plan(GaussianComponents p) {
        return plan(p, centreOfMeans(p));
    }

    private static Plan plan(GaussianComponents p, double[] centre) {
        final int d = p.d;
        final int k = p.k;
        final boolean diagonal = !GaussianComponents.isFactored(p.type);
        double[] reference = new double[k * d];
        double[] offsets = new double[k * d];
        int[] shared = new int[k];
        int[] own = new int[k];
        int sharedCount = 0;
        int ownCount = 0;
        double[] delta = new double[d];
        double[] z = new double[d];
        for (int j = 0; j < k; j++) {
            double distance = distanceFrom(p, j, centre, diagonal, delta, z);
            if (distance <= SHARED_REFERENCE_LIMIT) {
                shared[sharedCount++] = j;
                System.arraycopy(centre, 0, reference, j * d, d);
                System.arraycopy(diagonal ? delta : z, 0, offsets, j * d, d);
            } else {
                own[ownCount++] = j;
                System.arraycopy(p.means, j * d, reference, j * d, d);
            }
        }
        return new Plan(centre, reference, Arrays.copyOf(shared, sharedCount), Arrays.copyOf(own, ownCount), offsets);
    }

    /**
     * Component j's squared distance from c in its own metric, leaving {@code delta = μ_j - c} and, for
     * factored types, {@code z = L_j⁻¹ delta}.
     */
    private static double distanceFrom(GaussianComponents p, int j, double[] centre, boolean diagonal,
            double[] delta, double[] z) {
        final int d = p.d;
        for (int a = 0; a < d; a++) {
            delta[a] = p.means[j * d + a] - centre[a];
        }
        double distance = 0;
        if (diagonal) {
            for (int a = 0; a < d; a++) {
                distance += delta[a] * delta[a] * p.precisions[j * d + a];
            }
        } else {
            int base = p.factorOffset(j);
            for (int a = 0; a < d; a++) {
                double za = 0;
                for (int b = 0; b <= a; b++) {
                    za += p.inverseCholesky[base + a * d + b] * delta[b];
                }
                z[a] = za;
                distance += za * za;
            }
        }
        return distance;
    }

    private final GaussianComponents p;
    private final boolean diagonal;
    private final int width;
    private final Plan plan;
    private long rows; // accumulated
    // sums about each component's reference point
    private final double[] nk;
    private final double[] firstMoments; // k × d
    private final double[] scatter; // full: k × d × d (lower triangle); diagonal: k × d
    // workspaces, one block
    private final double[][] moments; // shared components' accumulated products
    private final double[][][] lanes; // narrow products: per shared component, width × bs running sums
    private final double[][] products; // row-major per-row products (wide f)
    private final double[][] productColumns; // column-major products (narrow f), null when wide
    private final boolean vector; // GaussianVectorKernels for distances and wide accumulation
    private final double[][] vectorColumns; // vector path: u = (1, y_0 .. y_{d-1}, 0), each bs long
    private final int[] productRows; // vector path: product column q is u[productRows[q]] · u[productCols[q]]
    private final int[] productCols;
    private final int[] gatherIndex; // vector path: l·d, l < LANES
    private final double[][] vectorLanes; // vector path: per shared component, padded width × LANES running sums
    private final double[][] y; // x - c
    private final double[][] whitened; // tied: L⁻¹ (x - c)
    private final double[][] diff; // x - μ_j
    private final double[][] rd;
    private final double[] z;
    private final double[] sq;
    private final double[] resp;

    GaussianKernel(GaussianComponents p) {
        this(p, p.vectorKernel);
    }

    /**
     * A kernel on the vector path if {@code vector} (only when the Vector API is usable) and the type is
     * factored and wide.
     */
    GaussianKernel(GaussianComponents p, boolean vector) {
        this.p = p;
        final int d = p.d;
        final int k = p.k;
        final int bs = Family.BLOCK_ROWS;
        this.diagonal = !GaussianComponents.isFactored(p.type);
        this.width = 1 + d + (diagonal ? d : d * (d + 1) / 2);
        this.nk = new double[k];
        this.firstMoments = new double[k * d];
        this.scatter = new double[diagonal ? k * d : k * d * d];
        boolean narrow = width <= COLUMN_WIDTH;
        this.vector = vector && !diagonal && !narrow && Vector.AVAILABLE;
        this.products = narrow || this.vector ? null : new double[bs][width];
        this.productColumns = narrow ? new double[width][bs] : null;
        if (this.vector) {
            this.vectorColumns = new double[d + 2][bs];
            Arrays.fill(vectorColumns[0], 1.0);
            int tile = io.emkit.gmm.vector.GaussianVectorKernels.TILE_COLUMNS;
            this.productRows = new int[(width + tile - 1) / tile * tile];
            this.productCols = new int[productRows.length];
            // f = (1, y, y_a y_b for b <= a), the order unpack reads, then zero columns up to a whole tile
            Arrays.fill(productRows, d + 1);
            Arrays.fill(productCols, d + 1);
            int q = 0;
            productRows[q] = 0;
            productCols[q++] = 0;
            for (int a = 0; a < d; a++, q++) {
                productRows[q] = 1 + a;
                productCols[q] = 0;
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++, q++) {
                    productRows[q] = 1 + a;
                    productCols[q] = 1 + b;
                }
            }
            this.gatherIndex = io.emkit.gmm.vector.GaussianVectorKernels.rowIndex(d);
        } else {
            this.vectorColumns = null;
            this.productRows = null;
            this.productCols = null;
            this.gatherIndex = null;
        }
        this.y = new double[d][bs];
        this.whitened = p.type == CovarianceType.TIED ? new double[d][bs] : null;
        this.diff = new double[d][bs];
        this.rd = diagonal ? null : new double[d][bs];
        this.z = new double[bs];
        this.sq = new double[bs];
        this.resp = new double[bs];
        this.plan = p.plan();
        int sharedCount = plan.shared().length;
        this.moments = new double[sharedCount][width];
        this.lanes = productColumns != null ? new double[sharedCount][width][bs] : null;
        this.vectorLanes = this.vector
                ? new double[sharedCount][productRows.length * io.emkit.gmm.vector.GaussianVectorKernels.LANES]
                : null;
    }

    /**
     * The centre c of the components' means, {@code (1/k) Σ_j μ_j}: the shared reference point. It
     * depends on the parameters alone, so every chunk of an E-step, on any thread or machine, uses the
     * same plan; and the plan exists before the first block, so that the per-block entry points carry
     * no first-call branch (C2 compiled that branch, with the plan's loops inlined, into 10 kB copies
     * of both entry points halfway through a cold fit).
     */
    private static double[] centreOfMeans(GaussianComponents p) {
        final int d = p.d;
        double[] centre = new double[d];
        for (int j = 0; j < p.k; j++) {
            for (int a = 0; a < d; a++) {
                centre[a] += p.means[j * d + a];
            }
        }
        for (int a = 0; a < d; a++) {
            centre[a] /= p.k;
        }
        return centre;
    }

    @Override
    public void logDensities(double[] x, int xOffset, int n, double[] out, int outOffset, int stride) {
        logDensities(p, plan, gatherIndex, x, xOffset, n, y, whitened, diff, z, sq, out, outOffset,
                stride);
    }

    @Override
    public void accumulate(double[] x, int xOffset, int n, double[] weights, int wOffset, int stride) {
        rows += n;
        if (plan.shared().length > 0) {
            if (vector) {
                accumulateSharedVector(x, xOffset, n, plan, weights, wOffset, stride, vectorColumns, productRows,
                        productCols, gatherIndex, vectorLanes);
            } else if (productColumns != null) {
                accumulateSharedLanes(x, xOffset, n, plan, diagonal, weights, wOffset, stride, productColumns,
                        lanes, resp, width);
            } else {
                accumulateShared(x, xOffset, n, plan, diagonal, weights, wOffset, stride, products, moments, width);
            }
        }
        if (plan.own().length > 0) {
            accumulateOwn(x, xOffset, n, p, plan, diagonal, weights, wOffset, stride, diff, rd, resp, nk,
                    firstMoments, scatter);
        }
    }

    @Override
    public GaussianAccumulator finish() {
        final int d = p.d;
        GaussianAccumulator out = new GaussianAccumulator(p.k, d, !diagonal);
        out.rows = rows;
        if (lanes != null) {
            for (int s = 0; s < lanes.length; s++) {
                reduceLanes(lanes[s], moments[s]);
            }
        }
        if (vectorLanes != null) {
            for (int s = 0; s < vectorLanes.length; s++) {
                io.emkit.gmm.vector.GaussianVectorKernels.reduce(vectorLanes[s], moments[s]);
            }
        }
        for (int s = 0; s < plan.shared().length; s++) {
            unpack(moments[s], plan.shared()[s], diagonal, d, nk, firstMoments, scatter);
        }
        out.setRaw(nk, plan.reference(), firstMoments, scatter);
        return out;
    }

    /** out[outOffset + j·stride + i] = log N(x_i | j) = c_j - ½ |L_j⁻¹ (x_i - μ_j)|² for every component. */
    private static void logDensities(GaussianComponents p, Plan plan, int[] gather, double[] x, int xOffset, int nb,
            double[][] y, double[][] w, double[][] diff, double[] z, double[] sq, double[] out, int outOffset,
            int stride) {
        final int d = p.d;
        final boolean diagonal = !GaussianComponents.isFactored(p.type);
        final boolean vector = gather != null; // GaussianVectorKernels
        if (vector) {
            io.emkit.gmm.vector.GaussianVectorKernels.columns(x, xOffset, plan.centre(), 0, y, 0, d, nb, gather);
        } else {
            columns(x, xOffset, plan.centre(), 0, y, d, nb);
        }
        int[] shared = plan.shared();
        if (p.type == CovarianceType.TIED && shared.length > 1) {
            // one factor for all: whiten the block once, w = L⁻¹ y; then z_j = w - L⁻¹ (μ_j - c)
            whiten(y, p.inverseCholesky, w, d, nb);
            for (int j : shared) {
                Arrays.fill(sq, 0, nb, 0.0);
                for (int a = 0; a < d; a++) {
                    addScaledSquare(sq, 1.0, w[a], plan.offsets()[j * d + a], nb);
                }
                logDensity(out, outOffset + j * stride, p.logNormalisers[j], sq, nb);
            }
        } else {
            for (int j : shared) {
                if (vector) {
                    io.emkit.gmm.vector.GaussianVectorKernels.logDensities(p.inverseCholesky, p.factorOffset(j), d, y,
                            plan.offsets(), j * d, p.logNormalisers[j], out, outOffset + j * stride, nb);
                    continue;
                }
                distances(diagonal, y, p, j, plan.offsets(), j * d, z, sq, d, nb);
                logDensity(out, outOffset + j * stride, p.logNormalisers[j], sq, nb);
            }
        }
        for (int j : plan.own()) {
            if (vector) {
                io.emkit.gmm.vector.GaussianVectorKernels.columns(x, xOffset, p.means, j * d, diff, 0, d, nb, gather);
                io.emkit.gmm.vector.GaussianVectorKernels.logDensities(p.inverseCholesky, p.factorOffset(j), d, diff,
                        null, 0, p.logNormalisers[j], out, outOffset + j * stride, nb);
                continue;
            }
            columns(x, xOffset, p.means, j * d, diff, d, nb);
            distances(diagonal, diff, p, j, null, 0, z, sq, d, nb);
            logDensity(out, outOffset + j * stride, p.logNormalisers[j], sq, nb);
        }
    }

    /** Statistics of the shared components: per-row products once, then saxpys of them into each component. */
    private static void accumulateShared(double[] x, int xOffset, int nb, Plan plan, boolean diagonal, double[] r,
            int rOffset, int stride, double[][] products, double[][] moments, int width) {
        blockProducts(x, xOffset, nb, plan.centre(), diagonal, products);
        // four rows at a time into every component, so those rows' products stay in the L1 cache
        int[] shared = plan.shared();
        int i = 0;
        for (; i + 3 < nb; i += 4) {
            accumulateFour(moments, r, rOffset + i, shared, stride, products[i], products[i + 1], products[i + 2],
                    products[i + 3], width);
        }
        for (; i < nb; i++) {
            for (int s = 0; s < shared.length; s++) {
                axpy(moments[s], r[rOffset + shared[s] * stride + i], products[i], width);
            }
        }
    }

    /**
     * Statistics of the shared components for narrow products: columns {@code f_q} of the block's
     * products, then {@code lanes[s][q][i] += r_{s,i} f_q[i]} (q = 0: f = 1). Every loop indexes its
     * arrays by the plain loop index (the responsibilities are copied out first), as C2 needs to
     * vectorise it.
     */
    private static void accumulateSharedLanes(double[] x, int xOffset, int nb, Plan plan, boolean diagonal,
            double[] r, int rOffset, int stride, double[][] f, double[][][] lanes, double[] resp, int width) {
        double[] centre = plan.centre();
        final int d = centre.length;
        for (int a = 0; a < d; a++) {
            column(x, xOffset + a, d, centre[a], f[1 + a], nb);
        }
        int q = 1 + d;
        if (diagonal) {
            for (int a = 0; a < d; a++) {
                product(f[1 + a], f[1 + a], f[q++], nb);
            }
        } else {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    product(f[1 + a], f[1 + b], f[q++], nb);
                }
            }
        }
        int[] shared = plan.shared();
        for (int s = 0; s < shared.length; s++) {
            System.arraycopy(r, rOffset + shared[s] * stride, resp, 0, nb);
            double[][] lane = lanes[s];
            addInto(lane[0], resp, nb);
            for (int c = 1; c < width; c++) {
                fmaInto(lane[c], resp, f[c], nb);
            }
        }
    }

    /**
     * The vector path's accumulation of the shared components: the block's columns
     * {@code u[1 + a] = y_a} (u[0] = 1 and the zero column stay), then
     * {@code GaussianVectorKernels.accumulate}.
     */
    private static void accumulateSharedVector(double[] x, int xOffset, int nb, Plan plan, double[] r, int rOffset,
            int stride, double[][] u, int[] ia, int[] ib, int[] index, double[][] lanes) {
        double[] centre = plan.centre();
        io.emkit.gmm.vector.GaussianVectorKernels.columns(x, xOffset, centre, 0, u, 1, centre.length, nb, index);
        io.emkit.gmm.vector.GaussianVectorKernels.accumulate(u, ia, ib, r, rOffset, stride, plan.shared(), lanes,
                nb);
    }

    /** out[i] = u[i] · w[i]. */
    private static void product(double[] u, double[] w, double[] out, int nb) {
        for (int i = 0; i < nb; i++) {
            out[i] = u[i] * w[i];
        }
    }

    /** lane[i] += r[i]. */
    private static void addInto(double[] lane, double[] r, int nb) {
        for (int i = 0; i < nb; i++) {
            lane[i] += r[i];
        }
    }

    /** lane[i] += r[i] · f[i]. */
    private static void fmaInto(double[] lane, double[] r, double[] f, int nb) {
        for (int i = 0; i < nb; i++) {
            lane[i] = Math.fma(r[i], f[i], lane[i]);
        }
    }

    /** m[q] += Σ_i lane[q][i], slots summed in order. */
    private static void reduceLanes(double[][] lane, double[] m) {
        for (int q = 0; q < lane.length; q++) {
            double s = 0;
            for (double v : lane[q]) {
                s += v;
            }
            m[q] += s;
        }
    }

    /** moments[s] += Σ_{q<4} r_{i+q, s} f_q for every shared component s. */
    private static void accumulateFour(double[][] moments, double[] r, int rOffset, int[] shared, int stride,
            double[] f0, double[] f1, double[] f2, double[] f3, int width) {
        for (int s = 0; s < shared.length; s++) {
            int q = rOffset + shared[s] * stride;
            axpy4(moments[s], r[q], f0, r[q + 1], f1, r[q + 2], f2, r[q + 3], f3, width);
        }
    }

    /** Statistics of the components far from the centre of the means, each about its own mean. */
    private static void accumulateOwn(double[] x, int xOffset, int nb, GaussianComponents p, Plan plan,
            boolean diagonal, double[] r, int rOffset, int stride, double[][] diff, double[][] rd, double[] resp,
            double[] nk, double[] firstMoments, double[] scatter) {
        final int d = p.d;
        for (int j : plan.own()) {
            System.arraycopy(r, rOffset + j * stride, resp, 0, nb);
            nk[j] += sum(resp, nb);
            columns(x, xOffset, p.means, j * d, diff, d, nb);
            if (diagonal) {
                accumulateDiagonal(diff, resp, firstMoments, scatter, j * d, d, nb);
            } else {
                accumulateFull(diff, rd, resp, firstMoments, j * d, scatter, j * d * d, d, nb);
            }
        }
    }

    /** out[a][i] = x_i[a] - c[a] for the nb rows of the row-major block at x[xOffset]. */
    private static void columns(double[] x, int xOffset, double[] c, int cOff, double[][] out, int d, int nb) {
        for (int a = 0; a < d; a++) {
            column(x, xOffset + a, d, c[cOff + a], out[a], nb);
        }
    }

    private static void column(double[] rows, int first, int d, double c, double[] out, int nb) {
        for (int i = 0, r = first; i < nb; i++, r += d) {
            out[i] = rows[r] - c;
        }
    }

    /**
     * sq[i] = |L_j⁻¹ (x_i - μ_j)|² from y = x - ref and the offset {@code o = L_j⁻¹ (μ_j - ref)}
     * (diagonal: {@code Σ_a (y_a - o_a)² / σ²_a}). Package-private for {@code KernelPassesTest}.
     */
    static void distances(boolean diagonal, double[][] y, GaussianComponents p, int j,
            double[] offsets, int off, double[] z, double[] sq, int d, int nb) {
        if (diagonal) {
            double[] precision = p.precisions;
            Arrays.fill(sq, 0, nb, 0.0);
            for (int a = 0; a < d; a++) {
                addScaledSquare(sq, precision[j * d + a], y[a], offsets == null ? 0.0 : offsets[off + a], nb);
            }
            return;
        }
        double[] inv = p.inverseCholesky;
        int base = p.factorOffset(j);
        if (d <= 3) {
            smallDistances(inv, base, d, y, offsets, off, sq, nb);
            return;
        }
        Arrays.fill(sq, 0, nb, 0.0);
        for (int a = 0; a < d; a++) {
            squaredRow(sq, z, inv, base + a * d, a, y, offsets == null ? 0.0 : -offsets[off + a], nb);
        }
    }

    /**
     * sq[i] += z_i² with z_i = t + W_aa y_a[i] + Σ_{b<a} W_ab y_b[i], row a of a lower-triangular W stored
     * from {@code inv[wRow]}: the terms added in that order by fused multiply-adds, four per pass over the
     * block, the first pass starting from t and the last squaring z into sq without storing it. A last
     * pass short of four terms is padded with zero terms (z + 0·0 is z, so the bits are those of one
     * multiply-add per term). At d = 10 this is 18 passes per component where a scaled copy, saxpys
     * and a squaring pass took 41, and the E-step's distances take about a fifth less time.
     */
    private static void squaredRow(double[] sq, double[] z, double[] inv, int wRow, int a, double[][] y, double t,
            int nb) {
        final int m = a + 1; // term 0 is column a, term s > 0 column s - 1
        if (m <= 4) {
            square4(sq, t, term(inv, wRow, a, 0), column(y, a, 0), term(inv, wRow, a, 1), column(y, a, 1),
                    term(inv, wRow, a, 2), column(y, a, 2), term(inv, wRow, a, 3), column(y, a, 3), nb);
            return;
        }
        start4(z, t, inv[wRow + a], y[a], inv[wRow], y[0], inv[wRow + 1], y[1], inv[wRow + 2], y[2], nb);
        int s = 4;
        for (; m - s > 4; s += 4) {
            axpy4(z, inv[wRow + s - 1], y[s - 1], inv[wRow + s], y[s], inv[wRow + s + 1], y[s + 1],
                    inv[wRow + s + 2], y[s + 2], nb);
        }
        end4(sq, z, term(inv, wRow, a, s), column(y, a, s), term(inv, wRow, a, s + 1), column(y, a, s + 1),
                term(inv, wRow, a, s + 2), column(y, a, s + 2), term(inv, wRow, a, s + 3), column(y, a, s + 3), nb);
    }

    /** The weight of {@link #squaredRow}'s term s: W_aa, then W_a0 .. W_a,a-1, then 0. */
    private static double term(double[] inv, int wRow, int a, int s) {
        return s == 0 ? inv[wRow + a] : s <= a ? inv[wRow + s - 1] : 0.0;
    }

    /** The column of {@link #squaredRow}'s term s: y_a, then y_0 .. y_{a-1}, then zeros. */
    private static double[] column(double[][] y, int a, int s) {
        return s == 0 ? y[a] : s <= a ? y[s - 1] : ZEROS;
    }

    /** sq[i] += (t + w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i])², added left to right. */
    private static void square4(double[] sq, double t, double w0, double[] x0, double w1, double[] x1, double w2,
            double[] x2, double w3, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            double v = Math.fma(w3, x3[i], Math.fma(w2, x2[i], Math.fma(w1, x1[i], Math.fma(w0, x0[i], t))));
            sq[i] = Math.fma(v, v, sq[i]);
        }
    }

    /** z[i] = t + w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i], added left to right. */
    private static void start4(double[] z, double t, double w0, double[] x0, double w1, double[] x1, double w2,
            double[] x2, double w3, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w3, x3[i], Math.fma(w2, x2[i], Math.fma(w1, x1[i], Math.fma(w0, x0[i], t))));
        }
    }

    /** sq[i] += (z[i] + w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i])², added left to right. */
    private static void end4(double[] sq, double[] z, double w0, double[] x0, double w1, double[] x1, double w2,
            double[] x2, double w3, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            double v = Math.fma(w3, x3[i], Math.fma(w2, x2[i], Math.fma(w1, x1[i], Math.fma(w0, x0[i], z[i]))));
            sq[i] = Math.fma(v, v, sq[i]);
        }
    }

    /**
     * The d <= 3 case of {@link #distances} in one pass per component (the general path makes 2 + 3d
     * passes over the block, which at d = 2 cost more than their arithmetic): the same fused
     * multiply-adds in the same order, so the same bits.
     */
    private static void smallDistances(double[] inv, int base, int d, double[][] y, double[] offsets, int off,
            double[] sq, int nb) {
        double t0 = offsets == null ? 0.0 : -offsets[off];
        double w00 = inv[base];
        if (d == 1) {
            distances1(y[0], w00, t0, sq, nb);
            return;
        }
        double t1 = offsets == null ? 0.0 : -offsets[off + 1];
        double w10 = inv[base + d];
        double w11 = inv[base + d + 1];
        if (d == 2) {
            distances2(y[0], y[1], w00, w10, w11, t0, t1, sq, nb);
            return;
        }
        double t2 = offsets == null ? 0.0 : -offsets[off + 2];
        distances3(y[0], y[1], y[2], w00, w10, w11, inv[base + 2 * d], inv[base + 2 * d + 1], inv[base + 2 * d + 2],
                t0, t1, t2, sq, nb);
    }

    private static void distances1(double[] y0, double w00, double t0, double[] sq, int nb) {
        for (int i = 0; i < nb; i++) {
            double z0 = Math.fma(w00, y0[i], t0);
            sq[i] = Math.fma(z0, z0, 0.0);
        }
    }

    private static void distances2(double[] y0, double[] y1, double w00, double w10, double w11, double t0,
            double t1, double[] sq, int nb) {
        for (int i = 0; i < nb; i++) {
            double u0 = y0[i];
            double z0 = Math.fma(w00, u0, t0);
            double z1 = Math.fma(w10, u0, Math.fma(w11, y1[i], t1));
            sq[i] = Math.fma(z1, z1, Math.fma(z0, z0, 0.0));
        }
    }

    private static void distances3(double[] y0, double[] y1, double[] y2, double w00, double w10, double w11,
            double w20, double w21, double w22, double t0, double t1, double t2, double[] sq, int nb) {
        for (int i = 0; i < nb; i++) {
            double u0 = y0[i];
            double u1 = y1[i];
            double z0 = Math.fma(w00, u0, t0);
            double z1 = Math.fma(w10, u0, Math.fma(w11, u1, t1));
            double z2 = Math.fma(w21, u1, Math.fma(w20, u0, Math.fma(w22, y2[i], t2)));
            sq[i] = Math.fma(z2, z2, Math.fma(z1, z1, Math.fma(z0, z0, 0.0)));
        }
    }

    /**
     * z[i] = t + Σ_{b<=a} W_ab y[b][i], row a of a lower-triangular W stored from {@code inv[wRow]}:
     * one scaled copy, then saxpys four columns at a time.
     */
    private static void triangularRow(double[] z, double[] inv, int wRow, int a, double[][] y, double t, int nb) {
        affine(z, inv[wRow + a], y[a], t, nb);
        int b = 0;
        for (; b + 3 < a; b += 4) {
            axpy4(z, inv[wRow + b], y[b], inv[wRow + b + 1], y[b + 1], inv[wRow + b + 2], y[b + 2],
                    inv[wRow + b + 3], y[b + 3], nb);
        }
        for (; b < a; b++) {
            axpy(z, inv[wRow + b], y[b], nb);
        }
    }

    /** z[i] = w · x[i] + t. */
    private static void affine(double[] z, double w, double[] x, double t, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w, x[i], t);
        }
    }

    /** w[a][i] = Σ_{b<=a} W_ab y[b][i] for the shared factor W = L⁻¹ of a tied mixture (component 0's copy). */
    private static void whiten(double[][] y, double[] inv, double[][] w, int d, int nb) {
        for (int a = 0; a < d; a++) {
            triangularRow(w[a], inv, a * d, a, y, 0.0, nb);
        }
    }

    /** sq[i] += p · (y[i] - o)². */
    private static void addScaledSquare(double[] sq, double p, double[] y, double o, int n) {
        for (int i = 0; i < n; i++) {
            double t = y[i] - o;
            sq[i] = Math.fma(p * t, t, sq[i]);
        }
    }

    /** logp[off + i] = c - ½ sq[i]. */
    private static void logDensity(double[] logp, int off, double c, double[] sq, int nb) {
        for (int i = 0; i < nb; i++) {
            logp[off + i] = c - 0.5 * sq[i];
        }
    }

    /**
     * products[i] = f(x_i - c) ({@link #rowProducts}) for the nb rows of the row-major block at
     * x[xOffset]. Package-private for {@code KernelPassesTest}.
     */
    static void blockProducts(double[] x, int xOffset, int nb, double[] centre, boolean diagonal,
            double[][] products) {
        final int d = centre.length;
        int i = 0;
        if (!diagonal && d <= FOUR_ROW_PRODUCTS_MAX_D) {
            for (; i + 3 < nb; i += 4) {
                fourRowProducts(x, xOffset + i * d, centre, d, products[i], products[i + 1], products[i + 2],
                        products[i + 3]);
            }
        }
        for (; i < nb; i++) {
            rowProducts(x, xOffset + i * d, centre, d, diagonal, products[i]);
        }
    }

    /**
     * Dimensions up to which {@link #blockProducts} forms full products four rows at a time: the accumulation
     * took 8-20 % less time with it at d = 5, 10 and 16, and 4-16 % more at d = 24, 32 and 50, where
     * the per-row loops are long enough for C2 to vectorise them.
     */
    static final int FOUR_ROW_PRODUCTS_MAX_D = 16;

    /**
     * {@link #rowProducts} (full) of four consecutive rows at once, the same products: at d = 10 the
     * short per-a loops cost as much as the products, and this pays their overhead once for four rows.
     */
    private static void fourRowProducts(double[] rows, int off, double[] centre, int d, double[] f0, double[] f1,
            double[] f2, double[] f3) {
        f0[0] = 1.0;
        f1[0] = 1.0;
        f2[0] = 1.0;
        f3[0] = 1.0;
        for (int a = 0; a < d; a++) {
            f0[1 + a] = rows[off + a] - centre[a];
            f1[1 + a] = rows[off + d + a] - centre[a];
            f2[1 + a] = rows[off + 2 * d + a] - centre[a];
            f3[1 + a] = rows[off + 3 * d + a] - centre[a];
        }
        int q = 1 + d;
        for (int a = 0; a < d; a++) {
            double y0 = f0[1 + a];
            double y1 = f1[1 + a];
            double y2 = f2[1 + a];
            double y3 = f3[1 + a];
            for (int b = 0; b <= a; b++) {
                f0[q + b] = y0 * f0[1 + b];
                f1[q + b] = y1 * f1[1 + b];
                f2[q + b] = y2 * f2[1 + b];
                f3[q + b] = y3 * f3[1 + b];
            }
            q += a + 1;
        }
    }

    /** f = (1, y, y_a·y_b for b <= a by rows of the lower triangle) with y = x - c; diagonal: (1, y, y²). */
    private static void rowProducts(double[] rows, int off, double[] centre, int d, boolean diagonal, double[] f) {
        f[0] = 1.0;
        for (int a = 0; a < d; a++) {
            f[1 + a] = rows[off + a] - centre[a];
        }
        int q = 1 + d;
        if (diagonal) {
            for (int a = 0; a < d; a++) {
                f[q + a] = f[1 + a] * f[1 + a];
            }
            return;
        }
        for (int a = 0; a < d; a++) {
            double ya = f[1 + a];
            for (int b = 0; b <= a; b++) {
                f[q + b] = ya * f[1 + b];
            }
            q += a + 1;
        }
    }

    /**
     * One shared component's accumulated products {@code (1, y, y_a y_b for b <= a)} as its sums about
     * the centre. Nothing else writes a shared component's sums, so these are copies: row a of the
     * lower triangle is a + 1 consecutive products. (Loops here ran once per chunk and were compiled
     * by C2 four times over, mid-loop, in a cold fit.)
     */
    private static void unpack(double[] m, int j, boolean diagonal, int d, double[] nk, double[] firstMoments,
            double[] scatter) {
        nk[j] = m[0];
        System.arraycopy(m, 1, firstMoments, j * d, d);
        if (diagonal) {
            System.arraycopy(m, 1 + d, scatter, j * d, d);
            return;
        }
        for (int a = 0, q = 1 + d; a < d; q += ++a) {
            System.arraycopy(m, q, scatter, (j * d + a) * d, a + 1);
        }
    }

    private static double sum(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s;
    }

    /** z[i] += w · x[i]. */
    private static void axpy(double[] z, double w, double[] x, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w, x[i], z[i]);
        }
    }

    /**
     * z[i] += w0·x0[i] + w1·x1[i] + w2·x2[i] + w3·x3[i]. Kept this small on purpose: C2 vectorises
     * the loop only while its body stays small enough to be unrolled by the vector length.
     */
    private static void axpy4(double[] z, double w0, double[] x0, double w1, double[] x1, double w2, double[] x2,
            double w3, double[] x3, int n) {
        for (int i = 0; i < n; i++) {
            z[i] = Math.fma(w3, x3[i], Math.fma(w2, x2[i], Math.fma(w1, x1[i], Math.fma(w0, x0[i], z[i]))));
        }
    }

    private static void accumulateDiagonal(double[][] diff, double[] r, double[] first, double[] second, int off,
            int d, int nb) {
        for (int a = 0; a < d; a++) {
            double[] t = diff[a];
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < nb; i++) {
                double u = r[i] * t[i];
                s1 += u;
                s2 += u * t[i];
            }
            first[off + a] += s1;
            second[off + a] += s2;
        }
    }

    /** s += Σ r δ; S[a][b] += Σ r δ_a δ_b for b <= a. */
    private static void accumulateFull(double[][] diff, double[][] rd, double[] r, double[] first, int off,
            double[] scatter, int sOff, int d, int nb) {
        for (int a = 0; a < d; a++) {
            double[] t = diff[a];
            double[] u = rd[a];
            double s1 = 0;
            for (int i = 0; i < nb; i++) {
                double v = r[i] * t[i];
                u[i] = v;
                s1 += v;
            }
            first[off + a] += s1;
        }
        // lower triangle (and the upper half of diagonal tiles, never read) in 4 x 4 register tiles
        int a0 = 0;
        for (; a0 + 3 < d; a0 += 4) {
            for (int b0 = 0; b0 <= a0; b0 += 4) {
                tile4x4(rd, a0, diff, b0, nb, scatter, sOff + a0 * d + b0, d);
            }
        }
        for (int a = a0; a < d; a++) {
            int sRow = sOff + a * d;
            int b = 0;
            for (; b + 3 <= a; b += 4) {
                tile1x4(rd[a], diff, b, nb, scatter, sRow + b);
            }
            for (; b <= a; b++) {
                scatter[sRow + b] += GaussianKernels.dot(rd[a], 0, diff[b], 0, nb);
            }
        }
    }

    /** S[a0+p][b0+q] += Σ_i x[a0+p][i] y[b0+q][i] for p, q < 4. */
    private static void tile4x4(double[][] x, int a0, double[][] y, int b0, int n, double[] s, int so, int d) {
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        double[] x0 = x[a0];
        double[] x1 = x[a0 + 1];
        double[] x2 = x[a0 + 2];
        double[] x3 = x[a0 + 3];
        double[] y0 = y[b0];
        double[] y1 = y[b0 + 1];
        double[] y2 = y[b0 + 2];
        double[] y3 = y[b0 + 3];
        for (int i = 0; i < n; i++) {
            double a0v = x0[i];
            double a1v = x1[i];
            double a2v = x2[i];
            double a3v = x3[i];
            double b0v = y0[i];
            double b1v = y1[i];
            double b2v = y2[i];
            double b3v = y3[i];
            s00 = Math.fma(a0v, b0v, s00);
            s01 = Math.fma(a0v, b1v, s01);
            s02 = Math.fma(a0v, b2v, s02);
            s03 = Math.fma(a0v, b3v, s03);
            s10 = Math.fma(a1v, b0v, s10);
            s11 = Math.fma(a1v, b1v, s11);
            s12 = Math.fma(a1v, b2v, s12);
            s13 = Math.fma(a1v, b3v, s13);
            s20 = Math.fma(a2v, b0v, s20);
            s21 = Math.fma(a2v, b1v, s21);
            s22 = Math.fma(a2v, b2v, s22);
            s23 = Math.fma(a2v, b3v, s23);
            s30 = Math.fma(a3v, b0v, s30);
            s31 = Math.fma(a3v, b1v, s31);
            s32 = Math.fma(a3v, b2v, s32);
            s33 = Math.fma(a3v, b3v, s33);
        }
        s[so] += s00;
        s[so + 1] += s01;
        s[so + 2] += s02;
        s[so + 3] += s03;
        s[so + d] += s10;
        s[so + d + 1] += s11;
        s[so + d + 2] += s12;
        s[so + d + 3] += s13;
        s[so + 2 * d] += s20;
        s[so + 2 * d + 1] += s21;
        s[so + 2 * d + 2] += s22;
        s[so + 2 * d + 3] += s23;
        s[so + 3 * d] += s30;
        s[so + 3 * d + 1] += s31;
        s[so + 3 * d + 2] += s32;
        s[so + 3 * d + 3] += s33;
    }

    /** S[q] += Σ_i x[i] y[b0+q][i] for q < 4. */
    private static void tile1x4(double[] x, double[][] y, int b0, int n, double[] s, int so) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double[] y0 = y[b0];
        double[] y1 = y[b0 + 1];
        double[] y2 = y[b0 + 2];
        double[] y3 = y[b0 + 3];
        for (int i = 0; i < n; i++) {
            double a = x[i];
            s0 += a * y0[i];
            s1 += a * y1[i];
            s2 += a * y2[i];
            s3 += a * y3[i];
        }
        s[so] += s0;
        s[so + 1] += s1;
        s[so + 2] += s2;
        s[so + 3] += s3;
    }
}
