package io.framereel.webcam;

import io.framereel.device.v4l2.Capability;
import io.framereel.device.v4l2.FormatDescription;
import io.framereel.device.v4l2.FrameSize;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Exception;
import io.framereel.device.v4l2.VideoFormat;

import java.awt.Dimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the driver knows about one camera without streaming from it: its name, the pixel format it will capture
 * in, and the frame sizes that format offers (VIDIOC_ENUM_FMT, VIDIOC_ENUM_FRAMESIZES). Immutable.
 *
 * @param card        the camera's name (QUERYCAP card), e.g. "HD Pro Webcam C920", "vivid"
 * @param format      the format frames are captured in
 * @param resolutions the sizes of that format, smallest first
 * @param offered     every format the camera offers, by fourcc, for messages
 */
record CameraProfile(String card, RgbFormat format, List<Dimension> resolutions, List<String> offered) {
    /**
     * Drivers whose capture nodes are not cameras: the Raspberry Pi's ISP and codecs are memory-to-memory devices
     * whose capture side only returns what a program feeds the output side.
     */
    private static final Set<String> NOT_CAMERAS = Set.of("bcm2835-isp", "bcm2835-codec", "pispbe", "rpivid",
            "rpi-hevc-dec");

    /** Sizes offered from a stepwise or continuous range: the usual webcam sizes that fit, plus the largest. */
    private static final int[][] COMMON_SIZES = {{160, 120}, {176, 144}, {320, 240}, {352, 288}, {640, 360},
            {640, 480}, {800, 600}, {1024, 768}, {1280, 720}, {1280, 960}, {1600, 1200}, {1920, 1080}};

    /** What webcam-capture users get unless they ask: VGA, the size its examples and panels assume. */
    private static final Dimension PREFERRED = new Dimension(640, 480);

    CameraProfile {
        resolutions = List.copyOf(resolutions);
        offered = List.copyOf(offered);
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException(card + " offers no frame size for " + format.fourccName());
        }
    }

    /** True for a node that streams single-planar video frames from a camera (not metadata, output or an ISP). */
    static boolean isCamera(Capability cap) {
        return cap.canCaptureVideo() && cap.canStream() && !cap.isMetadataOnly() && !NOT_CAMERAS.contains(cap.driver());
    }

    /**
     * Reads the formats and sizes of an open camera and picks the capture format: {@code pixelFormat} when given,
     * else the first of {@link RgbFormat}'s preference order the camera offers.
     *
     * @return empty when the camera offers no format the driver converts to RGB
     * @throws IllegalArgumentException when {@code pixelFormat} is given but the camera does not offer it
     */
    static Optional<CameraProfile> probe(V4l2Device device, String pixelFormat) throws V4l2Exception {
        String card = device.capability().card();
        List<String> offered = new ArrayList<>();
        RgbFormat chosen = null;
        for (FormatDescription f : device.formats()) {
            offered.add(f.fourccName());
            RgbFormat candidate = RgbFormat.of(f.fourcc());
            boolean wanted = pixelFormat == null || pixelFormat.equals(f.fourccName());
            if (candidate != null && wanted && (chosen == null || candidate.ordinal() < chosen.ordinal())) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            if (pixelFormat != null) {
                throw new IllegalArgumentException(device.path() + " (" + card + ") does not offer " + pixelFormat
                        + "; it offers " + offered);
            }
            return Optional.empty();
        }
        return Optional.of(new CameraProfile(card, chosen, sizes(device, chosen), offered));
    }

    private static List<Dimension> sizes(V4l2Device device, RgbFormat format) throws V4l2Exception {
        List<Dimension> sizes = new ArrayList<>();
        for (FrameSize s : device.frameSizes(format.fourcc())) {
            if (s.discrete()) {
                add(sizes, s.minWidth(), s.minHeight());
                continue;
            }
            for (int[] common : COMMON_SIZES) {
                if (s.allows(common[0], common[1])) {
                    add(sizes, common[0], common[1]);
                }
            }
            add(sizes, s.maxWidth(), s.maxHeight());
        }
        if (sizes.isEmpty()) {
            // The driver does not enumerate sizes: offer the one it would give for VGA.
            VideoFormat tried = device.tryFormat(VideoFormat.of(format.fourcc(), PREFERRED.width, PREFERRED.height));
            add(sizes, tried.width(), tried.height());
        }
        sizes.sort(Comparator.comparingLong((Dimension d) -> (long) d.width * d.height).thenComparingInt(d -> d.width));
        return sizes;
    }

    private static void add(List<Dimension> sizes, int width, int height) {
        Dimension d = new Dimension(width, height);
        if (width > 0 && height > 0 && !sizes.contains(d)) {
            sizes.add(d);
        }
    }

    /** 640x480 when offered; else the largest size below it; else the smallest there is. */
    Dimension defaultResolution() {
        if (resolutions.contains(PREFERRED)) {
            return new Dimension(PREFERRED);
        }
        Dimension best = resolutions.get(0);
        for (Dimension d : resolutions) {
            if (d.width <= PREFERRED.width && d.height <= PREFERRED.height) {
                best = d;
            }
        }
        return new Dimension(best);
    }

    /** The resolutions as webcam-capture takes them: a new array of new Dimensions (callers may change them). */
    Dimension[] resolutionArray() {
        Dimension[] copy = new Dimension[resolutions.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = new Dimension(resolutions.get(i));
        }
        return copy;
    }
}
