package io.framereel.capture.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading SensorTimestamps out of rpicam-vid's --metadata-format json, frame by frame, chunk by chunk. */
class RpicamMetadataParserTest {
    /** Two frames as rpicam-vid's write_metadata lays them out (the second object's brace not yet flushed). */
    private static final String RPICAM_JSON = "[\n"
            + "{\n"
            + "    \"ExposureTime\": 29994,\n"
            + "    \"SensorTimestamp\": 1234567890123,\n"
            + "    \"ScalerCrop\": \"(0, 0)/4608x2592\",\n"
            + "    \"ColourGains\": [ 1.91, 1.62 ],\n"
            + "    \"FrameDuration\": 33333\n"
            + "},\n"
            + "{\n"
            + "    \"SensorTimestamp\": 1234601223456,\n"
            + "    \"Lux\": 312.5\n";

    /** Records what the parser reports: "start" per object, the timestamps as numbers. */
    private static final class Events implements RpicamMetadataParser.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void objectStarted() {
            events.add("start");
        }

        @Override
        public void sensorTimestamp(long nanos) {
            events.add(Long.toString(nanos));
        }
    }

    private static List<String> parse(String json, int chunk) {
        Events events = new Events();
        RpicamMetadataParser parser = new RpicamMetadataParser(events);
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += chunk) {
            parser.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return events.events;
    }

    @Test
    void reportsEachFramesSensorTimestampAsSoonAsItsNumberEnds() {
        assertEquals(List.of("start", "1234567890123", "start", "1234601223456"), parse(RPICAM_JSON, 4096));
    }

    @Test
    void givesTheSameEventsFedOneByteAtATimeOrSplitAnywhere() {
        List<String> whole = parse(RPICAM_JSON, 4096);
        for (int chunk = 1; chunk < 40; chunk++) {
            assertEquals(whole, parse(RPICAM_JSON, chunk), "chunks of " + chunk + " bytes");
        }
    }

    @Test
    void aFrameWithoutSensorTimestampStillCountsAsAFrame() {
        String json = "[\n{\n    \"Lux\": 4.0\n},\n{\n    \"SensorTimestamp\": 99\n}\n]\n";
        assertEquals(List.of("start", "start", "99"), parse(json, 4096));
    }

    @Test
    void onlyTopLevelKeysOfAFrameObjectCount() {
        String json = "[{\"Note\": \"{\\\"SensorTimestamp\\\": 1}\", \"Nested\": {\"SensorTimestamp\": 2},"
                + " \"List\": [ {\"SensorTimestamp\": 3} ], \"SensorTimestamp\": 4}]";
        assertEquals(List.of("start", "4"), parse(json, 4096));
    }

    @Test
    void zeroAndNonNumbersAreNoTimestamp() {
        String json = "[{\"SensorTimestamp\": 0},{\"SensorTimestamp\": null},{\"SensorTimestamp\": \"7\"},"
                + "{\"SensorTimestamp\": -5}]";
        assertEquals(List.of("start", "start", "start", "start"), parse(json, 4096));
    }
}
