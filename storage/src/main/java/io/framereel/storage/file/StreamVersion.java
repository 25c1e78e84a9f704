package io.framereel.storage.file;

/** The stream versions we read; only {@link #V2_0} is written. */
public enum StreamVersion {
    /** ImageWriter era; RGB565 stored byte-swapped; old bpp type field. */
    V1_0(10),
    /** From firmware 3.9.2: RGB565 native little-endian. */
    V1_1(11),
    /** From firmware 4.2.1: full pixformat and size per chunk. The format we write. */
    V2_0(20),
    /** Read by the newest OpenMV IDE only: V2.0 with the elapsed field in microseconds. No writer is known. */
    V2_1(21);

    private final int code;

    StreamVersion(int code) {
        this.code = code;
    }

    /** The version as OpenMV's {@code version()} returns it: 10, 11, 20 or 21. */
    public int code() {
        return code;
    }

    public boolean isV1() {
        return code < 20;
    }

    public int chunkHeaderBytes() {
        return isV1() ? StreamFormat.V1_CHUNK_HEADER_BYTES : StreamFormat.V2_CHUNK_HEADER_BYTES;
    }

    /** Returns the version for a code, or null if we cannot read it. */
    public static StreamVersion fromCode(int code) {
        for (StreamVersion v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "V" + code / 10 + "." + code % 10;
    }
}
