/**
 * framereel and webcam-capture (com.github.sarxos:webcam-capture 0.3.12), both ways round.
 *
 * <p>{@link io.framereel.webcam.V4l2Driver} is a webcam-capture driver on framereel's JNA V4L2 binding
 * ({@code io.framereel.device.v4l2}): {@code Webcam.setDriver(new V4l2Driver())} and webcam-capture programs run
 * on any Linux with V4L2, 64-bit ARM included, without BridJ. Its cameras are
 * {@link io.framereel.webcam.V4l2WebcamDevice}s.
 *
 * <p>{@link io.framereel.webcam.WebcamSource} goes the other way: any webcam-capture camera (macOS, Windows, IP
 * cameras) as a framereel recorder source. It needs framereel-capture on the classpath, an optional dependency of
 * this module.
 *
 * <p>See docs/webcam-capture.md.
 */
package io.framereel.webcam;
