/*
 * Emits what framereel's sd_notify binding (io.framereel.device.systemd) relies on, as the C compiler sees it
 * for one target ABI: struct sockaddr_un, the integer types of socket(2)/sendto(2), and the flag and errno
 * values it passes or tests. Never run: gen-layouts.sh compiles it with -S and reads the "@@ <kind> <item>
 * <value>" lines the asm statements leave in the assembly (the asm-offsets trick, as fb_layouts.c does).
 */
#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#define EMIT(label, value) __asm__ volatile("\n@@ " label " %0" : : "i"((unsigned long)(value)))
#define SIZE(s) EMIT("sizeof " #s, sizeof(struct s))
#define TYPE(t) EMIT("sizeof " #t, sizeof(t))
#define OFF(s, f) EMIT("offsetof " #s "." #f, offsetof(struct s, f))
#define MEMBER(s, f) EMIT("sizeof " #s "." #f, sizeof(((struct s *)0)->f))
#define CONST(n) EMIT("const " #n, n)

void layouts(void)
{
	SIZE(sockaddr_un);
	OFF(sockaddr_un, sun_family);
	MEMBER(sockaddr_un, sun_family);
	OFF(sockaddr_un, sun_path);
	MEMBER(sockaddr_un, sun_path);
	TYPE(sa_family_t);
	TYPE(socklen_t);
	TYPE(size_t);
	TYPE(ssize_t);
	TYPE(long);
	CONST(AF_UNIX);
	CONST(SOCK_DGRAM);
	CONST(SOCK_CLOEXEC);
	CONST(MSG_DONTWAIT);
	CONST(MSG_NOSIGNAL);
	CONST(ENOENT);
	CONST(EINTR);
	CONST(EAGAIN);
	CONST(ECONNREFUSED);
}
