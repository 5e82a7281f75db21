package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.data.ImageDataLocator;
import io.github.dl4jprojection.data.ImageTask;
import io.github.dl4jprojection.data.TrainTestImages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;

/** The bundled Fashion-MNIST sample, loaded once. */
final class RequestFixtures {

    private static TrainTestImages sample;

    private RequestFixtures() {
    }

    static synchronized TrainTestImages sample() {
        if (sample == null) {
            try {
                sample = TrainTestImages.load(new ImageDataLocator(Paths.get("/nonexistent"))
                        .locate(ImageTask.FASHION_MNIST, null, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sample;
    }

}
