package io.framereel.capture.daemon;

import io.framereel.capture.json.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

    private final ControlSocketFile file;
    private final Path path;
    private final ServerSocketChannel server;
    private final Triggers triggers;
    private final StatusBoard board;
    private final Semaphore clients = new Semaphore(MAX_CLIENTS);
    private final Thread acceptor;

    private ControlServer(ControlSocketFile file, Triggers triggers, StatusBoard board) {
        this.file = file;
        this.path = file.path;
        this.server = file.server;
        this.triggers = triggers;
        this.board = board;
        this.acceptor = new Thread(this::acceptLoop, "framereel-control");
        this.acceptor.setDaemon(true);
    }

    /**
     * Claims {@code path} (replacing a stale socket a crashed daemon left, refusing while another daemon holds it;
     * see {@link ControlSocketFile}), restricted to owner and {@code group}, and starts accepting.
     */
    public static ControlServer start(Path path, java.util.Optional<String> group, Triggers triggers,
            StatusBoard board) throws IOException {
        ControlSocketFile file;
        try {
            file = ControlSocketFile.claim(path, group);
        } catch (IOException e) {
            throw new IOException("control socket " + path + ": " + e.getMessage(), e);
        }
        ControlServer s = new ControlServer(file, triggers, board);
        s.acceptor.start();
        LOG.log(System.Logger.Level.INFO, "control socket " + path + group.map(g -> " (group " + g + ")").orElse(""));
        return s;
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
        file.close();
    }
}
