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
 * What the driver knows about one camera without streaming from it: its name, the pixel formats it can capture in
 * (those the driver converts to RGB, in {@link RgbFormat}'s order of preference) and the frame sizes each offers
 * (VIDIOC_ENUM_FMT, VIDIOC_ENUM_FRAMESIZES). A size is captured in the most preferred format that offers it: a
 * webcam with YUYV up to 640x480 and MJPEG up to 1920x1080 gives VGA as YUYV and full HD as MJPEG, as its users
 * expect from one list of sizes. Immutable.
 *
 * @param card    the camera's name (QUERYCAP card), e.g. "HD Pro Webcam C920", "vivid"
 * @param formats the capture formats with their sizes (smallest first), most preferred first; never empty
 * @param offered every format the camera offers, by fourcc, for messages
 */
record CameraProfile(String card, List<FormatSizes> formats, List<String> offered) {
    /** One capture format and the sizes it offers, smallest first; never empty. */
    record FormatSizes(RgbFormat format, List<Dimension> sizes) {
        FormatSizes {
            sizes = List.copyOf(sizes);
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("no frame size for " + format.fourccName());
            }
        }
    }

    /**
     * Drivers whose capture nodes are not cameras: the Raspberry Pi's ISP and codecs are memory-to-memory devices
     * whose capture side only returns what a program feeds the output side.
     */
    private static final Set<String> NOT_CAMERAS = Set.of("bcm2835-isp", "bcm2835-codec", "pispbe", "rpivid",
            "rpi-hevc-dec");

    /** Sizes offered from a stepwise or continuous range: the usual webcam sizes that fit, plus the largest. */
    private static final int[][] COMMON_SIZES = {{160, 120}, {176, 144}, {320, 240}, {352, 288}, {640, 360},
            {640, 480}, {800, 600}, {1024, 768}, {1280, 720}, {1280, 960}, {1600, 1200}, {1920, 1080}};

    private static final Comparator<Dimension> BY_AREA =
            Comparator.comparingLong((Dimension d) -> (long) d.width * d.height).thenComparingInt(d -> d.width);

    /** What webcam-capture users get unless they ask: VGA, the size its examples and panels assume. */
    private static final Dimension PREFERRED = new Dimension(640, 480);

    CameraProfile {
        formats = List.copyOf(formats);
        offered = List.copyOf(offered);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException(card + " offers no format the driver converts to RGB");
        }
    }

    /** True for a node that streams single-planar video frames from a camera (not metadata, output or an ISP). */
    static boolean isCamera(Capability cap) {
        return cap.canCaptureVideo() && cap.canStream() && !cap.isMetadataOnly() && !NOT_CAMERAS.contains(cap.driver());
    }

    /**
     * Reads the formats and sizes of an open camera: {@code pixelFormat} alone when given, else every format the
     * driver converts, in {@link RgbFormat}'s order of preference.
     *
     * @return empty when the camera offers no format the driver converts to RGB
     * @throws IllegalArgumentException when {@code pixelFormat} is given but the camera does not offer it
     */
    static Optional<CameraProfile> probe(V4l2Device device, String pixelFormat) throws V4l2Exception {
        String card = device.capability().card();
        List<String> offered = new ArrayList<>();
        List<RgbFormat> usable = new ArrayList<>();
        for (FormatDescription f : device.formats()) {
            offered.add(f.fourccName());
            RgbFormat candidate = RgbFormat.of(f.fourcc());
            boolean wanted = pixelFormat == null || pixelFormat.equals(f.fourccName());
            if (candidate != null && wanted && !usable.contains(candidate)) {
                usable.add(candidate);
            }
        }
        if (usable.isEmpty()) {
            if (pixelFormat != null) {
                throw new IllegalArgumentException(device.path() + " (" + card + ") does not offer " + pixelFormat
                        + "; it offers " + offered);
            }
            return Optional.empty();
        }
        usable.sort(Comparator.naturalOrder());
        List<FormatSizes> formats = new ArrayList<>();
        V4l2Exception firstFailure = null;
        for (RgbFormat format : usable) {
            // One format whose sizes cannot be read must not hide a camera that the others make usable.
            try {
                formats.add(new FormatSizes(format, sizes(device, format)));
            } catch (V4l2Exception e) {
                if (firstFailure == null) {
                    firstFailure = e;
                } else {
                    firstFailure.addSuppressed(e);
                }
            }
        }
        if (formats.isEmpty()) {
            throw firstFailure;
        }
        return Optional.of(new CameraProfile(card, formats, offered));
    }

    /** The format a size is captured in: the most preferred that offers it, else the most preferred of all. */
    RgbFormat formatFor(Dimension size) {
        for (FormatSizes f : formats) {
            if (f.sizes().contains(size)) {
                return f.format();
            }
        }
        return formats.get(0).format();
    }

    /** Every size some format offers, smallest first. */
    List<Dimension> resolutions() {
        List<Dimension> all = new ArrayList<>();
        for (FormatSizes f : formats) {
            for (Dimension d : f.sizes()) {
                if (!all.contains(d)) {
                    all.add(d);
                }
            }
        }
        all.sort(BY_AREA);
        return all;
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
        sizes.sort(BY_AREA);
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
        List<Dimension> resolutions = resolutions();
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
        List<Dimension> resolutions = resolutions();
        Dimension[] copy = new Dimension[resolutions.size()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = new Dimension(resolutions.get(i));
        }
        return copy;
    }
}
