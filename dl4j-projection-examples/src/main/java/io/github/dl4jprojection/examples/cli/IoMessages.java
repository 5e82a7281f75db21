package io.github.dl4jprojection.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One-line texts for I/O failures. The JDK's file-system exceptions often carry only the path as
 * their message ({@code AccessDeniedException: /sys/x.pnet}), which alone does not say what went wrong.
 */
final class IoMessages {

    private IoMessages() {
    }

    /** What went wrong, without the path: the exception's reason, or what its type means. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            if (reason != null && !reason.isEmpty()) {
                return reason;
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or folder";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "already exists";
            }
            if (e instanceof NotDirectoryException) {
                return "not a folder";
            }
            if (e instanceof DirectoryNotEmptyException) {
                return "folder not empty";
            }
            return "cannot be accessed";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The whole message: for a file-system error, the file(s) and {@link #reason}; else the exception's message. */
    static String describe(IOException e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String files = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            return files.isEmpty() ? reason(e) : files + ": " + reason(e);
        }
        return reason(e);
    }
}
