/*
 * Emits the sizes, field offsets and ioctl numbers framereel's framebuffer binding relies on, as the C compiler
 * sees them for one target ABI. Never run: gen-fb-layouts.sh compiles it with -S and reads the "@@ <item> <value>"
 * lines the asm statements leave in the assembly (the asm-offsets trick, as v4l2_layouts.c does).
 */
#include <stddef.h>
#include <linux/fb.h>

#define EMIT(label, value) __asm__ volatile("\n@@ " label " %0" : : "i"((unsigned long)(value)))
#define SIZE(s) EMIT("sizeof " #s, sizeof(struct s))
#define OFF(s, f) EMIT("offsetof " #s "." #f, offsetof(struct s, f))
#define IOCTL(n) EMIT("ioctl " #n, n)

void layouts(void)
{
	SIZE(fb_var_screeninfo);
	OFF(fb_var_screeninfo, xres);
	OFF(fb_var_screeninfo, yres);
	OFF(fb_var_screeninfo, xres_virtual);
	OFF(fb_var_screeninfo, yres_virtual);
	OFF(fb_var_screeninfo, xoffset);
	OFF(fb_var_screeninfo, yoffset);
	OFF(fb_var_screeninfo, bits_per_pixel);
	OFF(fb_var_screeninfo, red);
	OFF(fb_var_screeninfo, green);
	OFF(fb_var_screeninfo, blue);
	OFF(fb_var_screeninfo, transp);
	OFF(fb_var_screeninfo, activate);
	SIZE(fb_bitfield);
	OFF(fb_bitfield, length);
	SIZE(fb_fix_screeninfo);
	OFF(fb_fix_screeninfo, id);
	OFF(fb_fix_screeninfo, smem_len);
	OFF(fb_fix_screeninfo, type);
	OFF(fb_fix_screeninfo, visual);
	OFF(fb_fix_screeninfo, ypanstep);
	OFF(fb_fix_screeninfo, line_length);
	IOCTL(FBIOGET_VSCREENINFO);
	IOCTL(FBIOPUT_VSCREENINFO);
	IOCTL(FBIOGET_FSCREENINFO);
	IOCTL(FBIOPAN_DISPLAY);
	EMIT("const FB_TYPE_PACKED_PIXELS", FB_TYPE_PACKED_PIXELS);
	EMIT("const FB_VISUAL_TRUECOLOR", FB_VISUAL_TRUECOLOR);
}
