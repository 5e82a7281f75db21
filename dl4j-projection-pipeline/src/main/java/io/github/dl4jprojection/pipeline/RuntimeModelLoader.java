package io.github.dl4jprojection.pipeline;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Seam to the ND4J-free runtime (module dl4j-projection-runtime): load an exported model file.
 */
public interface RuntimeModelLoader {

    /**
     * @throws IOException when the file is missing, corrupt, or of an unknown format version; the
     *     message says which
     */
    LoadedRuntimeModel load(Path modelFile) throws IOException;
}
