package io.framereel.device.v4l2;

/**
 * A C type in the pure-Java layout model: its size and alignment under each {@link Abi}. The model computes
 * what gcc computes for the V4L2 headers, for every supported ABI at once, so the layouts of platforms other
 * than the running one can be checked on any machine (see {@link CStruct}). Implementations are immutable.
 */
interface CType {
    /** sizeof under the ABI. */
    int size(Abi abi);

    /** _Alignof under the ABI. */
    int alignment(Abi abi);

    /** The scalar types the V4L2 headers use, named after their C spelling. */
    enum Scalar implements CType {
        U8, S8, U16, S16, U32, S32, U64, S64,
        /** {@code long} / {@code unsigned long}. */
        LONG,
        /** Any data pointer. */
        POINTER,
        /** {@code time_t} and {@code suseconds_t} inside {@code struct timeval}. */
        TIME;

        @Override
        public int size(Abi abi) {
            switch (this) {
                case U8: case S8: return 1;
                case U16: case S16: return 2;
                case U32: case S32: return 4;
                case U64: case S64: return 8;
                case LONG: return abi.longBytes();
                case POINTER: return abi.pointerBytes();
                case TIME: return abi.timeBytes();
                default: throw new AssertionError(this);
            }
        }

        @Override
        public int alignment(Abi abi) {
            int size = size(abi);
            return size == 8 ? abi.int64Alignment() : size;
        }
    }

    /** {@code element[length]}. */
    static CType array(CType element, int length) {
        return new ArrayOf(element, length);
    }

    /** A fixed-length array; aligned like its element. */
    final class ArrayOf implements CType {
        private final CType element;
        private final int length;

        ArrayOf(CType element, int length) {
            if (length <= 0) {
                throw new IllegalArgumentException("array length <= 0: " + length);
            }
            this.element = element;
            this.length = length;
        }

        @Override
        public int size(Abi abi) {
            return element.size(abi) * length;
        }

        @Override
        public int alignment(Abi abi) {
            return element.alignment(abi);
        }
    }
}
