package io.framereel.device.gpio.button;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Scope: the trigger modes (toggle, start/stop, hold-to-record) with and without long presses, end to end from
// Pi4J mock button lines through Button and RecordControl to the recorder commands.
class RecordControlTest {

    private final MockButtons rig = new MockButtons();
    private final FakeRecorder recorder = new FakeRecorder();
    private final ButtonConfig withLong = ButtonConfig.defaults(); // active-low, 10 ms, 800 ms
    private final ButtonConfig noLong = withLong.withLongPress(Duration.ZERO);

    /** Records commands as "start@ms", "stop@ms", "snapshot@ms". */
    private final class FakeRecorder implements Recorder {
        final List<String> commands = new ArrayList<>();
        boolean recording;

        @Override
        public boolean isRecording() {
            return recording;
        }

        @Override
        public void startRecording(long atNanos) {
            recording = true;
            commands.add("start@" + rig.ms(atNanos));
        }

        @Override
        public void stopRecording(long atNanos) {
            recording = false;
            commands.add("stop@" + rig.ms(atNanos));
        }

        @Override
        public void snapshot(long atNanos) {
            commands.add("snapshot@" + rig.ms(atNanos));
        }
    }

    @AfterEach
    void shutdown() {
        rig.close();
    }

    private void click(MockDigitalInput line, ButtonConfig config, long heldMs) {
        rig.press(line, config);
        rig.advanceMs(heldMs);
        rig.release(line, config);
    }

    @Test
    void toggleWithoutLongPressStartsAndStopsOnEachPress() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.TOGGLE, false, recorder);
        MockDigitalInput rec = rig.button("rec", noLong, control.primaryButton());
        rig.advanceMs(100);
        rig.press(rec, noLong);
        assertEquals(List.of("start@100"), recorder.commands, "starts on the press, not the release");
        rig.advanceMs(2000);
        rig.release(rec, noLong);
        rig.advanceMs(1000);
        click(rec, noLong, 50);
        assertEquals(List.of("start@100", "stop@3100"), recorder.commands);
    }

    @Test
    void toggleWithLongPressTogglesOnShortPressAndSnapshotsOnLongPress() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.TOGGLE, true, recorder);
        MockDigitalInput rec = rig.button("rec", withLong, control.primaryButton());
        click(rec, withLong, 200);
        assertEquals(List.of("start@200"), recorder.commands, "a short press acts on release");
        rig.advanceMs(1000);
        click(rec, withLong, 1500);
        assertEquals(List.of("start@200", "snapshot@1200"), recorder.commands,
                "a long press takes a snapshot dated at the press and keeps recording");
        assertTrue(recorder.recording);
        rig.advanceMs(100);
        click(rec, withLong, 100);
        assertEquals(List.of("start@200", "snapshot@1200", "stop@2900"), recorder.commands);
    }

    @Test
    void startStopButtonsOnlyStartAndOnlyStop() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.START_STOP, false, recorder);
        MockDigitalInput start = rig.button("start", noLong, control.primaryButton());
        MockDigitalInput stop = rig.button("stop", noLong, control.stopButton());
        click(stop, noLong, 50);
        rig.advanceMs(50);
        click(start, noLong, 50);
        rig.advanceMs(50);
        click(start, noLong, 50);
        rig.advanceMs(50);
        click(stop, noLong, 50);
        rig.advanceMs(50);
        click(stop, noLong, 50);
        assertEquals(List.of("start@100", "stop@300"), recorder.commands);
    }

    @Test
    void startStopWithLongPressSnapshotsOnALongPressOfStart() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.START_STOP, true, recorder);
        MockDigitalInput start = rig.button("start", withLong, control.primaryButton());
        MockDigitalInput stop = rig.button("stop", withLong, control.stopButton());
        click(start, withLong, 900);
        assertEquals(List.of("snapshot@0"), recorder.commands);
        assertFalse(recorder.recording);
        rig.advanceMs(100);
        click(start, withLong, 100);
        rig.advanceMs(100);
        rig.press(stop, withLong);
        assertEquals(List.of("snapshot@0", "start@1100", "stop@1200"), recorder.commands,
                "stop acts on the press even with long presses enabled");
    }

    @Test
    void holdToRecordWithoutLongPressRecordsExactlyWhileHeld() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.HOLD, false, recorder);
        MockDigitalInput rec = rig.button("rec", noLong, control.primaryButton());
        rig.advanceMs(10);
        click(rec, noLong, 3000);
        assertEquals(List.of("start@10", "stop@3010"), recorder.commands);
    }

    @Test
    void holdToRecordWithLongPressSnapshotsOnATapAndBackDatesAHold() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.HOLD, true, recorder);
        MockDigitalInput rec = rig.button("rec", withLong, control.primaryButton());
        click(rec, withLong, 150);
        assertEquals(List.of("snapshot@0"), recorder.commands);
        rig.advanceMs(850);
        rig.press(rec, withLong);
        rig.advanceMs(799);
        assertEquals(List.of("snapshot@0"), recorder.commands, "not recording before the threshold");
        rig.advanceMs(1);
        assertEquals(List.of("snapshot@0", "start@1000"), recorder.commands,
                "the recording starts at the threshold, dated at the press");
        rig.advanceMs(2200);
        rig.release(rec, withLong);
        assertEquals(List.of("snapshot@0", "start@1000", "stop@4000"), recorder.commands);
    }

    @Test
    void holdReleaseDoesNotStopARecordingItDidNotStart() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.HOLD, false, recorder);
        MockDigitalInput rec = rig.button("rec", noLong, control.primaryButton());
        recorder.recording = true; // started elsewhere, e.g. by the daemon's schedule
        click(rec, noLong, 500);
        assertEquals(List.of(), recorder.commands);
        assertTrue(recorder.recording);
    }

    @Test
    void theStopListenerIgnoresEverythingOutsideStartStopMode() throws IOException {
        RecordControl control = new RecordControl(TriggerMode.TOGGLE, false, recorder);
        MockDigitalInput other = rig.button("other", noLong, control.stopButton());
        recorder.recording = true;
        click(other, noLong, 50);
        assertEquals(List.of(), recorder.commands);
    }
}
