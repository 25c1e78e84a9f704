package io.framereel.device.v4l2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The committed gcc-generated table v4l2-layouts.tsv (see device/src/test/c/gen-v4l2-layouts.sh), parsed. */
final class LayoutTable {
    static final String RESOURCE = "v4l2-layouts.tsv";

    /** Column order of the value columns. */
    static final List<Abi> ABIS = List.of(Abi.X86_64, Abi.AARCH64, Abi.ARMHF_TIME32, Abi.ARMHF_TIME64);

    /** One line: kind (sizeof, offsetof, ioctl, const), item, and one value per ABI in {@link #ABIS} order. */
    static final class Row {
        final String kind;
        final String item;
        final long[] values;

        Row(String kind, String item, long[] values) {
            this.kind = kind;
            this.item = item;
            this.values = values;
        }

        long value(Abi abi) {
            return values[ABIS.indexOf(abi)];
        }

        @Override
        public String toString() {
            return kind + " " + item;
        }
    }

    private LayoutTable() {
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = LayoutTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                if (cols.length != 2 + ABIS.size()) {
                    throw new IllegalStateException(RESOURCE + ": expected " + (2 + ABIS.size()) + " columns: " + line);
                }
                long[] values = new long[ABIS.size()];
                for (int i = 0; i < values.length; i++) {
                    String v = cols[2 + i];
                    values[i] = v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
                }
                rows.add(new Row(cols[0], cols[1], values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
