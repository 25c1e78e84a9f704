package io.framereel.device.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@code NOTIFY_SOCKET} value as the bytes of a {@code struct sockaddr_un}: {@code sa_family_t
 * sun_family} (unsigned short, native byte order) then {@code char sun_path[108]}, 110 bytes on x86_64, aarch64 and
 * armhf alike (pinned by {@code SystemdLayoutTableTest} against gcc). The array is cut to the address length that
 * goes to sendto(2)/bind(2), which is {@code offsetof(sun_path)} plus:
 * <ul>
 * <li>for a path, its bytes and the terminating NUL (at most 107 bytes of path, so the NUL fits);</li>
 * <li>for {@code @name}, a NUL in place of the {@code @} and the name's bytes, no terminator: the abstract
 * namespace counts every byte up to the length, so passing the whole struct would name a different socket.</li>
 * </ul>
 * This is what libsystemd's {@code sockaddr_un_set_path} does. Stateless.
 */
final class SockaddrUn {
    /** sizeof(struct sockaddr_un). */
    static final int SIZE = 110;
    /** offsetof(struct sockaddr_un, sun_path); sun_family is the two bytes before it. */
    static final int PATH_OFFSET = 2;
    /** sizeof(sun_path). */
    static final int PATH_CAPACITY = 108;
    /** The longest path (without its NUL) or abstract name (without its leading NUL) that fits. */
    static final int MAX_NAME_BYTES = PATH_CAPACITY - 1;

    private SockaddrUn() {
    }

    /**
     * The sockaddr_un bytes for {@code address} (an absolute path, or {@code @} and an abstract name), exactly as
     * long as the address length to pass.
     *
     * @param variable the environment variable the address came from, for messages
     * @throws IllegalArgumentException if the address is neither form or does not fit in sun_path
     */
    static byte[] encode(String variable, String address) {
        boolean abstractName = address.startsWith("@");
        if (!abstractName && !address.startsWith("/")) {
            throw new IllegalArgumentException(variable + "=" + address
                    + " is neither an absolute path nor an @abstract socket name (other address families such as"
                    + " vsock: are not supported)");
        }
        byte[] name = (abstractName ? address.substring(1) : address).getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(variable + "=" + address + ": the " + (abstractName ? "abstract name"
                    : "path") + " is " + name.length + " bytes, but a sockaddr_un holds at most " + MAX_NAME_BYTES);
        }
        if (!abstractName && indexOfNul(name) >= 0) {
            throw new IllegalArgumentException(variable + "=" + address + ": a path cannot contain a NUL byte");
        }
        ByteBuffer b = ByteBuffer.allocate(PATH_OFFSET + 1 + name.length).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX);
        if (abstractName) {
            b.put((byte) 0).put(name);
        } else {
            b.put(name).put((byte) 0);
        }
        return b.array();
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
