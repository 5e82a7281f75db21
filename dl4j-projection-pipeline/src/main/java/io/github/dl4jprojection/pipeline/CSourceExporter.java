package io.github.dl4jprojection.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Seam to the C emitter (module dl4j-projection-layers, package
 * {@code io.github.dl4jprojection.layers.export}): write C source that runs a model file.
 */
public interface CSourceExporter {

    /**
     * @param modelFile          an exported model file
     * @param outDir             an existing folder to write into
     * @param precomputeColumns  whether the header also holds the projection's non-zero entries of every input
     *                           (dense models: faster, more flash; see {@code CExporter.header})
     * @return the files written
     * @throws IOException when the model cannot be read or the files cannot be written
     * @throws IllegalArgumentException when the model cannot be emitted so (the message says why)
     */
    List<Path> export(Path modelFile, Path outDir, boolean precomputeColumns) throws IOException;
}
