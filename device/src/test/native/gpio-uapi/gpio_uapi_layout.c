/*
 * Emits the sizes, offsets, ioctl numbers and constants that framereel's JNA binding of the GPIO
 * character-device v2 uAPI depends on, as assembler comments that regenerate.sh collects.
 *
 * Nothing here runs: the file is only compiled to assembly (-S), once per target, so a cross
 * compiler is enough to learn the layout on architectures this machine cannot execute. Each value
 * becomes an immediate operand of an asm string "->key value", the same trick the kernel's
 * asm-offsets.c uses; regenerate.sh strips the target's immediate prefix ('$' on x86, '#' on arm).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/eventfd.h>
#include <linux/gpio.h>
#include <linux/version.h>

#define EMIT(key, value) asm volatile("\n.ascii \"->" key " %0\"" : : "i"((unsigned long long)(value)))
#define SIZE(type) EMIT("sizeof:" #type, sizeof(struct type))
#define ALIGN(type) EMIT("alignof:" #type, _Alignof(struct type))
#define OFF(type, field) EMIT("offsetof:" #type "." #field, offsetof(struct type, field))
/* ioctl numbers are 32-bit on every target; masking keeps a 32-bit compiler from printing them negative */
#define IOCTL(name) EMIT("ioctl:" #name, (unsigned long long)(name) & 0xffffffffULL)
#define CONST(name) EMIT("const:" #name, name)

void emit(void)
{
	EMIT("header:LINUX_VERSION_CODE", LINUX_VERSION_CODE);

	SIZE(gpiochip_info);
	ALIGN(gpiochip_info);
	OFF(gpiochip_info, name);
	OFF(gpiochip_info, label);
	OFF(gpiochip_info, lines);

	SIZE(gpio_v2_line_values);
	ALIGN(gpio_v2_line_values);
	OFF(gpio_v2_line_values, bits);
	OFF(gpio_v2_line_values, mask);

	SIZE(gpio_v2_line_attribute);
	ALIGN(gpio_v2_line_attribute);
	OFF(gpio_v2_line_attribute, id);
	OFF(gpio_v2_line_attribute, padding);
	OFF(gpio_v2_line_attribute, flags);
	OFF(gpio_v2_line_attribute, values);
	OFF(gpio_v2_line_attribute, debounce_period_us);

	SIZE(gpio_v2_line_config_attribute);
	ALIGN(gpio_v2_line_config_attribute);
	OFF(gpio_v2_line_config_attribute, attr);
	OFF(gpio_v2_line_config_attribute, mask);

	SIZE(gpio_v2_line_config);
	ALIGN(gpio_v2_line_config);
	OFF(gpio_v2_line_config, flags);
	OFF(gpio_v2_line_config, num_attrs);
	OFF(gpio_v2_line_config, padding);
	OFF(gpio_v2_line_config, attrs);

	SIZE(gpio_v2_line_request);
	ALIGN(gpio_v2_line_request);
	OFF(gpio_v2_line_request, offsets);
	OFF(gpio_v2_line_request, consumer);
	OFF(gpio_v2_line_request, config);
	OFF(gpio_v2_line_request, num_lines);
	OFF(gpio_v2_line_request, event_buffer_size);
	OFF(gpio_v2_line_request, padding);
	OFF(gpio_v2_line_request, fd);

	SIZE(gpio_v2_line_info);
	ALIGN(gpio_v2_line_info);
	OFF(gpio_v2_line_info, name);
	OFF(gpio_v2_line_info, consumer);
	OFF(gpio_v2_line_info, offset);
	OFF(gpio_v2_line_info, num_attrs);
	OFF(gpio_v2_line_info, flags);
	OFF(gpio_v2_line_info, attrs);
	OFF(gpio_v2_line_info, padding);

	SIZE(gpio_v2_line_event);
	ALIGN(gpio_v2_line_event);
	OFF(gpio_v2_line_event, timestamp_ns);
	OFF(gpio_v2_line_event, id);
	OFF(gpio_v2_line_event, offset);
	OFF(gpio_v2_line_event, seqno);
	OFF(gpio_v2_line_event, line_seqno);
	OFF(gpio_v2_line_event, padding);

	SIZE(pollfd);
	OFF(pollfd, fd);
	OFF(pollfd, events);
	OFF(pollfd, revents);

	IOCTL(GPIO_GET_CHIPINFO_IOCTL);
	IOCTL(GPIO_V2_GET_LINEINFO_IOCTL);
	IOCTL(GPIO_V2_GET_LINE_IOCTL);
	IOCTL(GPIO_V2_LINE_SET_CONFIG_IOCTL);
	IOCTL(GPIO_V2_LINE_GET_VALUES_IOCTL);
	IOCTL(GPIO_V2_LINE_SET_VALUES_IOCTL);

	CONST(GPIO_MAX_NAME_SIZE);
	CONST(GPIO_V2_LINES_MAX);
	CONST(GPIO_V2_LINE_NUM_ATTRS_MAX);
	CONST(GPIO_V2_LINE_FLAG_USED);
	CONST(GPIO_V2_LINE_FLAG_ACTIVE_LOW);
	CONST(GPIO_V2_LINE_FLAG_INPUT);
	CONST(GPIO_V2_LINE_FLAG_OUTPUT);
	CONST(GPIO_V2_LINE_FLAG_EDGE_RISING);
	CONST(GPIO_V2_LINE_FLAG_EDGE_FALLING);
	CONST(GPIO_V2_LINE_FLAG_OPEN_DRAIN);
	CONST(GPIO_V2_LINE_FLAG_OPEN_SOURCE);
	CONST(GPIO_V2_LINE_FLAG_BIAS_PULL_UP);
	CONST(GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN);
	CONST(GPIO_V2_LINE_FLAG_BIAS_DISABLED);
	CONST(GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME);
	CONST(GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE);
	CONST(GPIO_V2_LINE_ATTR_ID_FLAGS);
	CONST(GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES);
	CONST(GPIO_V2_LINE_ATTR_ID_DEBOUNCE);
	CONST(GPIO_V2_LINE_EVENT_RISING_EDGE);
	CONST(GPIO_V2_LINE_EVENT_FALLING_EDGE);

	/* libc constants the binding uses with open(2), eventfd(2), poll(2) and errno */
	CONST(O_RDWR);
	CONST(O_CLOEXEC);
	CONST(O_NONBLOCK);
	CONST(EFD_CLOEXEC);
	CONST(EFD_NONBLOCK);
	CONST(POLLIN);
	CONST(POLLPRI);
	CONST(POLLERR);
	CONST(POLLHUP);
	CONST(POLLNVAL);
	CONST(EINTR);
	CONST(EBADF);
	CONST(EAGAIN);
	CONST(EBUSY);
	CONST(EINVAL);
	CONST(ENOENT);
	CONST(EACCES);
	CONST(ENOTTY);
	CONST(EPERM);
	CONST(ENODEV);
	CONST(ENXIO);
	CONST(EIO);
	CONST(ENOTSUP);
}
