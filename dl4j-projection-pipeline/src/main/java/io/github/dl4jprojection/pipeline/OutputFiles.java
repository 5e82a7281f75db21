package io.github.dl4jprojection.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a training run writes: the exported model file, and optionally a checkpoint folder (a checkpoint after
 * every epoch) from which a later run may resume. Immutable.
 */
public final class OutputFiles {

    private final Path modelFile;
    private final Path checkpointDir;
    private final boolean resume;

    private OutputFiles(Path modelFile, Path checkpointDir, boolean resume) {
        this.modelFile = modelFile;
        this.checkpointDir = checkpointDir;
        this.resume = resume;
    }

    /** The model file only: no checkpoints. */
    public static OutputFiles model(Path modelFile) {
        return of(modelFile, null, false);
    }

    /**
     * @param checkpointDir folder of the per-epoch checkpoint, or {@code null} for none
     * @param resume continue from the checkpoint in {@code checkpointDir} instead of starting afresh
     * @throws IllegalArgumentException when the model file is missing, or resume has no checkpoint folder
     */
    public static OutputFiles of(Path modelFile, Path checkpointDir, boolean resume) {
        if (modelFile == null) {
            throw new IllegalArgumentException("out (the model file) must be set");
        }
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("resume needs a checkpoint folder");
        }
        return new OutputFiles(modelFile, checkpointDir, resume);
    }

    /** Where the exported projection network is written. */
    public Path modelFile() {
        return modelFile;
    }

    /** Where a checkpoint is written after every epoch, or {@code null} for none. */
    public Path checkpointDir() {
        return checkpointDir;
    }

    /** Continue from the checkpoint in {@link #checkpointDir()}. */
    public boolean resume() {
        return resume;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OutputFiles)) {
            return false;
        }
        OutputFiles f = (OutputFiles) o;
        return modelFile.equals(f.modelFile) && Objects.equals(checkpointDir, f.checkpointDir) && resume == f.resume;
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelFile, checkpointDir, resume);
    }
}
