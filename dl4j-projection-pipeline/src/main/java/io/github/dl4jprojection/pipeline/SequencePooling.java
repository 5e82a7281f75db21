package io.github.dl4jprojection.pipeline;

import java.util.Locale;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/** How the LSTM trainer turns its per-token outputs into one vector per text (masked: padding never counts). */
public enum SequencePooling {
    /** The largest value of each unit over the tokens. */
    MAX(PoolingType.MAX),
    /** The mean of each unit over the tokens. */
    AVG(PoolingType.AVG);

    private final PoolingType dl4j;

    SequencePooling(PoolingType dl4j) {
        this.dl4j = dl4j;
    }

    /** DL4J's pooling type. */
    PoolingType dl4j() {
        return dl4j;
    }

    /** The command-line name: max, avg. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The pooling with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static SequencePooling fromCliName(String name) {
        for (SequencePooling p : values()) {
            if (p.cliName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + name + "'; valid poolings: max, avg");
    }

    @Override
    public String toString() {
        return cliName();
    }
}
