package io.koor.gitops.generator.tree;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Messages for file system failures: Java's say only the path ("gitops: /x/y"), not what went wrong with it. */
final class FileErrors {
    private FileErrors() {
    }

    static String describe(Throwable e) {
        if (!(e instanceof FileSystemException fs) || fs.getReason() != null) {
            return String.valueOf(e.getMessage());
        }
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else {
            what = e.getClass().getSimpleName();
        }
        return fs.getMessage() + ": " + what;
    }
}
