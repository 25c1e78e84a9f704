/*
 * Emits the sizes, field offsets, ioctl numbers and constants framereel's DRM/KMS binding (device.drm) relies
 * on, as the C compiler sees them for one target ABI. Never run: gen-layouts.sh drm compiles it with -S and reads
 * the "@@ <item> <value>" lines the asm statements leave in the assembly (as fb_layouts.c does).
 * Every mode-setting struct is built from fixed-width types and __u64 "pointers", so it is the same on all
 * three ABIs; drm_version alone carries size_t and char * and shrinks on 32-bit ARM, which moves
 * DRM_IOCTL_VERSION's number too.
 */
#include <stddef.h>
#include <drm/drm.h>
#include <drm/drm_mode.h>
#include <drm/drm_fourcc.h>

#define EMIT(label, value) __asm__ volatile("\n@@ " label " %0" : : "i"((unsigned long)(value)))
#define SIZE(s) EMIT("sizeof " #s, sizeof(struct s))
#define OFF(s, f) EMIT("offsetof " #s "." #f, offsetof(struct s, f))
#define IOCTL(n) EMIT("ioctl " #n, n)
#define CONST(n) EMIT("const " #n, n)

void layouts(void)
{
	SIZE(drm_version);
	OFF(drm_version, version_major);
	OFF(drm_version, name_len);
	OFF(drm_version, name);
	OFF(drm_version, date_len);
	OFF(drm_version, date);
	OFF(drm_version, desc_len);
	OFF(drm_version, desc);

	SIZE(drm_get_cap);
	OFF(drm_get_cap, value);

	SIZE(drm_mode_card_res);
	OFF(drm_mode_card_res, crtc_id_ptr);
	OFF(drm_mode_card_res, connector_id_ptr);
	OFF(drm_mode_card_res, encoder_id_ptr);
	OFF(drm_mode_card_res, count_fbs);
	OFF(drm_mode_card_res, count_crtcs);
	OFF(drm_mode_card_res, count_connectors);
	OFF(drm_mode_card_res, count_encoders);
	OFF(drm_mode_card_res, max_height);

	SIZE(drm_mode_modeinfo);
	OFF(drm_mode_modeinfo, clock);
	OFF(drm_mode_modeinfo, hdisplay);
	OFF(drm_mode_modeinfo, vdisplay);
	OFF(drm_mode_modeinfo, vrefresh);
	OFF(drm_mode_modeinfo, flags);
	OFF(drm_mode_modeinfo, type);
	OFF(drm_mode_modeinfo, name);

	SIZE(drm_mode_get_connector);
	OFF(drm_mode_get_connector, encoders_ptr);
	OFF(drm_mode_get_connector, modes_ptr);
	OFF(drm_mode_get_connector, props_ptr);
	OFF(drm_mode_get_connector, prop_values_ptr);
	OFF(drm_mode_get_connector, count_modes);
	OFF(drm_mode_get_connector, count_props);
	OFF(drm_mode_get_connector, count_encoders);
	OFF(drm_mode_get_connector, encoder_id);
	OFF(drm_mode_get_connector, connector_id);
	OFF(drm_mode_get_connector, connector_type);
	OFF(drm_mode_get_connector, connector_type_id);
	OFF(drm_mode_get_connector, connection);

	SIZE(drm_mode_get_encoder);
	OFF(drm_mode_get_encoder, encoder_id);
	OFF(drm_mode_get_encoder, crtc_id);
	OFF(drm_mode_get_encoder, possible_crtcs);

	SIZE(drm_mode_crtc);
	OFF(drm_mode_crtc, set_connectors_ptr);
	OFF(drm_mode_crtc, count_connectors);
	OFF(drm_mode_crtc, crtc_id);
	OFF(drm_mode_crtc, fb_id);
	OFF(drm_mode_crtc, x);
	OFF(drm_mode_crtc, y);
	OFF(drm_mode_crtc, mode_valid);
	OFF(drm_mode_crtc, mode);

	SIZE(drm_mode_create_dumb);
	OFF(drm_mode_create_dumb, height);
	OFF(drm_mode_create_dumb, width);
	OFF(drm_mode_create_dumb, bpp);
	OFF(drm_mode_create_dumb, handle);
	OFF(drm_mode_create_dumb, pitch);
	OFF(drm_mode_create_dumb, size);
	SIZE(drm_mode_map_dumb);
	OFF(drm_mode_map_dumb, offset);
	SIZE(drm_mode_destroy_dumb);

	SIZE(drm_mode_fb_cmd);
	OFF(drm_mode_fb_cmd, fb_id);
	OFF(drm_mode_fb_cmd, width);
	OFF(drm_mode_fb_cmd, height);
	OFF(drm_mode_fb_cmd, pitch);
	OFF(drm_mode_fb_cmd, bpp);
	OFF(drm_mode_fb_cmd, depth);
	OFF(drm_mode_fb_cmd, handle);
	SIZE(drm_mode_fb_cmd2);
	OFF(drm_mode_fb_cmd2, pixel_format);
	OFF(drm_mode_fb_cmd2, handles);
	OFF(drm_mode_fb_cmd2, pitches);
	OFF(drm_mode_fb_cmd2, offsets);
	OFF(drm_mode_fb_cmd2, modifier);

	SIZE(drm_mode_crtc_page_flip);
	OFF(drm_mode_crtc_page_flip, crtc_id);
	OFF(drm_mode_crtc_page_flip, fb_id);
	OFF(drm_mode_crtc_page_flip, flags);
	OFF(drm_mode_crtc_page_flip, user_data);

	SIZE(drm_event);
	OFF(drm_event, length);
	SIZE(drm_event_vblank);
	OFF(drm_event_vblank, user_data);
	OFF(drm_event_vblank, sequence);
	OFF(drm_event_vblank, crtc_id);

	IOCTL(DRM_IOCTL_VERSION);
	IOCTL(DRM_IOCTL_GET_CAP);
	IOCTL(DRM_IOCTL_MODE_GETRESOURCES);
	IOCTL(DRM_IOCTL_MODE_GETCRTC);
	IOCTL(DRM_IOCTL_MODE_SETCRTC);
	IOCTL(DRM_IOCTL_MODE_GETENCODER);
	IOCTL(DRM_IOCTL_MODE_GETCONNECTOR);
	IOCTL(DRM_IOCTL_MODE_ADDFB);
	IOCTL(DRM_IOCTL_MODE_ADDFB2);
	IOCTL(DRM_IOCTL_MODE_RMFB);
	IOCTL(DRM_IOCTL_MODE_PAGE_FLIP);
	IOCTL(DRM_IOCTL_MODE_CREATE_DUMB);
	IOCTL(DRM_IOCTL_MODE_MAP_DUMB);
	IOCTL(DRM_IOCTL_MODE_DESTROY_DUMB);

	CONST(DRM_CAP_DUMB_BUFFER);
	CONST(DRM_CAP_DUMB_PREFERRED_DEPTH);
	CONST(DRM_EVENT_FLIP_COMPLETE);
	CONST(DRM_MODE_PAGE_FLIP_EVENT);
	CONST(DRM_MODE_TYPE_PREFERRED);
	CONST(DRM_DISPLAY_MODE_LEN);
	CONST(DRM_MODE_CONNECTOR_HDMIA);
	CONST(DRM_MODE_CONNECTOR_VIRTUAL);
	CONST(DRM_MODE_CONNECTOR_DSI);
	CONST(DRM_MODE_CONNECTOR_DPI);
	CONST(DRM_MODE_CONNECTOR_WRITEBACK);
	CONST(DRM_MODE_CONNECTOR_SPI);
	CONST(DRM_MODE_CONNECTOR_USB);
	CONST(DRM_FORMAT_XRGB8888);
	CONST(DRM_FORMAT_RGB565);
}
