package io.framereel.storage.pixel;

import java.io.ByteArrayOutputStream;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * Motion-JPEG from UVC cameras leaves out the Huffman tables (the DHT segment): the format fixes them to the
 * standard tables of the JPEG specification (annex K.3), and decoders are expected to supply them. Some
 * {@code javax.imageio} versions do (JDK 17), others refuse such frames ("Huffman table 0x00 was not defined",
 * JDK 25), so a frame without a DHT gets the standard tables inserted right after its start-of-image marker.
 * The tables come from the JDK's own {@link JPEGHuffmanTable} constants. Stateless and thread-safe.
 */
final class JpegHuffmanTables {
    private static final byte[] STANDARD_DHT = standardDht();

    private JpegHuffmanTables() {
    }

    /**
     * {@code jpeg} itself when it has Huffman tables before its scan (or is not a JPEG this can parse, which the
     * decoder then reports), otherwise a copy with the standard tables inserted after SOI.
     */
    static byte[] withStandardTables(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return jpeg;
        }
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xff) != 0xff) {
                return jpeg; // not a marker where one must be: leave the diagnosis to the decoder
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xff) {
                at++; // fill byte before a marker
                continue;
            }
            if (marker == 0xc4) {
                return jpeg; // has its own tables
            }
            if (marker == 0xda || marker == 0xd9) {
                break; // start of scan (or end of image) without a DHT before it
            }
            int length = (jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff);
            if (length < 2) {
                return jpeg;
            }
            at += 2 + length;
        }
        byte[] fixed = new byte[jpeg.length + STANDARD_DHT.length];
        fixed[0] = (byte) 0xff;
        fixed[1] = (byte) 0xd8;
        System.arraycopy(STANDARD_DHT, 0, fixed, 2, STANDARD_DHT.length);
        System.arraycopy(jpeg, 2, fixed, 2 + STANDARD_DHT.length, jpeg.length - 2);
        return fixed;
    }

    /** One DHT segment holding the four standard tables: DC and AC, luminance (id 0) and chrominance (id 1). */
    private static byte[] standardDht() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        table(body, 0x00, JPEGHuffmanTable.StdDCLuminance);
        table(body, 0x10, JPEGHuffmanTable.StdACLuminance);
        table(body, 0x01, JPEGHuffmanTable.StdDCChrominance);
        table(body, 0x11, JPEGHuffmanTable.StdACChrominance);
        byte[] tables = body.toByteArray();
        int length = tables.length + 2;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xff;
        segment[1] = (byte) 0xc4;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(tables, 0, segment, 4, tables.length);
        return segment;
    }

    private static void table(ByteArrayOutputStream out, int classAndId, JPEGHuffmanTable table) {
        out.write(classAndId);
        for (short count : table.getLengths()) {
            out.write(count);
        }
        for (short value : table.getValues()) {
            out.write(value);
        }
    }
}
