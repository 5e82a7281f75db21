package io.github.dl4jprojection.runtime.model;

/**
 * The token encoder of a sequence model (model family SEQUENCE, format version 2; PRADO-like: Kaliamoorthi,
 * Ravi and Kozareva, EMNLP 2019): between the per-token projection bits and the dense layers of a
 * {@link ProjectionModel}. With {@code n} tokens, {@code B = T * d} bits per token, bottleneck width {@code D},
 * an odd convolution width {@code k}, {@code p = (k - 1) / 2} and {@code C} channels:
 * <pre>
 *   h_t    = f_b(encode(bits_t) W_b + b_b)                      t &lt; n;  W_b: [B][D]   (the bottleneck, shared by all tokens)
 *   h_t    = 0                                                   t &lt; 0 or t &gt;= n   (zero padding, masked positions)
 *   u_t    = h_(t-p) | h_(t-p+1) | ... | h_(t+p)                 the window, k * D values (concatenated in that order)
 *   c_t    = f_c(u_t W_c + b_c)                                  W_c: [k * D][C]   (a 1-D convolution over the tokens)
 *   g[j]   = max over t &lt; n of c_t[j]                             max pooling over the tokens
 * </pre>
 * {@code g} ({@code C} values) is the input of the model's first dense layer. Both weight blocks are
 * {@link DenseBlock}s (float32 or int8, any nonlinearity) evaluated exactly as a dense layer of docs/FORMAT.md,
 * section 5.2. Immutable.
 */
public final class SequenceEncoder {

    /** Largest {@code maxTokens}. */
    public static final int MAX_TOKENS = 1 << 16;
    /** Largest convolution width. */
    public static final int MAX_CONV_WIDTH = 15;

    private final int maxTokens;
    private final DenseBlock tokenLayer;
    private final int convWidth;
    private final DenseBlock convLayer;

    private SequenceEncoder(int maxTokens, DenseBlock tokenLayer, int convWidth, DenseBlock convLayer) {
        this.maxTokens = maxTokens;
        this.tokenLayer = tokenLayer;
        this.convWidth = convWidth;
        this.convLayer = convLayer;
    }

    /**
     * @param maxTokens  tokens read per text, {@code 1 .. MAX_TOKENS}
     * @param tokenLayer the bottleneck, {@code nIn = T * d} (checked by the model), {@code nOut = D}
     * @param convWidth  odd, {@code 1 .. MAX_CONV_WIDTH}
     * @param convLayer  the convolution, {@code nIn = convWidth * D}, {@code nOut = C}
     * @throws IllegalArgumentException naming the argument that breaks a rule
     */
    public static SequenceEncoder of(int maxTokens, DenseBlock tokenLayer, int convWidth, DenseBlock convLayer) {
        if (maxTokens < 1 || maxTokens > MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be in [1, " + MAX_TOKENS + "], got " + maxTokens);
        }
        if (tokenLayer == null || convLayer == null) {
            throw new IllegalArgumentException("tokenLayer and convLayer must not be null");
        }
        if (convWidth < 1 || convWidth > MAX_CONV_WIDTH || convWidth % 2 == 0) {
            throw new IllegalArgumentException("convWidth must be odd and in [1, " + MAX_CONV_WIDTH + "], got "
                    + convWidth);
        }
        if ((long) convWidth * tokenLayer.nOut != convLayer.nIn) {
            throw new IllegalArgumentException("convLayer.nIn must be convWidth * tokenLayer.nOut = " + convWidth
                    + " * " + tokenLayer.nOut + ", got " + convLayer.nIn);
        }
        return new SequenceEncoder(maxTokens, tokenLayer, convWidth, convLayer);
    }

    /** Tokens read per text; later tokens are ignored. */
    public int maxTokens() {
        return maxTokens;
    }

    /** The bottleneck applied to every token's bits. */
    public DenseBlock tokenLayer() {
        return tokenLayer;
    }

    /** The convolution's window, in tokens (odd). */
    public int convWidth() {
        return convWidth;
    }

    /** The convolution, as a dense block over a window of {@code convWidth} bottleneck outputs. */
    public DenseBlock convLayer() {
        return convLayer;
    }

    /** The width of the pooled output, {@code C}. */
    public int outputWidth() {
        return convLayer.nOut;
    }

    /** Stored parameters of both blocks. */
    public long numParameters() {
        return tokenLayer.numParameters() + convLayer.numParameters();
    }

    @Override
    public String toString() {
        return "SequenceEncoder{maxTokens=" + maxTokens + ", token=" + tokenLayer + ", convWidth=" + convWidth
                + ", conv=" + convLayer + ", pooling=MAX}";
    }
}
