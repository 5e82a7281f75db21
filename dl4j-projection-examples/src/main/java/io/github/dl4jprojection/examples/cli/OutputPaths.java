package io.github.dl4jprojection.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The checks a command makes on the files it will write, before it reads data or trains: usage errors. */
final class OutputPaths {

    private OutputPaths() {
    }

    /** Fails now, not after training, when the nearest existing folder of {@code file} cannot be written. */
    static void requireWritable(CommandLine cmd, String option, Path file) {
        Path folder = file.toAbsolutePath().getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder != null && (!Files.isDirectory(folder) || !Files.isWritable(folder))) {
            throw new ParameterException(cmd, option + " " + file + " cannot be written: " + folder
                    + (Files.isDirectory(folder) ? " is not writable" : " is not a folder"));
        }
        if (folder != null) {
            // The permission bits do not tell everything (root, a read-only mount such as /sys): try a file.
            try {
                Files.delete(Files.createTempFile(folder, ".projectionnet-", ".probe"));
            } catch (IOException e) {
                throw new ParameterException(cmd, option + " " + file + " cannot be written: " + folder
                        + " refuses new files (" + IoMessages.reason(e) + ")");
            }
        }
    }

    /**
     * No file may overwrite another: {@code paths[i]} (null: not written), named {@code names[i]} in the message,
     * are different files.
     */
    static void requireDistinct(CommandLine cmd, Path[] paths, String[] names) {
        Map<Path, String> seen = new HashMap<>();
        for (int i = 0; i < paths.length; i++) {
            if (paths[i] == null) {
                continue;
            }
            String earlier = seen.putIfAbsent(paths[i].toAbsolutePath().normalize(), names[i]);
            if (earlier != null) {
                throw new ParameterException(cmd, names[i] + " and " + earlier + " are the same file " + paths[i]
                        + "; one would overwrite the other");
            }
        }
    }
}
