package io.framereel.device.v4l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The live JNA structures against the layout model (and so against gcc) on the platform the tests run on. */
class JnaStructLayoutTest {
    @Test
    void jnaStructuresMatchTheModelOnTheRunningAbi() {
        assertEquals(List.of(), StructLayoutCheck.differences(Abi.current()));
    }

    @Test
    void everyModelStructExceptPollfdHasAJnaTwin() {
        assertEquals(V4l2Layouts.ALL.size() - 1, StructLayoutCheck.twins().size());
    }

    @Test
    void v4l2BufferIs88BytesWithTimestampAt24OnX8664() {
        assumeTrue(Abi.current() == Abi.X86_64, "x86_64 only");
        BufferStructs.v4l2_buffer buffer = new BufferStructs.v4l2_buffer();
        assertEquals(88, buffer.size());
        assertEquals(24, buffer.offsetOf("timestamp"));
        assertEquals(56, buffer.offsetOf("sequence"));
        assertEquals(64, buffer.offsetOf("m"));
        assertEquals(72, buffer.offsetOf("length"));
        assertEquals(208, new FormatStructs.v4l2_format().size());
        assertEquals(8, new FormatStructs.v4l2_format().offsetOf("fmt"));
        assertEquals(44, new ControlStructs.v4l2_querymenu().size());
    }

    @Test
    void modelDiffersFromJnaWhenEvaluatedForAnotherAbi() {
        // proves the comparison is not vacuous: the 32-bit layouts must not match the 64-bit JNA structures
        assumeTrue(Abi.current().pointerBytes() == 8, "64-bit JVM only");
        List<String> problems = StructLayoutCheck.differences(Abi.ARMHF_TIME32);
        assertEquals(true, problems.stream().anyMatch(p -> p.startsWith("struct v4l2_buffer: JNA size 88, C size 68")),
                problems.toString());
    }
}
