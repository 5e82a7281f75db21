package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.runtime.model.ConvStage;
import io.github.dl4jprojection.runtime.model.PatchEncoder;
import io.github.dl4jprojection.runtime.model.PnetFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One convolution stage of a patch model (the command line's {@code --conv K:C:Q}): a {@code K x K} convolution
 * (stride 1, no padding) to {@code C} channels, then max pooling over {@code Q x Q} windows at stride {@code Q}
 * ({@code Q = 1}: none). Immutable.
 */
public final class PatchStage {

    private final int kernel;
    private final int channels;
    private final int pool;

    /**
     * @throws IllegalArgumentException naming the value out of range: the kernel outside [1,
     *     {@value ConvStage#MAX_KERNEL}], channels outside [1, {@value PnetFormat#MAX_LAYER_WIDTH}], the pool outside
     *     [1, {@value ConvStage#MAX_POOL}]
     */
    public PatchStage(int kernel, int channels, int pool) {
        if (kernel < 1 || kernel > ConvStage.MAX_KERNEL) {
            throw new IllegalArgumentException("conv: kernel K must be in [1, " + ConvStage.MAX_KERNEL + "], got "
                    + kernel);
        }
        if (channels < 1 || channels > PnetFormat.MAX_LAYER_WIDTH) {
            throw new IllegalArgumentException("conv: channels C must be in [1, " + PnetFormat.MAX_LAYER_WIDTH
                    + "], got " + channels);
        }
        if (pool < 1 || pool > ConvStage.MAX_POOL) {
            throw new IllegalArgumentException("conv: pool Q must be in [1, " + ConvStage.MAX_POOL + "], got " + pool);
        }
        this.kernel = kernel;
        this.channels = channels;
        this.pool = pool;
    }

    /**
     * The stages of {@code K:C:Q[,K:C:Q...]}, or none for {@code none}.
     *
     * @throws IllegalArgumentException saying the expected form, or naming the value out of range
     */
    public static List<PatchStage> parseList(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.toLowerCase(Locale.ROOT).equals("none")) {
            return Collections.emptyList();
        }
        List<PatchStage> stages = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            String[] values = part.trim().split(":", -1);
            if (values.length != 3) {
                throw new IllegalArgumentException("conv must be K:C:Q[,K:C:Q...] (kernel:channels:pool per stage, "
                        + "e.g. 3:32:2) or none, got '" + text + "'");
            }
            try {
                stages.add(new PatchStage(Integer.parseInt(values[0].trim()), Integer.parseInt(values[1].trim()),
                        Integer.parseInt(values[2].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("conv must be K:C:Q[,K:C:Q...] with integers K, C and Q (e.g. "
                        + "3:32:2) or none, got '" + text + "'", e);
            }
        }
        if (stages.size() > PatchEncoder.MAX_STAGES) {
            throw new IllegalArgumentException("conv: at most " + PatchEncoder.MAX_STAGES + " stages, got "
                    + stages.size());
        }
        return Collections.unmodifiableList(stages);
    }

    /** The command-line form of {@code stages}: {@code K:C:Q,...}, or {@code none}. */
    public static String format(List<PatchStage> stages) {
        if (stages.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (PatchStage stage : stages) {
            s.append(s.length() == 0 ? "" : ",").append(stage);
        }
        return s.toString();
    }

    /** K, the side of the convolution's window. */
    public int kernel() {
        return kernel;
    }

    /** C, the convolution's output channels. */
    public int channels() {
        return channels;
    }

    /** Q, the side and stride of the max pooling window; 1 for none. */
    public int pool() {
        return pool;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PatchStage)) {
            return false;
        }
        PatchStage s = (PatchStage) o;
        return kernel == s.kernel && channels == s.channels && pool == s.pool;
    }

    @Override
    public int hashCode() {
        return (kernel * 31 + channels) * 31 + pool;
    }

    @Override
    public String toString() {
        return kernel + ":" + channels + ":" + pool;
    }
}
