package io.framereel.device.hil;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs in the hil rig (tag "hil", run by {@code ./mvnw -Phil verify}): the rig is
 * required, every button is released before each test, and after each test no GPIO line may still be held.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("hil")
@ExtendWith(RigStateCheck.class)
public @interface HilTest {
}
