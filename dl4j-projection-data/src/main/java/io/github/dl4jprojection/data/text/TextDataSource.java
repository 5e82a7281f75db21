package io.github.dl4jprojection.data.text;

import java.io.IOException;

/** Where a text task's labelled texts come from: the full corpus, the bundled sample or a user's files. */
public interface TextDataSource {

    /** One line for the user: what is loaded, from where. */
    String description();

    /**
     * Loads and splits the texts.
     *
     * @throws io.github.dl4jprojection.data.DataNotFoundException when files are missing
     * @throws io.github.dl4jprojection.data.DataFileException     when a file is malformed
     */
    TrainTestTexts load() throws IOException;
}
