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

    /**
     * Lock files this JVM holds. fcntl locks belong to the process, and closing any descriptor of the file drops
     * them all, so a second claim in one JVM must be refused before it opens the file, not after.
     */
    private static final java.util.Set<Path> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final Path path;
    final ServerSocketChannel server;
    private final Path lockPath;
    private final FileChannel lockFile;
    /** The socket file this daemon made, so close() never deletes one another daemon made at the same path. */
    private final Object socketKey;

    private ControlSocketFile(Path path, ServerSocketChannel server, Path lockPath, FileChannel lockFile) throws IOException {
        this.path = path;
        this.server = server;
        this.lockPath = lockPath;
        this.lockFile = lockFile;
        this.socketKey = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Claims {@code path} for this daemon and returns its listening socket, mode 0660 and owned by {@code group}. */
    static ControlSocketFile claim(Path path, Optional<String> group) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path lockPath = path.toAbsolutePath().normalize().resolveSibling(path.getFileName() + ".lock");
        if (!CLAIMED.add(lockPath)) {
            throw new IOException("another framereel daemon is listening there (it holds " + lockPath + ")");
        }
        FileChannel lockFile = null;
        try {
            lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockFile.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null; // CLAIMED keeps this from happening; a lock taken outside this class would do it
            }
            if (lock == null) {
                throw new IOException("another framereel daemon is listening there (it holds " + lockPath + ")");
            }
            removeStale(path);
            return new ControlSocketFile(path, bind(path, group), lockPath, lockFile);
        } catch (IOException | RuntimeException e) {
            if (lockFile != null) {
                lockFile.close(); // releases the lock
            }
            CLAIMED.remove(lockPath);
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
            throw new IOException(path + " exists and is not a socket; remove it or set another control.socket");
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
        Path bound = temporaryName(path);
        removeStale(bound); // left by a daemon killed between its bind and its link
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

    /**
     * Where the socket is made before it is linked into place: derived from the final name, so a leftover of a
     * killed daemon is found and reclaimed by the next one; no longer than the final name (down to two
     * characters), so a path that fits the 107-byte socket limit still fits while being made.
     */
    static Path temporaryName(Path path) {
        String name = path.getFileName().toString();
        String hash = String.format("%08x%08x", name.hashCode(), ("framereel:" + name).hashCode());
        return path.resolveSibling("." + hash.substring(0, Math.max(1, Math.min(hash.length(), name.length() - 1))));
    }

    private static ServerSocketChannel listen(Path at, boolean temporary, Optional<String> group) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        boolean bound = false;
        try {
            server.bind(UnixDomainSocketAddress.of(at)); // bind(2) and listen(2)
            bound = true;
            Files.setPosixFilePermissions(at, PosixFilePermissions.fromString("rw-rw----"));
            if (group.isPresent()) {
                GroupPrincipal g = at.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(at, PosixFileAttributeView.class).setGroup(g);
            }
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            if (bound) { // ours; a failed bind leaves whatever holds the name alone
                Files.deleteIfExists(at);
            }
            throw new IOException(temporary ? "while binding it as " + at + ": " + e.getMessage() : e.getMessage(), e);
        }
    }

    /**
     * Stops listening, removes the socket file if it is still the one this daemon made (a directory removed and
     * remade under it, as systemd does with RuntimeDirectory=, may hold another daemon's by now), then releases
     * the path for the next daemon.
     */
    @Override
    public void close() throws IOException {
        try {
            server.close();
            Object now;
            try {
                now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            } catch (java.nio.file.NoSuchFileException gone) {
                now = null;
            }
            if (now != null && now.equals(socketKey)) {
                Files.delete(path);
            }
        } finally {
            try {
                lockFile.close();
            } finally {
                CLAIMED.remove(lockPath);
            }
        }
    }
}
