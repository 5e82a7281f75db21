package io.github.dl4jprojection.pipeline.study;

import io.github.dl4jprojection.runtime.model.DenseBlock;
import java.util.ArrayList;
import java.util.List;

/** An MLP as a chain of {@link JavaLayer}s: {@code x -> layer 0 -> ... -> logits}, argmax of the logits. */
final class MlpForward implements JavaBaseline {

    private final List<JavaLayer> layers;
    private final float[][] activations;

    /**
     * @param blocks the trained layers, in order (each {@code nIn} the previous {@code nOut})
     * @param int8   run the int8 forms of the blocks
     * @throws IllegalArgumentException when the blocks do not chain
     */
    MlpForward(List<DenseBlock> blocks, boolean int8) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("an MLP needs at least one layer");
        }
        this.layers = new ArrayList<>();
        this.activations = new float[blocks.size()][];
        for (int l = 0; l < blocks.size(); l++) {
            JavaLayer layer = JavaLayer.of(blocks.get(l), int8);
            if (l > 0 && layer.nIn() != layers.get(l - 1).nOut()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layer.nIn() + " inputs, layer " + (l - 1)
                        + " gives " + layers.get(l - 1).nOut());
            }
            layers.add(layer);
            activations[l] = new float[layer.nOut()];
        }
    }

    @Override
    public int classify(float[] x) {
        float[] in = x;
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).forward(in, 0, activations[l], 0);
            in = activations[l];
        }
        return JavaBaseline.argmax(in, in.length);
    }

    @Override
    public long macs() {
        long macs = 0;
        for (JavaLayer layer : layers) {
            macs += layer.macs();
        }
        return macs;
    }

    @Override
    public long storedBytes() {
        long bytes = 0;
        for (JavaLayer layer : layers) {
            bytes += layer.storedBytes();
        }
        return bytes;
    }
}
