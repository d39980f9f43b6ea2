package io.emkit.core.family;

/**
 * A family's E-step work on one chunk, made by {@link Family#kernel} for one parameter set: log
 * densities of blocks of observations under every component, and weighted accumulation of the same
 * blocks. It owns workspaces sized for blocks of at most {@link Family#BLOCK_ROWS} observations, so it
 * is used by one thread, for one chunk, and then {@link #finish}ed.
 *
 * <p>Layouts: observations are row-major {@code n × d} from {@code x[xOffset]}; per-component values
 * are component-major, {@code out[outOffset + j·stride + i]} for component j and observation i, the
 * layout in which both the mixture's log-sum-exp and the HMM's forward pass read them.
 *
 * @param <A> the family's accumulator type
 */
public interface Kernel<A extends Accumulator<A>> {

    /**
     * {@code out[outOffset + j·stride + i] = log f_j(x_i)} (natural log, the component density only:
     * no mixing weight) for every component j and every observation i of the block.
     *
     * @param x observations, row-major. Not modified.
     * @param xOffset index of observation 0's first coordinate in {@code x}
     * @param n observations in the block, {@code 1 <= n <= Family.BLOCK_ROWS}
     * @param out receives the log densities. Modified.
     * @param outOffset index of component 0, observation 0 in {@code out}
     * @param stride distance between components in {@code out}, {@code >= n}
     */
    void logDensities(double[] x, int xOffset, int n, double[] out, int outOffset, int stride);

    /**
     * Adds observation i to component j's statistics with weight {@code weights[wOffset + j·stride + i]}
     * (a responsibility or a state posterior, times any observation weight). Weights are finite and
     * {@code >= 0}; zero weights may be skipped.
     *
     * @param x observations, row-major. Not modified.
     * @param xOffset index of observation 0's first coordinate in {@code x}
     * @param n observations in the block, {@code 1 <= n <= Family.BLOCK_ROWS}
     * @param weights the weights, component-major. Not modified.
     * @param wOffset index of component 0, observation 0 in {@code weights}
     * @param stride distance between components in {@code weights}, {@code >= n}
     */
    void accumulate(double[] x, int xOffset, int n, double[] weights, int wOffset, int stride);

    /**
     * The statistics accumulated so far, in parameter-free form; the kernel is not used afterwards.
     *
     * @return a new accumulator owned by the caller
     */
    A finish();
}
