package io.koor.gitops.generator.apps.cdn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

/**
 * The site's picture, drawn here: three bands (block, file, object storage) over a gradient, written as
 * an indexed-colour PNG. The image data is zlib-wrapped in stored (uncompressed) deflate blocks, so the
 * bytes do not depend on the zlib build the JDK uses and the generated tree stays byte-identical everywhere.
 */
public final class SitePicture {
    static final int WIDTH = 240;
    static final int HEIGHT = 120;
    private static final int[][] BANDS = {{0xd9, 0x48, 0x0f}, {0xf0, 0x8c, 0x00}, {0xf4, 0xf7, 0xfb}};

    private SitePicture() {
    }

    public static byte[] png() {
        // palette: 16 shades of the page's ink for the gradient, then the three band colours
        byte[] palette = new byte[3 * 19];
        for (int i = 0; i < 16; i++) {
            palette[3 * i] = (byte) (0x12 + i * 3);
            palette[3 * i + 1] = (byte) (0x26 + i * 5);
            palette[3 * i + 2] = (byte) (0x3a + i * 7);
        }
        for (int b = 0; b < BANDS.length; b++) {
            for (int c = 0; c < 3; c++) {
                palette[3 * (16 + b) + c] = (byte) BANDS[b][c];
            }
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < HEIGHT; y++) {
            raw.write(0); // filter: none
            for (int x = 0; x < WIDTH; x++) {
                raw.write(pixel(x, y));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(png, "IHDR", data(out -> {
            out.writeInt(WIDTH);
            out.writeInt(HEIGHT);
            out.writeByte(8); // bit depth
            out.writeByte(3); // indexed colour
            out.writeByte(0); // deflate
            out.writeByte(0); // adaptive filtering
            out.writeByte(0); // no interlace
        }));
        chunk(png, "PLTE", palette);
        chunk(png, "IDAT", storedZlib(raw.toByteArray()));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Three slanted bands across a left-to-right gradient. */
    private static int pixel(int x, int y) {
        for (int b = 0; b < BANDS.length; b++) {
            int top = 18 + b * 32 + (x / 12);
            if (y >= top && y < top + 20 && x >= 20 && x < WIDTH - 20) {
                return 16 + b;
            }
        }
        return Math.min(15, x * 16 / WIDTH);
    }

    private static byte[] storedZlib(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x78);
        out.write(0x01);
        for (int at = 0; at < raw.length || at == 0; ) {
            int length = Math.min(0xFFFF, raw.length - at);
            boolean last = at + length >= raw.length;
            out.write(last ? 1 : 0);
            out.write(length & 0xFF);
            out.write(length >>> 8);
            out.write(~length & 0xFF);
            out.write((~length >>> 8) & 0xFF);
            out.write(raw, at, length);
            at += length;
            if (last) {
                break;
            }
        }
        Adler32 adler = new Adler32();
        adler.update(raw);
        long sum = adler.getValue();
        out.writeBytes(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum});
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] body) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        png.writeBytes(data(out -> {
            out.writeInt(body.length);
            out.write(name);
            out.write(body);
            out.writeInt((int) crc.getValue());
        }));
    }

    private static byte[] data(BigEndian.Body body) {
        return BigEndian.bytes(body);
    }
}
