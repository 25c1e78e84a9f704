package io.framereel.capture.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The control socket's file, claimed for one daemon's life.
 *
 * <ul>
 *   <li>A lock on {@code PATH.lock}, held until {@link #close()}, decides which daemon owns the path: a stale
 *       socket may only be deleted by the lock's holder, so a daemon starting beside another never deletes the
 *       other's socket as a crashed one's. (The lock file stays: deleting it would let two daemons lock two
 *       different files of one name.)</li>
 *   <li>The socket is bound, made listening and given its mode and group under a short temporary name, then
 *       hard-linked to the path: the file appears only when a connect to it succeeds. Where the file system
 *       refuses hard links, it is bound in place instead (with a warning).</li>
 *   <li>Something other than a socket at the path is never deleted.</li>
 * </ul>
 */
final class ControlSocketFile implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlSocketFile.class.getName());

    final Path path;
    final ServerSocketChannel server;
    private final FileChannel lockFile;

    private ControlSocketFile(Path path, ServerSocketChannel server, FileChannel lockFile) {
        this.path = path;
        this.server = server;
        this.lockFile = lockFile;
    }

    /** Claims {@code path} for this daemon and returns its listening socket, mode 0660 and owned by {@code group}. */
    static ControlSocketFile claim(Path path, Optional<String> group) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
        FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                throw new IOException("another framereel daemon is listening there (it holds " + lockPath + ")");
            }
            removeStale(path);
            return new ControlSocketFile(path, bind(path, group), lockFile);
        } catch (IOException | RuntimeException e) {
            lockFile.close(); // releases the lock
            throw e;
        }
    }

    private static void removeStale(Path path) throws IOException {
        BasicFileAttributes existing;
        try {
            existing = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException none) {
            return;
        }
        if (!existing.isOther()) {
            throw new IOException("exists and is not a socket; remove it or set another control.socket");
        }
        if (answers(path)) { // a daemon that does not take the lock (an older framereel, another program)
            throw new IOException("another program is listening there");
        }
        Files.delete(path); // left by a daemon that died
    }

    private static boolean answers(Path path) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (java.net.ConnectException refused) {
            return false; // ECONNREFUSED: nobody listens on it
        }
    }

    private static ServerSocketChannel bind(Path path, Optional<String> group) throws IOException {
        // as short as the final name, so a path that fits the 107-byte socket limit still fits while being made
        String name = path.getFileName().toString();
        String tmpName = "." + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE)
                .substring(0, Math.max(1, Math.min(15, name.length() - 1)));
        Path bound = path.resolveSibling(tmpName);
        Files.deleteIfExists(bound);
        ServerSocketChannel server = listen(bound, true, group);
        try {
            Files.createLink(path, bound);
            return server;
        } catch (FileAlreadyExistsException raced) {
            server.close();
            throw new IOException("another program bound it while framereel was starting", raced);
        } catch (IOException | UnsupportedOperationException noLinks) {
            server.close();
            LOG.log(System.Logger.Level.WARNING, path.getParent() + " refuses hard links (" + noLinks.getMessage()
                    + "): binding the control socket in place, so it exists a moment before it listens");
            return listen(path, false, group);
        } finally {
            Files.deleteIfExists(bound);
        }
    }

    private static ServerSocketChannel listen(Path at, boolean temporary, Optional<String> group) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(at)); // bind(2) and listen(2)
            Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rw-rw----"));
            if (group.isPresent()) {
                GroupPrincipal g = at.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(at, PosixFileAttributeView.class).setGroup(g);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(at);
            throw new IOException(temporary ? "while binding it as " + at + ": " + e.getMessage() : e.getMessage(), e);
        }
    }

    /** Stops listening, removes the socket file, then releases the path for the next daemon. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
            Files.deleteIfExists(path);
        } finally {
            lockFile.close();
        }
    }
}
