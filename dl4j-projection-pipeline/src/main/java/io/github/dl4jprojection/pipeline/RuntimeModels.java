package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageSize;
import io.github.dl4jprojection.runtime.model.InputKind;
import io.github.dl4jprojection.runtime.model.InputSpec;
import io.github.dl4jprojection.runtime.model.ProjectionModel;
import io.github.dl4jprojection.runtime.model.Predictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@link RuntimeModelLoader} over the ND4J-free runtime: a loaded {@link ProjectionModel} and one {@link Predictor}. */
final class RuntimeModels implements LoadedRuntimeModel {

    private final ProjectionModel model;
    private final Predictor predictor;

    private RuntimeModels(ProjectionModel model) {
        this.model = model;
        this.predictor = model.predictor();
    }

    /** Loads an image model; a text model is rejected, since the image commands cannot feed it. */
    static LoadedRuntimeModel load(Path file) throws IOException {
        ProjectionModel model = ProjectionModel.load(file);
        if (model.input().kind() != InputKind.DENSE) {
            throw new IncompatibleModelException(file + " is a text model, not an image model");
        }
        return new RuntimeModels(model);
    }

    @Override
    public int inputSize() {
        return model.input().nIn();
    }

    @Override
    public ImageSize imageShape() {
        InputSpec input = model.input();
        return input.height() == 0 ? null : new ImageSize(input.height(), input.width());
    }

    @Override
    public List<String> labelNames() {
        return model.labels();
    }

    @Override
    public int projectionBits() {
        return model.projectionSpec().numBits();
    }

    @Override
    public long parameterCount() {
        return model.numParameters();
    }

    @Override
    public int predict(float[] pixels, float[] scores) {
        return predictor.scores(pixels, scores);
    }
}
