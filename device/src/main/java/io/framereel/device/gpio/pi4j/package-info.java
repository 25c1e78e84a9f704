/**
 * A Pi4J 2.8 plugin ({@link io.framereel.device.gpio.pi4j.CdevGpioPlugin}) whose digital input and output
 * providers run on framereel's GPIO character-device API, so Pi4J code works on any Linux architecture and on
 * gpio-sim. Registered for auto-detection in {@code META-INF/services/com.pi4j.extension.Plugin}.
 */
package io.framereel.device.gpio.pi4j;
