package io.framereel.capture.daemon;

import io.framereel.capture.source.StreamShape;
import io.framereel.device.drm.DrmScreen;
import io.framereel.device.drm.DrmTarget;
import io.framereel.device.fb.Framebuffer;
import io.framereel.device.fb.FramebufferDisplay;
import io.framereel.device.fb.Screen;
import io.framereel.device.shm.RegionFormat;
import io.framereel.device.shm.RegionSpec;
import io.framereel.device.shm.SharedFrameWriter;
import io.framereel.storage.Image;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Shows live frames while the daemon runs: in the shared frame region other processes read
 * (docs/shared-frames.md), or on a framebuffer or a KMS display. At most {@code display.fps} frames a second go
 * out, chosen by capture time so the rate holds whatever the camera's. A display that fails is reported once per failure streak
 * and retried with the next frame: a broken screen must never stop a recording. Confined to the recorder's
 * writer thread.
 */
final class LiveView implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LiveView.class.getName());

    /** Shows one frame. */
    private interface Sink extends AutoCloseable {
        void show(Image frame) throws IOException;

        @Override
        void close();
    }

    private final Sink sink;
    private final String name;
    private final long minIntervalNanos;
    private long lastShownNanos = Long.MIN_VALUE;
    private boolean failing;
    private long shown;

    private LiveView(Sink sink, String name, double fps) {
        this.sink = sink;
        this.name = name;
        this.minIntervalNanos = fps > 0 ? (long) (1e9 / fps) : 0;
    }

    /**
     * Opens {@code target} ({@code shm:NAME}, {@code shm:/path}, {@code fb}, {@code fb:DEV}, {@code drm[:CARD][,...]})
     * for frames of {@code shape}.
     */
    static LiveView open(String target, StreamShape shape, double fps) throws IOException {
        if (target.startsWith("shm:")) {
            String n = target.substring(4);
            Path region = n.contains("/") ? Path.of(n) : Path.of("/dev/shm", "framereel-" + n);
            SharedFrameWriter writer = SharedFrameWriter.create(region,
                    RegionSpec.of(RegionFormat.RGB565, shape.width(), shape.height()));
            return new LiveView(new Sink() {
                @Override
                public void show(Image frame) throws IOException {
                    writer.publish(frame);
                }

                @Override
                public void close() {
                    writer.close();
                }
            }, region.toString(), fps);
        }
        if (DrmTarget.matches(target)) {
            DrmScreen screen = DrmScreen.open(DrmTarget.parse(target));
            return onScreen(screen, screen.toString(), fps);
        }
        String selector = target.equals("fb") ? "fb0" : target.substring(3);
        Framebuffer fb = Framebuffer.open(Framebuffer.find(selector));
        return onScreen(fb, fb.toString(), fps);
    }

    /** Frames drawn on {@code screen} (a framebuffer or a KMS display), which the view owns and closes. */
    private static <S extends Screen & AutoCloseable> LiveView onScreen(S screen, String name, double fps) {
        FramebufferDisplay display = new FramebufferDisplay(screen);
        return new LiveView(new Sink() {
            @Override
            public void show(Image frame) throws IOException {
                display.show(frame);
            }

            @Override
            public void close() {
                try {
                    screen.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "closing " + name + ": " + e.getMessage());
                }
            }
        }, name, fps);
    }

    /** Shows {@code frame} unless one was shown less than a display interval ago (by capture time). */
    void offer(Image frame) {
        long ts = frame.timestampNanos();
        if (minIntervalNanos > 0 && lastShownNanos != Long.MIN_VALUE && ts - lastShownNanos < minIntervalNanos) {
            return;
        }
        lastShownNanos = ts;
        try {
            sink.show(frame);
            shown++;
            if (failing) {
                failing = false;
                LOG.log(System.Logger.Level.INFO, "live view " + name + " works again");
            }
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(System.Logger.Level.WARNING, "live view " + name + " failed (recording goes on): "
                        + e.getMessage());
            }
        }
    }

    long shown() {
        return shown;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        sink.close();
    }
}
