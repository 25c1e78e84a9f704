package io.framereel.capture.cli;

import io.framereel.capture.json.Json;
import io.framereel.capture.format.FrameConversion;
import io.framereel.device.v4l2.Capability;
import io.framereel.device.v4l2.ControlInfo;
import io.framereel.device.v4l2.DeviceNode;
import io.framereel.device.v4l2.FormatDescription;
import io.framereel.device.v4l2.FrameInterval;
import io.framereel.device.v4l2.FrameSize;
import io.framereel.device.v4l2.MenuItem;
import io.framereel.device.v4l2.V4l2Device;
import io.framereel.device.v4l2.V4l2Devices;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code framereel devices [--json]}: every V4L2 capture device, found through sysfs, with what {@code record}
 * can ask of it: formats (and whether framereel can store them), frame sizes, frame rates and controls. A device
 * that cannot be opened (busy, no permission) is listed with the reason, not skipped.
 */
@Command(name = "devices",
        footer = {"", "Example:", "  framereel devices --json | jq '.[].formats[].fourcc'"},
        description = "List the V4L2 cameras: formats, sizes, frame rates and controls.")
final class DevicesCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON array instead of the listing.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** What one device offers, gathered before printing so text and JSON say the same. */
    record Listing(DeviceNode node, Capability cap, List<Format> formats, List<ControlValue> controls, String error) {
    }

    record Format(FormatDescription description, boolean storable, List<Size> sizes) {
    }

    record Size(FrameSize size, List<FrameInterval> intervals) {
    }

    record ControlValue(ControlInfo info, Integer value) {
    }

    @Override
    public Integer call() throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (DeviceNode node : V4l2Devices.system().list()) {
            listings.add(inspect(node));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(listings, out);
        } else if (listings.isEmpty()) {
            out.println("no V4L2 devices (is a camera plugged in and its driver loaded? "
                    + V4l2Devices.SYSFS_CLASS + " is empty)");
        } else {
            for (Listing l : listings) {
                printText(l, out);
            }
        }
        out.flush();
        return 0;
    }

    static Listing inspect(DeviceNode node) {
        try (V4l2Device device = V4l2Device.open(node.path())) {
            Capability cap = device.capability();
            List<Format> formats = new ArrayList<>();
            List<ControlValue> controls = new ArrayList<>();
            if (cap.canCaptureVideo()) {
                for (FormatDescription f : device.formats()) {
                    List<Size> sizes = new ArrayList<>();
                    for (FrameSize s : device.frameSizes(f.fourcc())) {
                        sizes.add(new Size(s, s.discrete()
                                ? device.frameIntervals(f.fourcc(), s.maxWidth(), s.maxHeight()) : List.of()));
                    }
                    formats.add(new Format(f, FrameConversion.supportedFourccs().contains(f.fourcc()), sizes));
                }
                for (ControlInfo c : device.controls()) {
                    Integer value = null;
                    if (c.isSimple() && !c.disabled() && !typeName(c.type()).equals("button")) { // a button has no value
                        value = device.get(c);
                    }
                    controls.add(new ControlValue(c, value));
                }
            }
            return new Listing(node, cap, formats, controls, null);
        } catch (IOException e) {
            return new Listing(node, null, List.of(), List.of(), e.getMessage());
        }
    }

    private static void printText(Listing l, PrintWriter out) {
        out.printf(Locale.ROOT, "%s  %s%n", l.node().path(), l.node().name());
        if (l.error() != null) {
            out.printf("  cannot open: %s%n", l.error());
            return;
        }
        Capability cap = l.cap();
        out.printf(Locale.ROOT, "  driver %s, card %s, bus %s%s%n", cap.driver(), cap.card(), cap.busInfo(),
                cap.canCaptureVideo() ? "" : " (not a video capture node)");
        for (Format f : l.formats()) {
            out.printf(Locale.ROOT, "  %-4s %-28s %s%n", f.description().fourccName(), f.description().description(),
                    f.storable() ? "" : "(framereel cannot store it)");
            for (Size s : f.sizes()) {
                out.printf(Locale.ROOT, "       %s%s%n", s.size(), rates(s.intervals()));
            }
        }
        if (!l.controls().isEmpty()) {
            out.println("  controls:");
        }
        for (ControlValue c : l.controls()) {
            ControlInfo i = c.info();
            out.printf(Locale.ROOT, "    %-32s %s %d..%d step %d default %d%s%s%n", i.key(), typeName(i.type()),
                    i.minimum(), i.maximum(), i.step(), i.defaultValue(),
                    c.value() == null ? "" : " value " + c.value(), menu(i));
        }
    }

    private static String rates(List<FrameInterval> intervals) {
        if (intervals.isEmpty()) {
            return "";
        }
        List<String> fps = new ArrayList<>();
        for (FrameInterval i : intervals) {
            fps.add(String.format(Locale.ROOT, "%.4g", i.min().framesPerSecond())
                    + (i.discrete() ? "" : "-" + String.format(Locale.ROOT, "%.4g", i.max().framesPerSecond())));
        }
        return "  fps " + String.join(", ", fps);
    }

    private static String menu(ControlInfo i) {
        if (i.menu().isEmpty()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        for (MenuItem m : i.menu()) {
            items.add(m.index() + "=" + m.name());
        }
        return " [" + String.join(", ", items) + "]";
    }

    static String typeName(int type) {
        switch (type) {
            case 1: return "int";
            case 2: return "bool";
            case 3: return "menu";
            case 4: return "button";
            case 5: return "int64";
            case 6: return "class";
            case 7: return "string";
            case 8: return "bitmask";
            case 9: return "intmenu";
            default: return "type" + type;
        }
    }

    private static void printJson(List<Listing> listings, PrintWriter out) {
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < listings.size(); d++) {
            Listing l = listings.get(d);
            sb.append(d == 0 ? "" : ",").append("{\"path\":").append(Json.string(l.node().path().toString()))
                    .append(",\"name\":").append(Json.string(l.node().name()));
            if (l.error() != null) {
                sb.append(",\"error\":").append(Json.string(l.error())).append('}');
                continue;
            }
            Capability cap = l.cap();
            sb.append(",\"driver\":").append(Json.string(cap.driver()))
                    .append(",\"card\":").append(Json.string(cap.card()))
                    .append(",\"bus_info\":").append(Json.string(cap.busInfo()))
                    .append(",\"capture\":").append(cap.canCaptureVideo())
                    .append(",\"formats\":[");
            for (int f = 0; f < l.formats().size(); f++) {
                Format format = l.formats().get(f);
                sb.append(f == 0 ? "" : ",").append("{\"fourcc\":").append(Json.string(format.description().fourccName()))
                        .append(",\"description\":").append(Json.string(format.description().description()))
                        .append(",\"compressed\":").append(format.description().compressed())
                        .append(",\"storable\":").append(format.storable())
                        .append(",\"sizes\":[");
                for (int s = 0; s < format.sizes().size(); s++) {
                    Size size = format.sizes().get(s);
                    FrameSize fs = size.size();
                    sb.append(s == 0 ? "" : ",").append("{\"discrete\":").append(fs.discrete())
                            .append(",\"min_width\":").append(fs.minWidth()).append(",\"max_width\":").append(fs.maxWidth())
                            .append(",\"step_width\":").append(fs.stepWidth())
                            .append(",\"min_height\":").append(fs.minHeight()).append(",\"max_height\":")
                            .append(fs.maxHeight()).append(",\"step_height\":").append(fs.stepHeight())
                            .append(",\"fps\":[");
                    for (int i = 0; i < size.intervals().size(); i++) {
                        FrameInterval fi = size.intervals().get(i);
                        sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g",
                                fi.min().framesPerSecond()));
                    }
                    sb.append("]}");
                }
                sb.append("]}");
            }
            sb.append("],\"controls\":[");
            for (int c = 0; c < l.controls().size(); c++) {
                ControlValue cv = l.controls().get(c);
                ControlInfo i = cv.info();
                sb.append(c == 0 ? "" : ",").append("{\"name\":").append(Json.string(i.key()))
                        .append(",\"label\":").append(Json.string(i.name()))
                        .append(",\"type\":").append(Json.string(typeName(i.type())))
                        .append(",\"min\":").append(i.minimum()).append(",\"max\":").append(i.maximum())
                        .append(",\"step\":").append(i.step()).append(",\"default\":").append(i.defaultValue())
                        .append(",\"value\":").append(cv.value() == null ? "null" : cv.value().toString())
                        .append(",\"menu\":[");
                for (int m = 0; m < i.menu().size(); m++) {
                    MenuItem item = i.menu().get(m);
                    sb.append(m == 0 ? "" : ",").append("{\"index\":").append(item.index())
                            .append(",\"name\":").append(Json.string(item.name())).append('}');
                }
                sb.append("]}");
            }
            sb.append("]}");
        }
        out.println(sb.append(']'));
    }
}
