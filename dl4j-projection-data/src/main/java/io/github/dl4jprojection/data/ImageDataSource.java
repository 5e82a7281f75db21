package io.github.dl4jprojection.data;

import java.io.IOException;
import java.util.List;

/**
 * Where the images of a task come from (a folder of IDX or CSV files, or the bundled sample).
 * Obtained from {@link ImageDataLocator}; nothing is read until {@link #load}.
 */
public interface ImageDataSource {

    /** A one-line description for the user and for model provenance. */
    String description();

    /**
     * Fails fast, before any loading, when files of the given splits are missing.
     *
     * @throws DataNotFoundException listing every path looked at for the missing files
     */
    void checkAvailable(DataSplit... splits) throws DataNotFoundException;

    /**
     * Loads one split into memory.
     *
     * @param labelNames the classes to map labels to (the training split's, or a model's), or
     *                   {@code null} to use the task's standard names or infer them from the data
     * @throws DataNotFoundException when the split's files are missing
     * @throws DataFileException     when a file is malformed or a label is not one of {@code labelNames}
     */
    ImageDataset load(DataSplit split, List<String> labelNames) throws IOException;
}
