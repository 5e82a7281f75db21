package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Writes a {@link ProjectionModel} in the {@code .pnet} format, version {@link PnetFormat#VERSION}
 * (docs/FORMAT.md). The bytes depend only on the model: the same model gives the same file on any
 * JVM (the writer adds nothing, not even a time; put that in the provenance).
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /** The complete file contents of {@code model}. */
    public static byte[] toBytes(ProjectionModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        byte[] content = content(model);
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length);
        Sink file = new Sink(PnetFormat.HEADER_BYTES + content.length);
        file.bytes(PnetFormat.MAGIC);
        file.u32(PnetFormat.VERSION);
        file.u32(content.length);
        file.u32((int) crc.getValue());
        file.bytes(content);
        return file.toByteArray();
    }

    /** Writes {@code model} to {@code out}; does not close it. */
    public static void write(ProjectionModel model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /** Writes {@code model} to {@code file}, replacing it. */
    public static void write(ProjectionModel model, Path file) throws IOException {
        Files.write(file, toBytes(model));
    }

    private static byte[] content(ProjectionModel model) {
        Sink s = new Sink(1024);
        ProjectionSpec spec = model.projectionSpec();
        s.u32(spec.numFunctions());
        s.u32(spec.bitsPerFunction());
        s.i64(spec.seed());
        s.u8(spec.sparsityLog2());
        s.u8(model.encoding() == BitEncoding.ZERO_ONE ? 0 : 1);
        InputSpec input = model.input();
        s.u8(input.kind().code());
        s.u8(0);
        if (input.kind() == InputKind.DENSE) {
            s.u32(input.nIn());
            s.u32(input.height());
            s.u32(input.width());
            s.u32(input.channels());
        } else {
            FeaturizerSection f = input.featurizer();
            s.string(f.kind());
            s.u32(f.version());
            s.map(f.settings());
        }
        s.u32(model.layers().size());
        for (DenseBlock layer : model.layers()) {
            s.u32(layer.nIn);
            s.u32(layer.nOut);
            s.u8(layer.nonlinearity.code());
            s.u8(layer.weightType.code());
            s.u8(0);
            s.u8(0);
            s.f32(layer.alpha);
            if (layer.weightType == WeightType.FLOAT32) {
                for (float w : layer.weights) {
                    s.f32(w);
                }
            } else {
                for (float scale : layer.scales) {
                    s.f32(scale);
                }
                s.bytes(layer.quantized);
            }
            for (float b : layer.bias) {
                s.f32(b);
            }
        }
        s.u32(model.numLabels());
        for (String label : model.labels()) {
            s.string(label);
        }
        s.map(model.provenance());
        return s.toByteArray();
    }

    /** A little-endian byte sink. */
    private static final class Sink extends ByteArrayOutputStream {
        Sink(int capacity) {
            super(capacity);
        }

        void u8(int v) {
            write(v);
        }

        void u32(int v) {
            write(v);
            write(v >>> 8);
            write(v >>> 16);
            write(v >>> 24);
        }

        void i64(long v) {
            u32((int) v);
            u32((int) (v >>> 32));
        }

        void f32(float v) {
            u32(Float.floatToRawIntBits(v));
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void string(String v) {
            byte[] b = Utf8.encode(v, "string");
            u32(b.length);
            bytes(b);
        }

        void map(Map<String, String> map) {
            u32(map.size());
            for (Map.Entry<String, String> e : map.entrySet()) {
                string(e.getKey());
                string(e.getValue());
            }
        }
    }
}
