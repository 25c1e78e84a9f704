#!/usr/bin/env python3
"""A USB webcam for the hil guest: a UVC 1.0 camera that exists only as a USB/IP peer of the kernel's vhci-hcd, so
that the kernel's own USB stack and its uvcvideo driver (the driver of every USB webcam) see a device plugged into a
high-speed port, enumerate it and stream from it over isochronous transfers. Only the camera is played here; every
byte between it and /dev/videoN goes through the real drivers. (The in-kernel alternatives cannot: dummy_hcd and
usbip-vudc fail all isochronous transfers, and the UVC gadget function streams over nothing else.)

    uvc-camera.py --frames DIR --control DIR [--group GID] [--control-group GID] [--port 0]

Run as root (attaching a vhci port is). The camera:
  - product "framereel UVC camera", USB id 1209:0001 (pid.codes' test id), serial "HIL0001";
  - MJPEG 640x480 and 320x240 at 30 or 15 fps, from DIR/mjpeg-WxH-N.jpg in turn: frame n is file n mod 6, without
    its Huffman tables when n mod 4 is 2 or 3 (as UVC cameras send MJPEG), and with 1000 zero bytes after its EOI
    marker when n is odd (as many webcams pad theirs);
  - YUYV 320x240 at 15 fps: eight colour bars (vivid's order) with frame number's bar marked by a 16x16 black box;
  - one control, brightness (processing unit 2, 0..255, default 128, step 1).
The control directory is the tests' handle on the outside world:
  command        a FIFO (made here, writable by --control-group): a line "unplug" pulls the cable (the socket to vhci
                 closes), "plug" puts it back
  state          "plugged" once the camera's nodes exist and belong to --group (mode 0660, as udev would
                 leave them), "unplugged" once the cable is out and the nodes are gone, "dead: why" if this
                 program ended
  node           the capture node (/dev/videoN, sysfs index 0) of the current plug-in
  brightness     the value of the last SET_CUR of brightness
  streams.log    one line per stream start and stop: format, frame, interval; frames sent
Logs go to stderr.
"""
import argparse
import glob
import os
import select
import socket
import struct
import sys
import time

VHCI = "/sys/devices/platform/vhci_hcd.0"
USB_SPEED_HIGH = 3
EPIPE = 32
ECONNRESET = 104

CMD_SUBMIT, CMD_UNLINK, RET_SUBMIT, RET_UNLINK = 1, 2, 3, 4
STREAM_EP = 1          # 0x81: isochronous IN
PACKET = 3 * 1024      # high-bandwidth high speed: three 1024-byte transactions per microframe
HEADER = 2             # payload header: bHeaderLength, bmHeaderInfo (no PTS/SCR)

# (format index, frame index) -> width, height, fourcc, intervals (100 ns units)
FORMATS = {
    (1, 1): (640, 480, "MJPG", (333333, 666666)),
    (1, 2): (320, 240, "MJPG", (333333, 666666)),
    (2, 1): (320, 240, "YUYV", (666666,)),
}
BRIGHTNESS = dict(min=0, max=255, res=1, default=128)

log_prefix = "uvc-camera: "


def log(msg):
    print(log_prefix + msg, file=sys.stderr, flush=True)


# ---- descriptors -------------------------------------------------------------------------------------------

def le16(v):
    return struct.pack("<H", v)


def le32(v):
    return struct.pack("<I", v)


def device_descriptor():
    return struct.pack("<BBHBBBBHHHBBBB", 18, 1, 0x0200, 0xEF, 0x02, 0x01, 64, 0x1209, 0x0001, 0x0100, 1, 2, 3, 1)


def frame_descriptor(subtype, index, width, height, fourcc, intervals):
    size = width * height * 2
    body = struct.pack("<BBBBBHHIIII", 0, 0x24, subtype, index, 0, width, height, size * 8 * 15,
                       size * 8 * 30, size, intervals[0])
    body += bytes([len(intervals)]) + b"".join(le32(i) for i in intervals)
    return bytes([len(body)]) + body[1:]


def configuration_descriptor():
    # camera terminal (no controls of its own), processing unit 2 (brightness), output terminal 3 (USB streaming)
    vc = struct.pack("<BBBBHBBHHHB", 18, 0x24, 0x02, 1, 0x0201, 0, 0, 0, 0, 0, 3) + bytes(3)
    vc += struct.pack("<BBBBBHB", 11, 0x24, 0x05, 2, 1, 0, 2) + bytes([0x01, 0x00]) + bytes([0])  # PU: brightness
    vc += struct.pack("<BBBBHBBB", 9, 0x24, 0x03, 3, 0x0101, 0, 2, 0)                             # output terminal
    vc_header = struct.pack("<BBBHHIBB", 13, 0x24, 0x01, 0x0100, 13 + len(vc), 48_000_000, 1, 1)

    vs = b""
    mjpeg_frames = [frame_descriptor(0x07, f, *FORMATS[(1, f)]) for f in (1, 2)]
    vs += struct.pack("<BBBBBBBBBBB", 11, 0x24, 0x06, 1, len(mjpeg_frames), 0, 1, 0, 0, 0, 0) + b"".join(mjpeg_frames)
    yuy2 = bytes.fromhex("5955593200001000800000aa00389b71")
    yuyv_frames = [frame_descriptor(0x05, 1, *FORMATS[(2, 1)])]
    vs += struct.pack("<BBBBB", 27, 0x24, 0x04, 2, len(yuyv_frames)) + yuy2 + bytes([16, 1, 0, 0, 0, 0])
    vs += b"".join(yuyv_frames)
    vs += bytes([6, 0x24, 0x0D, 1, 1, 4])  # colour matching: BT.709 primaries and transfer, SMPTE 170M matrix
    vs_header = struct.pack("<BBBBHBBBBBBB", 15, 0x24, 0x01, 2, 15 + len(vs), 0x80 | STREAM_EP, 0, 3, 0, 0, 0, 1)
    vs_header += bytes([0, 0])

    body = b""
    # interface association and VideoControl without a function or interface string, which uvcvideo would append
    # to the product name ("product: function")
    body += bytes([8, 0x0B, 0, 2, 0x0E, 0x03, 0, 0])
    body += bytes([9, 4, 0, 0, 0, 0x0E, 0x01, 0, 0]) + vc_header + vc      # VideoControl
    body += bytes([9, 4, 1, 0, 0, 0x0E, 0x02, 0, 0]) + vs_header + vs      # VideoStreaming, alt 0: no bandwidth
    body += bytes([9, 4, 1, 1, 1, 0x0E, 0x02, 0, 0])                       # alt 1: the isochronous endpoint
    body += struct.pack("<BBBBHB", 7, 5, 0x80 | STREAM_EP, 0x05, 0x1400, 1)  # 1024 bytes x 3 per microframe
    return struct.pack("<BBHBBBBB", 9, 2, 9 + len(body), 2, 1, 0, 0x80, 250) + body


STRINGS = {1: "framereel", 2: "framereel UVC camera", 3: "HIL0001"}


def string_descriptor(index):
    if index == 0:
        return bytes([4, 3, 0x09, 0x04])
    text = STRINGS.get(index)
    if text is None:
        return None
    data = text.encode("utf-16-le")
    return bytes([2 + len(data), 3]) + data


# ---- the picture ---------------------------------------------------------------------------------------------

BARS_RGB = [(255, 255, 255), (255, 255, 0), (0, 255, 255), (0, 255, 0), (255, 0, 255), (255, 0, 0), (0, 0, 255),
            (0, 0, 0)]


def yuv(rgb):
    r, g, b = rgb
    y = round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255)
    u = round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255)
    v = round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255)
    return y, u, v


def yuyv_frame(width, height, number):
    bar = width // len(BARS_RGB)
    row = bytearray()
    for x in range(0, width, 2):
        y, u, v = yuv(BARS_RGB[min(x // bar, len(BARS_RGB) - 1)])
        row += bytes([y, u, y, v])
    box_row = bytearray(row)
    x0 = (number % len(BARS_RGB)) * bar + bar // 2 - 8
    for x in range(x0 - x0 % 2, x0 + 16, 2):
        box_row[2 * x:2 * x + 4] = bytes([16, 128, 16, 128])
    top = height // 2 - 8
    return bytes(row) * top + bytes(box_row) * 16 + bytes(row) * (height - top - 16)


def without_huffman_tables(jpeg):
    """The JPEG without its DHT segments, as UVC cameras send MJPEG (the decoder is to use the standard tables,
    which is what these files were encoded with)."""
    out = bytearray(jpeg[:2])
    at = 2
    while at + 4 <= len(jpeg) and jpeg[at] == 0xFF:
        marker = jpeg[at + 1]
        length = struct.unpack_from(">H", jpeg, at + 2)[0]
        if marker == 0xDA:  # start of scan: the entropy-coded data and EOI follow as they are
            break
        if marker != 0xC4:
            out += jpeg[at:at + 2 + length]
        at += 2 + length
    return bytes(out + jpeg[at:])


class Pictures:
    def __init__(self, frames_dir):
        self.jpegs = {}
        for (fmt, frm), (w, h, fourcc, _) in FORMATS.items():
            if fourcc == "MJPG":
                files = sorted(glob.glob(os.path.join(frames_dir, f"mjpeg-{w}x{h}-*.jpg")),
                               key=lambda p: int(p.rsplit("-", 1)[1].split(".")[0]))
                if not files:
                    raise SystemExit(f"uvc-camera: no {frames_dir}/mjpeg-{w}x{h}-N.jpg frames")
                self.jpegs[(fmt, frm)] = [open(p, "rb").read() for p in files]
        self.yuyv = {}

    def frame(self, key, number):
        w, h, fourcc, _ = FORMATS[key]
        if fourcc == "MJPG":
            jpeg = self.jpegs[key][number % len(self.jpegs[key])]
            if number % 4 >= 2:
                jpeg = without_huffman_tables(jpeg)
            return jpeg + bytes(1000) if number % 2 else jpeg
        cached = self.yuyv.get((key, number % len(BARS_RGB)))
        if cached is None:
            cached = self.yuyv[(key, number % len(BARS_RGB))] = yuyv_frame(w, h, number)
        return cached


# ---- the camera's state ------------------------------------------------------------------------------------

class Camera:
    def __init__(self, pictures, control_dir):
        self.pictures = pictures
        self.control_dir = control_dir
        self.brightness = BRIGHTNESS["default"]
        self.probe = self.streaming_control(1, 1, FORMATS[(1, 1)][3][0])
        self.commit = self.probe
        self.alt = 0
        self.pending = []          # iso IN submits waiting for picture data: (seqnum, packets)
        self.frame = None          # bytes of the frame being sent, and how far
        self.offset = 0
        self.fid = 0
        self.number = 0
        self.next_due = 0.0

    @staticmethod
    def streaming_control(fmt, frm, interval):
        w, h, fourcc, intervals = FORMATS.get((fmt, frm), FORMATS[(1, 1)])
        if interval not in intervals:
            interval = intervals[0]
        size = w * h * 2
        return struct.pack("<HBBIHHHHHII", 1, fmt, frm, interval, 0, 0, 0, 0, 0, size, PACKET)

    def control_file(self, name, text):
        path = os.path.join(self.control_dir, name)
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.replace(path + ".tmp", path)

    def stream_log(self, text):
        with open(os.path.join(self.control_dir, "streams.log"), "a") as f:
            f.write(text + "\n")

    # -- ep0 --
    def control(self, setup, data):
        """Returns the IN data, b"" for an accepted OUT, or None to stall."""
        request_type, request, value, index, length = struct.unpack("<BBHHH", setup)
        kind = request_type & 0x60
        if kind == 0x00:
            return self.standard(request_type, request, value, index, length)
        if kind == 0x20:
            return self.class_request(request_type, request, value, index, length, data)
        return None

    def standard(self, request_type, request, value, index, length):
        if request == 6:  # GET_DESCRIPTOR
            kind, number = value >> 8, value & 0xFF
            d = {1: device_descriptor, 2: configuration_descriptor}.get(kind)
            if d:
                return d()[:length]
            if kind == 3:
                s = string_descriptor(number)
                return None if s is None else s[:length]
            return None  # no device qualifier: a high-speed-only device
        if request == 0:  # GET_STATUS
            return bytes(2)[:length]
        if request == 8:  # GET_CONFIGURATION
            return bytes([1])
        if request == 9:  # SET_CONFIGURATION
            return b""
        if request == 10:  # GET_INTERFACE
            return bytes([self.alt if index == 1 else 0])
        if request == 11:  # SET_INTERFACE
            if index == 1:
                self.set_alt(value)
            return b""
        if request in (1, 3):  # CLEAR_FEATURE, SET_FEATURE (endpoint halt)
            return b""
        return None

    def set_alt(self, alt):
        if alt == self.alt:
            return
        self.alt = alt
        if alt:
            _, fmt, frm, interval = struct.unpack_from("<HBBI", self.commit)
            self.frame, self.offset, self.number = None, 0, 0
            self.next_due = time.monotonic()
            self.stream_log(f"start format={fmt} frame={frm} interval={interval}")
            log(f"streaming format {fmt} frame {frm} ({FORMATS[(fmt, frm)][2]} {FORMATS[(fmt, frm)][0]}x"
                f"{FORMATS[(fmt, frm)][1]}), interval {interval / 1e7:.4f} s")
        else:
            self.stream_log(f"stop frames={self.number}")
            log(f"stream stopped after {self.number} frames")

    def class_request(self, request_type, request, value, index, length, data):
        selector, interface, entity = value >> 8, index & 0xFF, index >> 8
        if interface == 1 and selector in (1, 2):  # VS_PROBE_CONTROL, VS_COMMIT_CONTROL
            if request == 0x01:  # SET_CUR
                if len(data) < 8:
                    return None
                _, fmt, frm, interval = struct.unpack_from("<HBBI", data)
                if (fmt, frm) not in FORMATS:
                    return None
                control = self.streaming_control(fmt, frm, interval)
                if selector == 1:
                    self.probe = control
                else:
                    self.commit = self.probe = control
                return b""
            if request in (0x81, 0x82, 0x83, 0x87):  # GET_CUR, GET_MIN, GET_MAX, GET_DEF
                current = self.probe if selector == 1 else self.commit
                if request == 0x87:
                    current = self.streaming_control(1, 1, FORMATS[(1, 1)][3][0])
                return (current + bytes(max(0, length - len(current))))[:length]
            if request == 0x85:  # GET_LEN
                return le16(26)
            if request == 0x86:  # GET_INFO
                return bytes([0x03])
            return None
        if interface == 0 and entity == 2 and selector == 0x02:  # processing unit: brightness
            if request == 0x01:
                if len(data) < 2:
                    return None
                self.brightness = struct.unpack_from("<h", data)[0]
                self.control_file("brightness", f"{self.brightness}\n")
                return b""
            values = {0x81: self.brightness, 0x82: BRIGHTNESS["min"], 0x83: BRIGHTNESS["max"],
                      0x84: BRIGHTNESS["res"], 0x87: BRIGHTNESS["default"]}
            if request in values:
                return struct.pack("<h", values[request])[:length]
            if request == 0x86:
                return bytes([0x03])
            if request == 0x85:
                return le16(2)
            return None
        if interface == 0 and entity == 0 and selector == 0x02 and request == 0x81:
            return bytes([0])  # VC_REQUEST_ERROR_CODE_CONTROL: no error
        return None

    # -- the isochronous stream --
    def fill(self, packets):
        """Packets for one iso submit, each (bytes) at most PACKET long; None if no frame is due yet."""
        now = time.monotonic()
        if self.frame is None and now < self.next_due:
            return None
        out = []
        for _ in range(packets):
            if self.frame is None and time.monotonic() >= self.next_due:
                _, fmt, frm, interval = struct.unpack_from("<HBBI", self.commit)
                self.frame, self.offset = self.pictures.frame((fmt, frm), self.number), 0
                self.fid ^= 1
                self.number += 1
                # on the camera's clock; after a stall (nobody asking for data) it starts afresh, no burst
                self.next_due += interval / 1e7
                if self.next_due < time.monotonic() - interval / 1e7:
                    self.next_due = time.monotonic() + interval / 1e7
            if self.frame is None:
                out.append(bytes([HEADER, 0x80 | self.fid]))
                continue
            chunk = self.frame[self.offset:self.offset + PACKET - HEADER]
            self.offset += len(chunk)
            end = self.offset >= len(self.frame)
            out.append(bytes([HEADER, 0x80 | self.fid | (0x02 if end else 0)]) + chunk)
            if end:
                self.frame = None
        return out


# ---- USB/IP -----------------------------------------------------------------------------------------------------

def recv_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            raise EOFError("vhci closed the connection")
        data += part
    return bytes(data)


def ret_submit(seqnum, status, data=b"", packets=None, direction=0, ep=0, accepted=0):
    """RET_SUBMIT: header, IN data, and for isochronous transfers one descriptor per packet. An OUT transfer
    carries no data back, only the count of bytes taken (accepted)."""
    if packets is None:
        header = struct.pack(">IIIII iiiii 8x", RET_SUBMIT, seqnum, 0, direction, ep, status,
                             len(data) if direction else accepted, 0, 0, 0)
        return header + (data if direction else b"")
    payload = b"".join(packets)
    header = struct.pack(">IIIII iiiii 8x", RET_SUBMIT, seqnum, 0, direction, ep, 0, len(payload), 0,
                         len(packets), 0)
    descriptors = b"".join(struct.pack(">IIII", i * PACKET, PACKET, len(p), 0) for i, p in enumerate(packets))
    return header + payload + descriptors


class Link:
    """One plug-in: a socket pair, one end handed to vhci-hcd's port, the other spoken to here."""

    def __init__(self, port):
        self.port = port
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    with open(f"{VHCI}/attach", "w") as f:
                        f.write(f"{port} {theirs.fileno()} {(1 << 16) | 2} {USB_SPEED_HIGH}")
                    break
                except OSError as e:  # EBUSY while the previous connection is being torn down
                    if time.monotonic() > deadline:
                        raise SystemExit(f"uvc-camera: attaching vhci port {port} failed: {e}")
                    time.sleep(0.1)
        finally:
            theirs.close()  # vhci holds its own reference
        self.sock = ours

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


def serve(camera, link, commands, group):
    """Answers vhci until a command says unplug (returns True) or vhci hangs up (returns False). Meanwhile the
    kernel enumerates the camera; once uvcvideo's nodes appear they are handed to the group and the camera is
    declared plugged."""
    sock = link.sock
    granted_by = time.monotonic() + 30
    while True:
        wait = None
        if camera.pending and camera.alt and camera.frame is None:
            wait = max(0.0, camera.next_due - time.monotonic())
        if granted_by is not None:
            node = grant_nodes(group)
            if node:
                camera.control_file("node", node + "\n")
                camera.control_file("state", "plugged\n")
                log(f"plugged in as {node}")
                granted_by = None
            elif time.monotonic() > granted_by:
                raise SystemExit(f"uvc-camera: no video4linux node named '{STRINGS[2]}' within 30 s")
            else:
                wait = 0.1 if wait is None else min(wait, 0.1)
        readable, _, _ = select.select([sock, commands], [], [], wait)
        if commands in readable and commands.take("unplug"):
            return True
        if sock in readable:
            header = recv_exact(sock, 48)
            command, seqnum, _, direction, ep = struct.unpack_from(">IIIII", header)
            if command == CMD_SUBMIT:
                _, length, _, packets, _ = struct.unpack_from(">Iiiii", header, 20)
                setup = header[40:48]
                data = recv_exact(sock, length) if direction == 0 and length > 0 else b""
                if packets > 0:
                    recv_exact(sock, 16 * packets)  # the expected packet lengths: PACKET each
                    if ep != STREAM_EP:
                        sock.sendall(ret_submit(seqnum, -EPIPE))
                    else:
                        camera.pending.append((seqnum, packets))
                elif ep == 0:
                    answer = camera.control(setup, data)
                    if answer is None:
                        sock.sendall(ret_submit(seqnum, -EPIPE))
                    else:
                        sock.sendall(ret_submit(seqnum, 0, answer, direction=direction, accepted=len(data)))
                else:
                    sock.sendall(ret_submit(seqnum, -EPIPE))
            elif command == CMD_UNLINK:
                victim = struct.unpack_from(">I", header, 20)[0]
                before = len(camera.pending)
                camera.pending = [p for p in camera.pending if p[0] != victim]
                status = -ECONNRESET if len(camera.pending) < before else 0
                sock.sendall(struct.pack(">IIIII i 24x", RET_UNLINK, seqnum, 0, 0, 0, status))
            else:
                raise SystemExit(f"uvc-camera: unknown USB/IP command {command}")
        while camera.pending and camera.alt:
            seqnum, packets = camera.pending[0]
            out = camera.fill(packets)
            if out is None:
                break
            camera.pending.pop(0)
            sock.sendall(ret_submit(seqnum, 0, packets=out, direction=1, ep=STREAM_EP))


class Commands:
    """The command FIFO, held open for reading and writing so that writers never block and there is no EOF. Lines
    are kept in order until taken, so an "unplug" and a "plug" written together are both seen."""

    def __init__(self, path, group):
        if not os.path.exists(path):
            os.mkfifo(path)
        os.chmod(path, 0o660)
        if group is not None:
            os.chown(path, 0, group)
        self.fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        self.partial = ""
        self.lines = []

    def fileno(self):
        return self.fd

    def take(self, word):
        """Reads what was written; True (and the lines up to it consumed) if a line says {word}."""
        try:
            self.partial += os.read(self.fd, 4096).decode(errors="replace")
        except BlockingIOError:
            pass
        complete, _, self.partial = self.partial.rpartition("\n")
        self.lines += [line.strip() for line in complete.split("\n") if line.strip()]
        if word in self.lines:
            del self.lines[:self.lines.index(word) + 1]
            return True
        return False

    def wait_for(self, word):
        while not self.take(word):
            select.select([self], [], [])


def grant_nodes(group):
    """Gives the camera's /dev/videoN nodes to the group, as udev's rules would; the capture node, or None while
    uvcvideo has not made them yet."""
    nodes = {}
    for name_file in glob.glob("/sys/class/video4linux/video*/name"):
        try:
            with open(name_file) as f:
                if not f.read().startswith(STRINGS[2]):
                    continue
            sysdir = os.path.dirname(name_file)
            with open(os.path.join(sysdir, "index")) as f:
                nodes[int(f.read())] = "/dev/" + os.path.basename(sysdir)
        except OSError:
            return None  # a node of an earlier plug-in going away
    # uvcvideo registers the capture node (index 0), then the metadata node (1): both, or a test may meet a node
    # that only root can open
    if 0 not in nodes or 1 not in nodes or not all(os.path.exists(n) for n in nodes.values()):
        return None
    for n in nodes.values():
        if group is not None:
            os.chown(n, 0, group)
        os.chmod(n, 0o660)
    return nodes[0]


def wait_until_gone(timeout_s=20):
    """Waits until the kernel has taken the camera's nodes away (vhci tears the connection down, then the hub
    driver disconnects the device), so that "unplugged" means gone from the bus and a quick replug cannot meet
    the old nodes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not any(open_quietly(f).startswith(STRINGS[2])
                   for f in glob.glob("/sys/class/video4linux/video*/name")):
            return
        time.sleep(0.05)
    log(f"the nodes of the unplugged camera were still there after {timeout_s} s")


def open_quietly(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def main():
    try:
        run()
    except BaseException as e:
        # tests wait on the state: say why the camera is gone rather than leave them waiting
        control = sys.argv[sys.argv.index("--control") + 1] if "--control" in sys.argv else None
        if control:
            with open(os.path.join(control, "state.tmp"), "w") as f:
                f.write(f"dead: {e}\n")
            os.replace(os.path.join(control, "state.tmp"), os.path.join(control, "state"))
        raise


def run():
    p = argparse.ArgumentParser()
    p.add_argument("--frames", required=True)
    p.add_argument("--control", required=True)
    p.add_argument("--group", type=int, help="the group of the video nodes")
    p.add_argument("--control-group", type=int, help="the group that may write the command FIFO")
    p.add_argument("--port", type=int, default=0)
    a = p.parse_args()
    camera = Camera(Pictures(a.frames), a.control)
    commands = Commands(os.path.join(a.control, "command"), a.control_group)
    while True:
        camera.pending, camera.alt, camera.frame = [], 0, None
        link = Link(a.port)
        log(f"cable in: vhci port {a.port}")
        try:
            unplugged = serve(camera, link, commands, a.group)
        except (EOFError, ConnectionError) as e:
            log(f"connection lost: {e}")
            unplugged = False
        link.close()
        wait_until_gone()
        camera.control_file("state", "unplugged\n")
        log("unplugged")
        if unplugged:
            commands.wait_for("plug")
        else:
            time.sleep(0.5)


if __name__ == "__main__":
    main()
