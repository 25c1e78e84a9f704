package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The _IOC encoding and the V4L2 request numbers known from the kernel headers and v4l2-ctl. */
class IoctlTest {
    @Test
    void querycapIs0x80685600OnEveryAbi() {
        for (Abi abi : Abi.values()) {
            assertEquals(0x80685600, VideoIoctl.VIDIOC_QUERYCAP.request(abi), abi.id());
        }
    }

    @Test
    void dqbufEncodesTheV4l2BufferSizeOfEachAbi() {
        assertEquals(0xC0585611, VideoIoctl.VIDIOC_DQBUF.request(Abi.X86_64));
        assertEquals(0xC0585611, VideoIoctl.VIDIOC_DQBUF.request(Abi.AARCH64));
        assertEquals(0xC0445611, VideoIoctl.VIDIOC_DQBUF.request(Abi.ARMHF_TIME32));
        assertEquals(0xC0505611, VideoIoctl.VIDIOC_DQBUF.request(Abi.ARMHF_TIME64));
    }

    @Test
    void sFmtIs0xC0D05605On64BitAnd0xC0CC5605On32Bit() {
        assertEquals(0xC0D05605, VideoIoctl.VIDIOC_S_FMT.request(Abi.X86_64));
        assertEquals(0xC0CC5605, VideoIoctl.VIDIOC_S_FMT.request(Abi.ARMHF_TIME32));
    }

    @Test
    void streamonIsAWriteOfAnInt() {
        assertEquals(0x40045612, VideoIoctl.VIDIOC_STREAMON.request(Abi.X86_64));
    }

    @Test
    void directionBitsFollowTheGenericEncoding() {
        assertEquals(0x00005601, Ioctl.io('V', 1));
        assertEquals(0x80045601, Ioctl.ior('V', 1, 4));
        assertEquals(0x40045601, Ioctl.iow('V', 1, 4));
        assertEquals(0xC0045601, Ioctl.iowr('V', 1, 4));
    }

    @Test
    void sizeAndNumberDecodeBack() {
        int dqbuf = VideoIoctl.VIDIOC_DQBUF.request(Abi.X86_64);
        assertEquals(88, Ioctl.size(dqbuf));
        assertEquals(17, Ioctl.nr(dqbuf));
        assertEquals((1 << 14) - 1, Ioctl.size(Ioctl.iowr('V', 0, (1 << 14) - 1)));
    }

    @Test
    void rejectsArgumentsTooLargeForFourteenSizeBits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ioctl.iowr('V', 1, 1 << 14));
        assertEquals("ioctl argument size out of range: 16384", e.getMessage());
    }
}
