package io.framereel.device.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

// Scope: the package's public surface (SdNotify, its Result, Watchdog) shows no JNA type, and the JNA-backed
// classes stay package-private.
class SystemdApiTest {

    @Test
    void noPublicSignatureMentionsJna() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : List.of(SdNotify.class, SdNotify.Result.class, SdNotify.Result.Kind.class, Watchdog.class)) {
            Stream.of(c.getDeclaredMethods(), c.getDeclaredConstructors(), c.getDeclaredFields())
                    .flatMap(Stream::of)
                    .map(m -> (Member) m)
                    .filter(m -> Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                    .map(Object::toString)
                    .filter(s -> s.contains("com.sun.jna"))
                    .forEach(leaks::add);
        }
        assertEquals(List.of(), leaks);
    }

    @Test
    void theNativeBindingIsPackagePrivate() {
        assertFalse(Modifier.isPublic(LibC.class.getModifiers()));
        assertFalse(Modifier.isPublic(SockaddrUn.class.getModifiers()));
    }
}
