/**
 * The shared framebuffer region: a file in {@code /dev/shm} (or the daemon's runtime directory) that other
 * processes, in any language, map read-only and read whole frames from without tearing.
 *
 * <p>{@link io.framereel.device.shm.SharedFrameWriter} creates the region and publishes frames into it, either
 * live ({@code publish(Image)}) or as the {@link io.framereel.storage.FrameBuffer} that
 * {@code ImageIO.read(copyToFb=true)} replays into. {@link io.framereel.device.shm.SharedFrameReader} is the Java
 * reader. The byte layout ({@link io.framereel.device.shm.SharedFrameLayout}) and the per-slot seqlock protocol
 * are specified for readers in other languages in docs/shared-frames.md. Pure Java: a regular tmpfs file maps
 * with {@code FileChannel.map}, so no native binding is needed.
 */
package io.framereel.device.shm;
