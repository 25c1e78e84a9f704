package io.framereel.device.v4l2;

/**
 * One entry of a menu control (VIDIOC_QUERYMENU): a name for MENU controls, a value for INTEGER_MENU controls.
 * Immutable.
 *
 * @param index the value to set to choose this entry
 * @param name the entry's text, e.g. "50 Hz"; for integer menus the value as text
 * @param value the entry's number for integer menus, else the index
 */
public record MenuItem(int index, String name, long value) {
}
