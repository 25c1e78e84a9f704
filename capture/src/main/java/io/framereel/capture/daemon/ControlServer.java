package io.framereel.capture.daemon;

import io.framereel.capture.json.Json;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * The daemon's control socket: a Unix stream socket (no network listener) that only its owner and one group may
 * connect to (mode 0660). A client sends one command line ({@code start}, {@code stop}, {@code toggle},
 * {@code snapshot}, {@code status}) and gets one JSON line back: {@code {"ok":true,...}} with the status, or
 * {@code {"ok":false,"error":"..."}}. Each connection has a thread of its own so a silent client cannot block
 * the others; at most {@value #MAX_CLIENTS} at a time.
 */
public final class ControlServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());
    static final int MAX_CLIENTS = 4;
    private static final int MAX_LINE = 256;

    private final Path path;
    private final ServerSocketChannel server;
    private final Triggers triggers;
    private final StatusBoard board;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final Thread acceptor;

    /** Numbers this process's starts, so two starting at once bind different temporary names. */
    private static final java.util.concurrent.atomic.AtomicLong STARTS = new java.util.concurrent.atomic.AtomicLong();

    private ControlServer(Path path, ServerSocketChannel server, Triggers triggers, StatusBoard board) {
        this.path = path;
        this.server = server;
        this.triggers = triggers;
        this.board = board;
        this.acceptor = new Thread(this::acceptLoop, "framereel-control");
        this.acceptor.setDaemon(true);
    }

    /**
     * Binds {@code path} (replacing a stale socket a crashed daemon left, refusing if a daemon answers there),
     * restricts it to owner and {@code group} and starts accepting.
     *
     * <p>The socket is bound, made listening and given its permissions under a temporary name, then linked to
     * {@code path}: the file appears only when a connect to it succeeds and only with its final permissions, and
     * the link fails if another daemon linked its socket there first (rename would silently replace it).
     */
    public static ControlServer start(Path path, java.util.Optional<String> group, Triggers triggers,
            StatusBoard board) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(path)) {
                throw new IOException(path + ": another framereel daemon is listening there");
            }
            Files.delete(path); // left by a daemon that died
        }
        Path bound = path.resolveSibling("." + path.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + STARTS.incrementAndGet() + ".new");
        Files.deleteIfExists(bound); // left by a process of the same pid that was killed half-way
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(bound)); // bind(2) and listen(2)
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-rw----"));
            if (group.isPresent()) {
                GroupPrincipal g = path.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(bound, PosixFileAttributeView.class).setGroup(g);
            }
            try {
                Files.createLink(path, bound);
            } catch (FileAlreadyExistsException raced) {
                throw new IOException("another framereel daemon started listening there at the same time", raced);
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw new IOException("control socket " + path + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(bound);
        }
        ControlServer s = new ControlServer(path, server, triggers, board);
        s.acceptor.start();
        LOG.log(System.Logger.Level.INFO, "control socket " + path + group.map(g -> " (group " + g + ")").orElse(""));
        return s;
    }

    private static boolean answers(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "control socket accept failed: " + e.getMessage());
                continue;
            }
            if (!clients.tryAcquire()) {
                reply(client, error("busy: " + MAX_CLIENTS + " clients connected"));
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(client);
                } finally {
                    clients.release();
                }
            }, "framereel-control-client");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel client) {
        String line;
        try {
            line = readLine(client);
        } catch (IOException e) {
            reply(client, error(e.getMessage()));
            return;
        }
        reply(client, execute(line));
    }

    /** Runs one command and returns the JSON reply. */
    String execute(String command) {
        switch (command.strip().toLowerCase(Locale.ROOT)) {
            case "start":
                triggers.start("control socket");
                return ok();
            case "stop":
                triggers.stop("control socket");
                return ok();
            case "toggle":
                triggers.toggle("control socket");
                return ok();
            case "snapshot":
                triggers.snapshot("control socket");
                return ok();
            case "status":
                return ok();
            default:
                return error("unknown command '" + command.strip() + "': expected start, stop, toggle, snapshot or "
                        + "status");
        }
    }

    private String ok() {
        String status = board.toJson();
        return "{\"ok\":true,\"recording_wanted\":" + triggers.wanted() + "," + status.substring(1);
    }

    private static String error(String message) {
        return "{\"ok\":false,\"error\":" + Json.string(message) + "}";
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(MAX_LINE);
        while (buf.hasRemaining()) {
            if (client.read(buf) < 0) {
                break;
            }
            for (int i = 0; i < buf.position(); i++) {
                if (buf.get(i) == '\n') {
                    return new String(buf.array(), 0, i, StandardCharsets.UTF_8);
                }
            }
        }
        if (!buf.hasRemaining()) {
            throw new IOException("command longer than " + MAX_LINE + " bytes");
        }
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static void reply(SocketChannel client, String json) {
        try (client) {
            ByteBuffer out = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "control client went away: " + e.getMessage());
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
