package io.framereel.device.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.framereel.device.gpio.cdev.GpioChipDevice;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

// Scope: JNA types stay inside the binding package io.framereel.device.gpio.cdev: no other GPIO class refers to
// them, and the binding's public surface exposes none.
class JnaConfinementTest {

    private static final String JNA = "com/sun/jna/";

    private static Path gpioClasses() throws URISyntaxException {
        Path chipClass = Path.of(GpioChipDevice.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return chipClass.resolve("io/framereel/device/gpio");
    }

    @Test
    void noGpioClassOutsideTheBindingRefersToJna() throws Exception {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(gpioClasses())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                if (file.getParent().getFileName().toString().equals("cdev")) {
                    continue;
                }
                String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (constants.contains(JNA)) {
                    offenders.add(file.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theBindingsPublicApiExposesNoJnaType() throws Exception {
        List<String> leaks = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(gpioClasses().resolve("cdev"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = "io.framereel.device.gpio.cdev." + file.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name, false, getClass().getClassLoader());
                if (!Modifier.isPublic(c.getModifiers()) || !isReachable(c)) {
                    continue;
                }
                checked++;
                for (Method m : c.getDeclaredMethods()) {
                    if (visible(m.getModifiers())) {
                        check(leaks, m.toGenericString());
                    }
                }
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (visible(k.getModifiers())) {
                        check(leaks, k.toGenericString());
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    if (visible(f.getModifiers())) {
                        check(leaks, f.toGenericString());
                    }
                }
                check(leaks, String.valueOf(c.getGenericSuperclass()));
            }
        }
        assertTrue(checked >= 8, "checked only " + checked + " public binding classes");
        assertEquals(List.of(), leaks);
    }

    /** A nested class is reachable from outside only if every enclosing class is public too. */
    private static boolean isReachable(Class<?> c) {
        for (Class<?> outer = c.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            if (!Modifier.isPublic(outer.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(List<String> leaks, String signature) {
        if (signature.contains("com.sun.jna")) {
            leaks.add(signature);
        }
    }

    @Test
    void gpioClassesAreFoundWhereTheTestLooks() throws IOException, URISyntaxException {
        assertTrue(Files.isRegularFile(gpioClasses().resolve("GpioChip.class")), gpioClasses().toString());
    }
}
