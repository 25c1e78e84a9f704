package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.libc.Errno;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device API over a fake kernel: capabilities, format enumeration, format and rate setting, controls. */
class V4l2DeviceTest {
    private static final String PATH = "/dev/fake0";
    private FakeCamera camera;
    private V4l2Device device;

    @BeforeEach
    void open() throws V4l2Exception {
        camera = new FakeCamera(Abi.current(), PATH);
        device = V4l2Device.open(camera, Abi.current(), PATH);
    }

    @AfterEach
    void close() throws V4l2Exception {
        device.close();
    }

    @Test
    void querycapDecodesNamesAndUsesDeviceCaps() {
        Capability cap = device.capability();
        assertEquals("fake", cap.driver());
        assertEquals("Fake Camera", cap.card());
        assertEquals("platform:fake-000", cap.busInfo());
        assertEquals("6.1.0", cap.versionString());
        assertTrue(cap.canCaptureVideo());
        assertTrue(cap.canStream());
    }

    @Test
    void listsFormatsUntilTheDriverSaysEinval() throws V4l2Exception {
        List<FormatDescription> formats = device.formats();
        assertEquals(2, formats.size());
        assertEquals("YUYV", formats.get(0).fourccName());
        assertEquals("YUYV 4:2:2", formats.get(0).description());
        assertEquals(FourCc.GREY, formats.get(1).fourcc());
    }

    @Test
    void listsDiscreteAndStepwiseFrameSizes() throws V4l2Exception {
        assertEquals(List.of(FrameSize.of(640, 480), FrameSize.of(1280, 720)), device.frameSizes(FourCc.YUYV));
        List<FrameSize> grey = device.frameSizes(FourCc.GREY);
        assertEquals(1, grey.size());
        assertEquals(new FrameSize(false, 16, 1920, 16, 16, 1080, 8), grey.get(0));
        assertTrue(grey.get(0).allows(640, 480));
        assertFalse(grey.get(0).allows(641, 480));
    }

    @Test
    void listsFrameIntervals() throws V4l2Exception {
        List<FrameInterval> intervals = device.frameIntervals(FourCc.YUYV, 640, 480);
        assertEquals(List.of(FrameInterval.of(new Fraction(1, 30)), FrameInterval.of(new Fraction(1, 60))), intervals);
    }

    @Test
    void setFormatReturnsTheDriversStrideAndImageSize() throws V4l2Exception {
        VideoFormat actual = device.setFormat(VideoFormat.of(FourCc.YUYV, 1280, 720));
        assertEquals(2560, actual.bytesPerLine());
        assertEquals(1280 * 720 * 2, actual.sizeImage());
        assertEquals(actual, device.format());
    }

    @Test
    void setFormatRefusesADriverSubstitutionNamingBothFormats() {
        V4l2Exception e = assertThrows(V4l2Exception.class,
                () -> device.setFormat(VideoFormat.of(FourCc.MJPEG, 640, 480)));
        assertEquals("/dev/fake0: VIDIOC_S_FMT failed: EINVAL (format MJPG 640x480 not supported, driver offers"
                + " YUYV 640x480)", e.getMessage());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("VIDIOC_S_FMT", e.operation());
        assertEquals(PATH, e.device());
    }

    @Test
    void tryFormatDoesNotChangeTheFormat() throws V4l2Exception {
        VideoFormat tried = device.tryFormat(VideoFormat.of(FourCc.GREY, 4000, 3000));
        assertEquals(VideoFormat.of(FourCc.GREY, 1920, 1080).toString(), tried.toString());
        assertEquals("YUYV 640x480", device.format().toString());
    }

    @Test
    void ioctlErrorsNameDevicePathIoctlAndErrno() {
        camera.failNext.put(VideoIoctl.VIDIOC_G_FMT, Errno.EIO);
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.format());
        assertEquals("/dev/fake0: VIDIOC_G_FMT failed: EIO", e.getMessage());
    }

    @Test
    void eintrIsRetried() throws V4l2Exception {
        camera.eintrBeforeNextIoctl = 3;
        assertEquals("YUYV 640x480", device.format().toString());
    }

    @Test
    void setsAndReadsTheFrameRate() throws V4l2Exception {
        assertEquals(new Fraction(1, 30), device.frameInterval());
        assertEquals(new Fraction(1, 60), device.setFrameInterval(Fraction.perSecond(60)));
        assertEquals(60.0, device.frameInterval().framesPerSecond());
    }

    @Test
    void listsControlsWithMenusAndSkipsClassHeadings() throws V4l2Exception {
        List<ControlInfo> controls = device.controls();
        assertEquals(List.of("brightness", "power_line_frequency"), controls.stream().map(ControlInfo::key).toList());
        ControlInfo power = controls.get(1);
        assertTrue(power.isMenu());
        assertEquals(List.of(new MenuItem(0, "Disabled", 0), new MenuItem(1, "50 Hz", 1), new MenuItem(2, "60 Hz", 2)),
                power.menu());
    }

    @Test
    void setsControlsByNameKeyIdAndMenuEntry() throws V4l2Exception {
        assertEquals(200, device.set("Brightness", "200"));
        assertEquals(200, device.get("brightness"));
        assertEquals(2, device.set("power_line_frequency", "60 Hz"));
        assertEquals(0, device.set(String.format("0x%08x", Videodev2.V4L2_CID_POWER_LINE_FREQUENCY), "disabled"));
        assertEquals(0, device.get("Power Line Frequency"));
    }

    @Test
    void controlValueOutsideTheRangeIsRefusedBeforeTheIoctl() {
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.set("brightness", "300"));
        assertEquals("/dev/fake0: VIDIOC_S_CTRL failed: ERANGE (brightness=300 outside 0..255)", e.getMessage());
    }

    @Test
    void unknownControlListsTheAvailableOnes() {
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> device.get("exposure"));
        assertTrue(e.getMessage().endsWith("(no control exposure; available: [brightness, power_line_frequency])"),
                e.getMessage());
    }

    @Test
    void openingAMissingDeviceNamesPathAndErrno() {
        V4l2Exception e = assertThrows(V4l2Exception.class, () -> V4l2Device.open(camera, Abi.current(), "/dev/nope"));
        assertEquals("/dev/nope: open failed: ENOENT", e.getMessage());
    }

    @Test
    void closeIsSafeTwice() throws V4l2Exception {
        device.close();
        device.close();
        assertEquals(1, camera.closes);
    }
}
