package io.framereel.device.v4l2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A C struct or union in the pure-Java layout model, laid out with gcc's rules: each member at the next
 * multiple of its alignment (or packed at byte granularity), the whole rounded up to the largest alignment.
 * Anonymous members (the unnamed unions in {@code v4l2_buffer} or {@code v4l2_frmsizeenum}) are looked
 * through when resolving a path, as C does; they carry the name the JNA structure gives them.
 *
 * <p>This is the single source of truth for sizes and offsets: V4l2LayoutTableTest checks it against gcc
 * for every ABI, the JNA structures are checked against it on the running platform, and ioctl numbers and the
 * capture loop's field offsets come from it. Immutable and thread-safe.
 */
final class CStruct implements CType {
    private final String name;
    private final boolean union;
    private final boolean packed;
    private final List<Member> members;

    private CStruct(String name, boolean union, boolean packed, List<Member> members) {
        this.name = name;
        this.union = union;
        this.packed = packed;
        this.members = Collections.unmodifiableList(new ArrayList<>(members));
    }

    /** Starts a struct named as in C, without the {@code struct} keyword. */
    static Builder struct(String name) {
        return new Builder(name, false);
    }

    /** Starts a union; inline unions get a descriptive name for messages only. */
    static Builder union(String name) {
        return new Builder(name, true);
    }

    /** The C tag, e.g. {@code v4l2_buffer}. */
    String name() {
        return name;
    }

    /** Member names in declaration order, anonymous members under their JNA field name. */
    List<String> memberNames() {
        List<String> names = new ArrayList<>(members.size());
        for (Member m : members) {
            names.add(m.name);
        }
        return names;
    }

    @Override
    public int size(Abi abi) {
        int end = 0;
        for (Member m : members) {
            int start = union ? 0 : offsetAfter(end, m.type, abi);
            end = Math.max(end, start + m.type.size(abi));
        }
        return roundUp(end, alignment(abi));
    }

    @Override
    public int alignment(Abi abi) {
        if (packed) {
            return 1;
        }
        int alignment = 1;
        for (Member m : members) {
            alignment = Math.max(alignment, m.type.alignment(abi));
        }
        return alignment;
    }

    /**
     * The byte offset of a member path such as {@code timestamp.tv_usec} or {@code fmt.pix.width}.
     *
     * @throws IllegalArgumentException naming the struct and the path when a member does not exist
     */
    int offsetOf(Abi abi, String path) {
        int offset = resolve(abi, path.split("\\."), 0);
        if (offset < 0) {
            throw new IllegalArgumentException("struct " + name + " has no member " + path);
        }
        return offset;
    }

    /** Returns the offset of path[from..] inside this struct, or -1. */
    private int resolve(Abi abi, String[] path, int from) {
        int end = 0;
        for (Member m : members) {
            int start = union ? 0 : offsetAfter(end, m.type, abi);
            end = start + m.type.size(abi);
            if (m.name.equals(path[from])) {
                if (from == path.length - 1) {
                    return start;
                }
                if (m.type instanceof CStruct) {
                    int inner = ((CStruct) m.type).resolve(abi, path, from + 1);
                    return inner < 0 ? -1 : start + inner;
                }
                return -1;
            }
            if (m.anonymous && m.type instanceof CStruct) {
                int inner = ((CStruct) m.type).resolve(abi, path, from);
                if (inner >= 0) {
                    return start + inner;
                }
            }
        }
        return -1;
    }

    private int offsetAfter(int end, CType type, Abi abi) {
        return packed ? end : roundUp(end, type.alignment(abi));
    }

    private static int roundUp(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }

    @Override
    public String toString() {
        return (union ? "union " : "struct ") + name;
    }

    private static final class Member {
        final String name;
        final CType type;
        final boolean anonymous;

        Member(String name, CType type, boolean anonymous) {
            this.name = name;
            this.type = type;
            this.anonymous = anonymous;
        }
    }

    /** Collects members in declaration order. Not thread-safe. */
    static final class Builder {
        private final String name;
        private final boolean union;
        private boolean packed;
        private final List<Member> members = new ArrayList<>();

        private Builder(String name, boolean union) {
            this.name = name;
            this.union = union;
        }

        /** {@code __attribute__((packed))}: no padding anywhere, alignment 1. */
        Builder packed() {
            packed = true;
            return this;
        }

        Builder field(String memberName, CType type) {
            members.add(new Member(memberName, type, false));
            return this;
        }

        /** An unnamed struct or union member; {@code jnaName} is what the JNA structure calls it. */
        Builder anonymous(String jnaName, CStruct type) {
            members.add(new Member(jnaName, type, true));
            return this;
        }

        CStruct build() {
            if (members.isEmpty()) {
                throw new IllegalStateException("struct " + name + " has no members");
            }
            return new CStruct(name, union, packed, members);
        }
    }
}
