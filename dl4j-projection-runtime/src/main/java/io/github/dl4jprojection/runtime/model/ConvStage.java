package io.github.dl4jprojection.runtime.model;

/**
 * One stage of a {@link PatchEncoder}: a {@code k x k} convolution (stride 1, no padding) over a map of
 * {@code Cin} channels, then {@code q x q} max pooling (stride {@code q}, the remainder dropped). With the map
 * {@code a[ci][i][j]} of height {@code H} and width {@code W}:
 * <pre>
 *   u_ij[(dy * k + dx) * Cin + ci] = a[ci][i + dy][j + dx]          Hc = H - k + 1, Wc = W - k + 1
 *   z[co][i][j]  = (f(u_ij W + b))[co]                                the conv block, nIn = k * k * Cin, nOut = Cout
 *   a'[co][i][j] = max over dy, dx &lt; q of z[co][i * q + dy][j * q + dx]   Hq = Hc / q, Wq = Wc / q (floor)
 * </pre>
 * The conv block is a {@link DenseBlock} (FLOAT32 or INT8, any nonlinearity) evaluated exactly as a dense layer
 * of docs/FORMAT.md section 5.2; DL4J's {@code ConvolutionLayer} weight {@code W[co][ci][dy][dx]} is its
 * {@code W[(dy * k + dx) * Cin + ci][co]}. Immutable.
 */
public final class ConvStage {

    /** Largest kernel size {@code k}. */
    public static final int MAX_KERNEL = 15;
    /** Largest pooling size {@code q}. */
    public static final int MAX_POOL = 16;

    private final int kernel;
    private final DenseBlock conv;
    private final int pool;

    private ConvStage(int kernel, DenseBlock conv, int pool) {
        this.kernel = kernel;
        this.conv = conv;
        this.pool = pool;
    }

    /**
     * @param kernel the convolution's size {@code k}, {@code 1 .. MAX_KERNEL}
     * @param conv   the convolution, {@code nIn = k * k * Cin}, {@code nOut = Cout}; FLOAT32 or INT8
     * @param pool   the max pooling's size {@code q}, {@code 1 .. MAX_POOL}; 1 is no pooling
     * @throws IllegalArgumentException naming the argument that breaks a rule
     */
    public static ConvStage of(int kernel, DenseBlock conv, int pool) {
        if (kernel < 1 || kernel > MAX_KERNEL) {
            throw new IllegalArgumentException("kernel must be in [1, " + MAX_KERNEL + "], got " + kernel);
        }
        if (pool < 1 || pool > MAX_POOL) {
            throw new IllegalArgumentException("pool must be in [1, " + MAX_POOL + "], got " + pool);
        }
        if (conv == null) {
            throw new IllegalArgumentException("conv must not be null");
        }
        if (conv.nIn % (kernel * kernel) != 0) {
            throw new IllegalArgumentException("conv.nIn must be a multiple of kernel * kernel = " + kernel * kernel
                    + ", got " + conv.nIn);
        }
        if (conv.weightType == WeightType.INT8_FIXED) {
            throw new IllegalArgumentException("conv must be FLOAT32 or INT8, got INT8_FIXED");
        }
        return new ConvStage(kernel, conv, pool);
    }

    /** The convolution's size {@code k}. */
    public int kernel() {
        return kernel;
    }

    /** The convolution, as a dense block over one {@code k x k x Cin} window. */
    public DenseBlock conv() {
        return conv;
    }

    /** The max pooling's size {@code q}; 1 when the stage does not pool. */
    public int pool() {
        return pool;
    }

    /** {@code Cin = conv.nIn / (k * k)}. */
    public int inChannels() {
        return conv.nIn / (kernel * kernel);
    }

    /** {@code Cout = conv.nOut}. */
    public int outChannels() {
        return conv.nOut;
    }

    /** Stored parameters of the conv block. */
    public long numParameters() {
        return conv.numParameters();
    }

    @Override
    public String toString() {
        return "ConvStage{kernel=" + kernel + ", conv=" + conv + ", pool=" + pool + "}";
    }
}
