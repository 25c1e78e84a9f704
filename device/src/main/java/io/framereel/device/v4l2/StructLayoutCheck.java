package io.framereel.device.v4l2;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Compares each JNA structure with its {@link V4l2Layouts} model on the running ABI: total size and the offset
 * of every field. The model is what gcc agrees with (see V4l2LayoutTableTest); JNA computes its own layout
 * from Java field types, so this catches a wrong field type on a platform the unit tests never ran on (the
 * armhf time_t choice above all). {@link #verifyOnce()} runs before the first device is opened.
 */
final class StructLayoutCheck {
    private StructLayoutCheck() {
    }

    /** The JNA twin of each model struct that has one. */
    static List<Twin> twins() {
        List<Twin> twins = new ArrayList<>();
        twins.add(new Twin(V4l2Layouts.TIMEVAL, BufferStructs.timeval::new));
        twins.add(new Twin(V4l2Layouts.V4L2_CAPABILITY, CapabilityStructs.v4l2_capability::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FMTDESC, FormatStructs.v4l2_fmtdesc::new));
        twins.add(new Twin(V4l2Layouts.V4L2_RECT, FormatStructs.v4l2_rect::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRACT, FormatStructs.v4l2_fract::new));
        twins.add(new Twin(V4l2Layouts.V4L2_PIX_FORMAT, FormatStructs.v4l2_pix_format::new));
        twins.add(new Twin(V4l2Layouts.V4L2_WINDOW, FormatStructs.v4l2_window::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FORMAT, FormatStructs.v4l2_format::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRMSIZE_DISCRETE, FormatStructs.v4l2_frmsize_discrete::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRMSIZE_STEPWISE, FormatStructs.v4l2_frmsize_stepwise::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRMSIZEENUM, FormatStructs.v4l2_frmsizeenum::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRMIVAL_STEPWISE, FormatStructs.v4l2_frmival_stepwise::new));
        twins.add(new Twin(V4l2Layouts.V4L2_FRMIVALENUM, FormatStructs.v4l2_frmivalenum::new));
        twins.add(new Twin(V4l2Layouts.V4L2_CAPTUREPARM, FormatStructs.v4l2_captureparm::new));
        twins.add(new Twin(V4l2Layouts.V4L2_STREAMPARM, FormatStructs.v4l2_streamparm::new));
        twins.add(new Twin(V4l2Layouts.V4L2_REQUESTBUFFERS, BufferStructs.v4l2_requestbuffers::new));
        twins.add(new Twin(V4l2Layouts.V4L2_TIMECODE, BufferStructs.v4l2_timecode::new));
        twins.add(new Twin(V4l2Layouts.V4L2_BUFFER, BufferStructs.v4l2_buffer::new));
        twins.add(new Twin(V4l2Layouts.V4L2_CONTROL, ControlStructs.v4l2_control::new));
        twins.add(new Twin(V4l2Layouts.V4L2_QUERYCTRL, ControlStructs.v4l2_queryctrl::new));
        twins.add(new Twin(V4l2Layouts.V4L2_QUERY_EXT_CTRL, ControlStructs.v4l2_query_ext_ctrl::new));
        twins.add(new Twin(V4l2Layouts.V4L2_QUERYMENU, ControlStructs.v4l2_querymenu::new));
        return twins;
    }

    /** Every difference between the JNA structures and the model under the ABI, one line each; empty if none. */
    static List<String> differences(Abi abi) {
        List<String> problems = new ArrayList<>();
        for (Twin twin : twins()) {
            NativeStruct s = twin.jna.get();
            CStruct model = twin.model;
            if (s.size() != model.size(abi)) {
                problems.add("struct " + model.name() + ": JNA size " + s.size() + ", C size " + model.size(abi));
            }
            for (String field : s.fieldNames()) {
                int jna = s.offsetOf(field);
                int c = model.offsetOf(abi, field);
                if (jna != c) {
                    problems.add("struct " + model.name() + "." + field + ": JNA offset " + jna + ", C offset " + c);
                }
            }
            if (!s.fieldNames().equals(model.memberNames())) {
                problems.add("struct " + model.name() + ": JNA fields " + s.fieldNames() + ", C members "
                        + model.memberNames());
            }
        }
        return problems;
    }

    /** Throws if the JNA structures disagree with the model on the running ABI; the comparison runs once per JVM. */
    static void verifyOnce() {
        if (!Verified.PROBLEMS.isEmpty()) {
            throw new IllegalStateException("V4L2 struct layouts do not match the C ABI " + Abi.current()
                    + " (set -D" + Abi.PROPERTY + " if the ABI was detected wrongly): " + Verified.PROBLEMS);
        }
    }

    private static final class Verified {
        static final List<String> PROBLEMS = differences(Abi.current());
    }

    /** A model struct and a factory for its JNA structure. */
    static final class Twin {
        final CStruct model;
        final Supplier<NativeStruct> jna;

        Twin(CStruct model, Supplier<NativeStruct> jna) {
            this.model = model;
            this.jna = jna;
        }
    }
}
