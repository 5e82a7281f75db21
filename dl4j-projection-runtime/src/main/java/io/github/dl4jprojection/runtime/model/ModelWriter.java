package io.github.dl4jprojection.runtime.model;

import io.github.dl4jprojection.runtime.internal.model.AndroidApi26;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes a {@link ProjectionModel} in the {@code .pnet} format, version {@link PnetFormat#VERSION}
 * (docs/FORMAT.md), the newest this library implements. The bytes depend only on the model: the
 * same model gives the same file on any JVM (the writer adds nothing, not even a time; put that in
 * the provenance).
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /** The complete file contents of {@code model}. */
    public static byte[] toBytes(ProjectionModel model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        return toBytes(model, FormatVersions.newest());
    }

    /** The file of {@code model} in {@code codec}'s version: the header of every version, then its content. */
    static byte[] toBytes(ProjectionModel model, FormatCodec codec) {
        ContentWriter out = new ContentWriter(1024);
        codec.write(model, out);
        byte[] content = out.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length);
        ContentWriter file = new ContentWriter(PnetFormat.HEADER_BYTES + content.length);
        file.bytes(PnetFormat.MAGIC);
        file.u32(codec.version());
        file.u32(content.length);
        file.u32((int) crc.getValue());
        file.bytes(content);
        return file.toByteArray();
    }

    /** Writes {@code model} to {@code out}; does not close it. */
    public static void write(ProjectionModel model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /**
     * Writes {@code model} to {@code file}, replacing it. Needs Android API level 26 ({@code java.nio.file}); from
     * level 21, use {@link #write(ProjectionModel, OutputStream)}.
     */
    @AndroidApi26
    public static void write(ProjectionModel model, Path file) throws IOException {
        Files.write(file, toBytes(model));
    }
}
