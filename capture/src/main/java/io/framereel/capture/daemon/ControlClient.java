package io.framereel.capture.daemon;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Sends one command to a daemon's {@link ControlServer} and returns its JSON reply line. */
public final class ControlClient {
    private ControlClient() {
    }

    /**
     * @throws IOException naming the socket when no daemon listens there, or it closes without replying
     */
    public static String send(Path socket, String command) throws IOException {
        SocketChannel c;
        try {
            c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException("cannot reach the framereel daemon at " + socket + " (" + e.getMessage()
                    + "); is it running, and are you in its control group?", e);
        }
        try (c) {
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                c.write(out);
            }
            ByteBuffer in = ByteBuffer.allocate(16 << 10);
            while (in.hasRemaining() && c.read(in) >= 0) {
                if (in.position() > 0 && in.get(in.position() - 1) == '\n') {
                    break;
                }
            }
            String reply = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8).strip();
            if (reply.isEmpty()) {
                throw new IOException("the framereel daemon at " + socket + " closed the connection without a reply");
            }
            return reply;
        }
    }
}
