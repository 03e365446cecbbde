package io.koor.gitops.generator.tree;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer at a time on an output directory: an operating-system lock on {@code .gitops/lock},
 * held while a writer recovers, plans and writes. The system releases it when its holder dies, so
 * a killed run never blocks the next. The file stays (deleting a lock file races with the next
 * writer opening it) and names its current holder, for the message of a writer that gives up.
 */
final class WriterLock implements AutoCloseable {
    static final String FILE = ".gitops/lock";
    private static final long POLL_MILLIS = 20;

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code wait} for the other writer to finish, then fails naming the directory and the holder. */
    static WriterLock acquire(Path root, Duration wait) throws IOException {
        Path file = root.resolve(FILE);
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(ByteBuffer.wrap(("process " + ProcessHandle.current().pid() + " since "
                            + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                    return new WriterLock(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
                    throw new IOException(root + " is being written by another generate ("
                            + (holder.isEmpty() ? "holder unknown" : holder) + ", see " + file + "); waited "
                            + wait.toSeconds() + " s for it. Let it finish, then run generate again");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new InterruptedIOException("interrupted while waiting for the lock on " + root);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Null while another process, or another thread of this one, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
