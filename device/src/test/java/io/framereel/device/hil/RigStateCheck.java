package io.framereel.device.hil;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Puts the simulated world at rest before each hil test and checks the test left the GPIO chip free after it. */
final class RigStateCheck implements BeforeEachCallback, AfterEachCallback {
    @Override
    public void beforeEach(ExtensionContext context) {
        Rig rig = Rig.require();
        if (rig.hasGpio()) {
            rig.gpio().releaseAll();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Rig rig = Rig.require();
        if (!rig.hasGpio()) {
            return;
        }
        try {
            rig.gpio().assertIdle();
        } catch (AssertionError e) {
            throw new AssertionError(context.getDisplayName() + " left the rig in a bad state: " + e.getMessage(), e);
        } finally {
            rig.gpio().releaseAll();
        }
    }
}
