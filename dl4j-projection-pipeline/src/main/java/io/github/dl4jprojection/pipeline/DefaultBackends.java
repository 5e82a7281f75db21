package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.export.CExporter;
import io.github.dl4jprojection.runtime.model.ModelFamily;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The backends the {@code projectionnet} command line runs with. */
public final class DefaultBackends {

    private DefaultBackends() {
    }

    /** The backends of the shipped command line. */
    public static Backends create() {
        TrainingBackend training = (job, progress) ->
                new TrainingPipeline(EpochFitter.onThisMachine(job.config().workers())).run(job, progress);
        return new Backends(training, RuntimeModels::load, DefaultBackends::exportC);
    }

    private static List<Path> exportC(Path modelFile, Path outDir, boolean precomputeColumns) throws IOException {
        ProjectionModel model = ProjectionModel.load(modelFile);
        if (model.family() == ModelFamily.PATCH) {
            throw new IncompatibleModelException(modelFile + " is a PATCH model (format version 5), "
                    + "which the C runtime does not run yet; use the Java runtime (dl4j-projection-runtime)");
        }
        String name = cIdentifier(modelFile);
        Path header = CExporter.export(model, outDir, name, precomputeColumns);
        List<Path> written = new ArrayList<>();
        written.add(header);
        for (String file : CExporter.RUNTIME_FILES) {
            written.add(outDir.resolve(file));
        }
        return written;
    }

    /** The model file's base name as a C identifier: "fashion-mnist.pnet" gives "fashion_mnist". */
    static String cIdentifier(Path modelFile) {
        String base = modelFile.getFileName().toString().replaceFirst("\\.pnet$", "");
        String id = base.replaceAll("[^A-Za-z0-9_]", "_");
        return id.isEmpty() || Character.isDigit(id.charAt(0)) ? "model_" + id : id;
    }
}
