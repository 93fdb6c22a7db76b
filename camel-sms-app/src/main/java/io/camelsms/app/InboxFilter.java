package io.camelsms.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which inbox entries the file route takes ({@code filter=#class:io.camelsms.app.InboxFilter}): regular files, or
 * symbolic links to one. A directory, a dangling link or any other non-file is logged once and ignored, so it never
 * fails a poll, never lands in error/ and never keeps exit-when-done waiting ({@link #isRecipientFile} is the same
 * rule for it). The routes poll with {@code recursive=true&maxDepth=2} only so that camel-file shows directories to
 * this filter; it refuses every one, so no sub-folder is ever read.
 */
public final class InboxFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxFilter.class);
    /** The names the routes take ({@code include}); other names are not recipient files and are not mentioned. */
    static final String EXTENSION = ".csv";

    private final Set<Path> logged = ConcurrentHashMap.newKeySet();

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath();
        if (Files.isRegularFile(path)) {
            return true;
        }
        if (path.getFileName().toString().endsWith(EXTENSION) && logged.add(path)) {
            LOG.warn("inbox: {} is {}, not a file: ignored", path.getFileName(), kind(path));
        }
        return false;
    }

    /** Whether the file route takes this inbox entry, now or once its read lock is granted. */
    public static boolean isRecipientFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(EXTENSION) && !name.startsWith(".") && Files.isRegularFile(path);
    }

    private static String kind(Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return "a directory";
        }
        if (Files.isSymbolicLink(path)) {
            return Files.exists(path) ? "a symbolic link to a directory" : "a symbolic link to nothing";
        }
        return "neither a file nor a directory";
    }
}
