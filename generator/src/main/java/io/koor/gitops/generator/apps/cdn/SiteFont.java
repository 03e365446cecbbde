package io.koor.gitops.generator.apps.cdn;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The site's own font, "Koor Glyphs": a TrueType file with the block letters of the word mark (D, E, K,
 * M, O, R and the space), drawn here as straight-edged outlines and written table by table as the
 * OpenType specification lays them out (head, hhea, maxp, OS/2, hmtx, cmap format 4, loca, glyf, name,
 * post). Made by code so the project ships no third-party font; the same bytes every time.
 */
public final class SiteFont {
    static final String FAMILY = "Koor Glyphs";
    private static final int EM = 1000;
    private static final int ADVANCE = 760;
    private static final int CAP = 700;
    private static final int STROKE = 130;

    /** A glyph: its outlines, each a closed polygon of on-curve points, outer ones clockwise, holes counter-clockwise. */
    private record Glyph(int advance, List<int[][]> contours) {
    }

    private SiteFont() {
    }

    /** The font's bytes. */
    public static byte[] ttf() {
        Map<Character, Glyph> glyphs = new TreeMap<>();
        glyphs.put(' ', new Glyph(ADVANCE / 2, List.of()));
        glyphs.put('D', new Glyph(ADVANCE, List.of(
                poly(60, 0, 60, CAP, 480, CAP, 680, 500, 680, 200, 480, 0),
                poly(190, 130, 430, 130, 550, 250, 550, 450, 430, 570, 190, 570))));
        glyphs.put('E', new Glyph(ADVANCE, List.of(
                rect(60, 0, 190, CAP), rect(60, CAP - STROKE, 660, CAP), rect(60, 285, 560, 415), rect(60, 0, 660, STROKE))));
        glyphs.put('K', new Glyph(ADVANCE, List.of(
                rect(60, 0, 190, CAP),
                poly(190, 300, 520, CAP, 690, CAP, 300, 250, 190, 250),
                poly(280, 360, 420, 420, 700, 0, 530, 0))));
        glyphs.put('M', new Glyph(ADVANCE + 100, List.of(
                rect(60, 0, 190, CAP), rect(670, 0, 800, CAP),
                poly(60, CAP, 190, CAP, 430, 330, 430, 130),
                poly(430, 130, 430, 330, 670, CAP, 800, CAP))));
        glyphs.put('O', new Glyph(ADVANCE, List.of(
                poly(60, 150, 60, 550, 210, CAP, 530, CAP, 680, 550, 680, 150, 530, 0, 210, 0),
                poly(190, 200, 260, 130, 480, 130, 550, 200, 550, 500, 480, 570, 260, 570, 190, 500))));
        glyphs.put('R', new Glyph(ADVANCE, List.of(
                rect(60, 0, 190, CAP),
                poly(190, 250, 190, CAP, 520, CAP, 660, 600, 660, 350, 520, 250),
                poly(190, 380, 470, 380, 530, 430, 530, 520, 470, 570, 190, 570),
                poly(330, 270, 470, 270, 700, 0, 540, 0))));
        return new SiteFont.Writer(glyphs).write();
    }

    /** An axis-aligned rectangle, clockwise (TrueType's y axis points up). */
    private static int[][] rect(int x0, int y0, int x1, int y1) {
        return new int[][] {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}};
    }

    /** A polygon from x, y pairs; made clockwise whatever order they were written in. */
    private static int[][] poly(int... xy) {
        int[][] points = new int[xy.length / 2][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new int[] {xy[2 * i], xy[2 * i + 1]};
        }
        return points;
    }

    /** Twice the signed area: positive when counter-clockwise. */
    private static long area(int[][] points) {
        long sum = 0;
        for (int i = 0; i < points.length; i++) {
            int[] a = points[i];
            int[] b = points[(i + 1) % points.length];
            sum += (long) a[0] * b[1] - (long) b[0] * a[1];
        }
        return sum;
    }

    private static final class Writer {
        private final List<Character> chars;
        private final List<Glyph> glyphs = new ArrayList<>();

        Writer(Map<Character, Glyph> byChar) {
            chars = new ArrayList<>(byChar.keySet());
            // glyph 0 is .notdef, a hollow box
            glyphs.add(new Glyph(ADVANCE, List.of(rect(60, 0, 680, CAP), reversed(rect(140, 80, 600, CAP - 80)))));
            for (Character c : chars) {
                glyphs.add(oriented(byChar.get(c)));
            }
        }

        /** The first contour of a glyph with several that enclose each other is its outside; the enclosed ones are holes. */
        private static Glyph oriented(Glyph glyph) {
            List<int[][]> out = new ArrayList<>();
            for (int[][] contour : glyph.contours()) {
                boolean hole = glyph.contours().stream().anyMatch(other -> other != contour && encloses(other, contour));
                boolean clockwise = area(contour) < 0;
                out.add(hole == clockwise ? reversed(contour) : contour);
            }
            return new Glyph(glyph.advance(), out);
        }

        private static boolean encloses(int[][] outer, int[][] inner) {
            return box(outer)[0] < box(inner)[0] && box(outer)[1] < box(inner)[1] && box(outer)[2] > box(inner)[2]
                    && box(outer)[3] > box(inner)[3] && Math.abs(area(outer)) > Math.abs(area(inner));
        }

        private static int[][] reversed(int[][] points) {
            int[][] out = new int[points.length][];
            for (int i = 0; i < points.length; i++) {
                out[i] = points[points.length - 1 - i];
            }
            return out;
        }

        private static int[] box(int[][] points) {
            int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            for (int[] p : points) {
                b[0] = Math.min(b[0], p[0]);
                b[1] = Math.min(b[1], p[1]);
                b[2] = Math.max(b[2], p[0]);
                b[3] = Math.max(b[3], p[1]);
            }
            return b;
        }

        private static int[] box(Glyph glyph) {
            int[] b = {0, 0, 0, 0};
            boolean first = true;
            for (int[][] contour : glyph.contours()) {
                int[] c = box(contour);
                b = first ? c : new int[] {Math.min(b[0], c[0]), Math.min(b[1], c[1]), Math.max(b[2], c[2]), Math.max(b[3], c[3])};
                first = false;
            }
            return b;
        }

        byte[] write() {
            List<byte[]> glyphData = new ArrayList<>();
            for (Glyph g : glyphs) {
                glyphData.add(glyf(g));
            }
            Map<String, byte[]> tables = new TreeMap<>();
            int[] fontBox = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            int maxPoints = 0;
            int maxContours = 0;
            int maxAdvance = 0;
            for (Glyph g : glyphs) {
                maxAdvance = Math.max(maxAdvance, g.advance());
                if (g.contours().isEmpty()) {
                    continue;
                }
                int[] b = box(g);
                fontBox = new int[] {Math.min(fontBox[0], b[0]), Math.min(fontBox[1], b[1]), Math.max(fontBox[2], b[2]),
                        Math.max(fontBox[3], b[3])};
                maxPoints = Math.max(maxPoints, g.contours().stream().mapToInt(c -> c.length).sum());
                maxContours = Math.max(maxContours, g.contours().size());
            }
            ByteArrayOutputStream glyf = new ByteArrayOutputStream();
            List<Integer> offsets = new ArrayList<>();
            for (byte[] data : glyphData) {
                offsets.add(glyf.size());
                glyf.writeBytes(data);
            }
            offsets.add(glyf.size());
            tables.put("glyf", glyf.toByteArray());
            tables.put("loca", table(out -> {
                for (int offset : offsets) {
                    out.writeInt(offset);
                }
            }));
            final int[] b = fontBox;
            final int points = maxPoints;
            final int contours = maxContours;
            final int advanceMax = maxAdvance;
            tables.put("head", table(out -> {
                out.writeInt(0x00010000); // version
                out.writeInt(0x00010000); // fontRevision 1.0
                out.writeInt(0); // checkSumAdjustment, set once the file is whole
                out.writeInt(0x5F0F3CF5); // magic
                out.writeShort(0x000B); // baseline at y=0, lsb at x=0, integer scaling
                out.writeShort(EM);
                out.writeLong(0); // created: none, so every build writes the same bytes
                out.writeLong(0); // modified
                out.writeShort(b[0]);
                out.writeShort(b[1]);
                out.writeShort(b[2]);
                out.writeShort(b[3]);
                out.writeShort(0); // macStyle
                out.writeShort(8); // lowestRecPPEM
                out.writeShort(2); // fontDirectionHint
                out.writeShort(1); // indexToLocFormat: long offsets
                out.writeShort(0); // glyphDataFormat
            }));
            tables.put("hhea", table(out -> {
                out.writeInt(0x00010000);
                out.writeShort(800); // ascender
                out.writeShort(-200); // descender
                out.writeShort(0); // lineGap
                out.writeShort(advanceMax);
                out.writeShort(0); // minLeftSideBearing
                out.writeShort(ADVANCE - b[2]); // minRightSideBearing (approximate, informational)
                out.writeShort(b[2]); // xMaxExtent
                out.writeShort(1); // caretSlopeRise
                out.writeShort(0); // caretSlopeRun
                out.writeShort(0); // caretOffset
                out.writeLong(0); // reserved
                out.writeShort(0); // metricDataFormat
                out.writeShort(glyphs.size()); // numberOfHMetrics
            }));
            tables.put("hmtx", table(out -> {
                for (Glyph g : glyphs) {
                    out.writeShort(g.advance());
                    out.writeShort(g.contours().isEmpty() ? 0 : box(g)[0]);
                }
            }));
            tables.put("maxp", table(out -> {
                out.writeInt(0x00010000);
                out.writeShort(glyphs.size());
                out.writeShort(points);
                out.writeShort(contours);
                out.writeShort(0); // maxCompositePoints
                out.writeShort(0); // maxCompositeContours
                out.writeShort(2); // maxZones
                for (int i = 0; i < 9; i++) {
                    out.writeShort(0); // twilight points, storage, defs, stack, instructions, components
                }
            }));
            tables.put("OS/2", table(out -> {
                out.writeShort(4); // version
                out.writeShort(ADVANCE); // xAvgCharWidth
                out.writeShort(400); // usWeightClass
                out.writeShort(5); // usWidthClass: medium
                out.writeShort(0); // fsType: installable
                for (int v : new int[] {650, 600, 0, 75, 650, 600, 0, 350}) {
                    out.writeShort(v); // sub- and superscript sizes and offsets
                }
                out.writeShort(50); // yStrikeoutSize
                out.writeShort(300); // yStrikeoutPosition
                out.writeShort(0); // sFamilyClass
                out.write(new byte[10]); // PANOSE: any
                out.writeInt(1); // ulUnicodeRange1: Basic Latin
                out.writeInt(0);
                out.writeInt(0);
                out.writeInt(0);
                out.write("KOOR".getBytes(StandardCharsets.US_ASCII)); // achVendID
                out.writeShort(0x0040); // fsSelection: REGULAR
                out.writeShort(chars.get(0)); // usFirstCharIndex
                out.writeShort(chars.get(chars.size() - 1)); // usLastCharIndex
                out.writeShort(800); // sTypoAscender
                out.writeShort(-200); // sTypoDescender
                out.writeShort(0); // sTypoLineGap
                out.writeShort(800); // usWinAscent
                out.writeShort(200); // usWinDescent
                out.writeInt(1); // ulCodePageRange1: Latin 1
                out.writeInt(0);
                out.writeShort(CAP); // sxHeight (capitals only)
                out.writeShort(CAP); // sCapHeight
                out.writeShort(0); // usDefaultChar
                out.writeShort(' '); // usBreakChar
                out.writeShort(1); // usMaxContext
            }));
            tables.put("cmap", cmap());
            tables.put("name", name());
            tables.put("post", table(out -> {
                out.writeInt(0x00030000); // version 3: no glyph names
                out.writeInt(0); // italicAngle
                out.writeShort(-100); // underlinePosition
                out.writeShort(50); // underlineThickness
                out.writeInt(0); // isFixedPitch
                out.writeLong(0); // memory use: unknown
                out.writeLong(0);
            }));
            return assemble(tables);
        }

        /** A simple glyph: contours of on-curve points, coordinates as 16-bit deltas, no instructions. */
        private static byte[] glyf(Glyph g) {
            if (g.contours().isEmpty()) {
                return new byte[0];
            }
            int[] b = box(g);
            return table(out -> {
                out.writeShort(g.contours().size());
                out.writeShort(b[0]);
                out.writeShort(b[1]);
                out.writeShort(b[2]);
                out.writeShort(b[3]);
                int end = -1;
                for (int[][] contour : g.contours()) {
                    end += contour.length;
                    out.writeShort(end);
                }
                out.writeShort(0); // instructionLength
                List<int[]> points = new ArrayList<>();
                g.contours().forEach(c -> points.addAll(List.of(c)));
                for (int i = 0; i < points.size(); i++) {
                    out.writeByte(0x01); // on curve, x and y as signed 16-bit deltas
                }
                int x = 0;
                for (int[] p : points) {
                    out.writeShort(p[0] - x);
                    x = p[0];
                }
                int y = 0;
                for (int[] p : points) {
                    out.writeShort(p[1] - y);
                    y = p[1];
                }
            });
        }

        /** Windows Unicode BMP (3, 1), format 4: one segment per character, then the closing 0xFFFF segment. */
        private byte[] cmap() {
            int segments = chars.size() + 1;
            int searchRange = 2 * Integer.highestOneBit(segments);
            int entrySelector = Integer.numberOfTrailingZeros(Integer.highestOneBit(segments));
            byte[] subtable = table(out -> {
                out.writeShort(4);
                out.writeShort(16 + 8 * segments);
                out.writeShort(0); // language
                out.writeShort(2 * segments);
                out.writeShort(searchRange);
                out.writeShort(entrySelector);
                out.writeShort(2 * segments - searchRange);
                for (Character c : chars) {
                    out.writeShort(c);
                }
                out.writeShort(0xFFFF);
                out.writeShort(0); // reservedPad
                for (Character c : chars) {
                    out.writeShort(c);
                }
                out.writeShort(0xFFFF);
                for (int i = 0; i < chars.size(); i++) {
                    out.writeShort((i + 1 - chars.get(i)) & 0xFFFF); // idDelta: glyph id minus code
                }
                out.writeShort(1);
                for (int i = 0; i < segments; i++) {
                    out.writeShort(0); // idRangeOffset
                }
            });
            return table(out -> {
                out.writeShort(0);
                out.writeShort(1);
                out.writeShort(3);
                out.writeShort(1);
                out.writeInt(12);
                out.write(subtable);
            });
        }

        private static byte[] name() {
            String[] names = {
                    null,
                    FAMILY, // 1 family
                    "Regular", // 2 subfamily
                    "Koor Glyphs Regular 1.0", // 3 unique id
                    FAMILY + " Regular", // 4 full name
                    "Version 1.0", // 5 version
                    "KoorGlyphs-Regular", // 6 PostScript name
            };
            ByteArrayOutputStream strings = new ByteArrayOutputStream();
            int count = names.length - 1;
            return table(out -> {
                out.writeShort(0); // format
                out.writeShort(count);
                out.writeShort(6 + 12 * count); // stringOffset
                for (int id = 1; id < names.length; id++) {
                    byte[] text = names[id].getBytes(StandardCharsets.UTF_16BE);
                    out.writeShort(3);
                    out.writeShort(1);
                    out.writeShort(0x409); // en-US
                    out.writeShort(id);
                    out.writeShort(text.length);
                    out.writeShort(strings.size());
                    strings.writeBytes(text);
                }
                out.write(strings.toByteArray());
            });
        }

        /** The table directory, tables 4-byte aligned in tag order, checksums, and head's checkSumAdjustment. */
        private static byte[] assemble(Map<String, byte[]> tables) {
            int count = tables.size();
            int searchRange = 16 * Integer.highestOneBit(count);
            int offset = 12 + 16 * count;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ByteArrayOutputStream directory = new ByteArrayOutputStream();
            int headAt = 0;
            try (DataOutputStream dir = new DataOutputStream(directory)) {
                dir.writeInt(0x00010000);
                dir.writeShort(count);
                dir.writeShort(searchRange);
                dir.writeShort(Integer.numberOfTrailingZeros(Integer.highestOneBit(count)));
                dir.writeShort(16 * count - searchRange);
                for (Map.Entry<String, byte[]> table : tables.entrySet()) {
                    byte[] data = table.getValue();
                    dir.write(table.getKey().getBytes(StandardCharsets.US_ASCII));
                    dir.writeInt((int) checksum(data));
                    dir.writeInt(offset + body.size());
                    dir.writeInt(data.length);
                    if (table.getKey().equals("head")) {
                        headAt = offset + body.size();
                    }
                    body.writeBytes(data);
                    body.writeBytes(new byte[(4 - data.length % 4) % 4]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] font = new byte[directory.size() + body.size()];
            System.arraycopy(directory.toByteArray(), 0, font, 0, directory.size());
            System.arraycopy(body.toByteArray(), 0, font, directory.size(), body.size());
            long adjustment = (0xB1B0AFBAL - checksum(font)) & 0xFFFFFFFFL;
            for (int i = 0; i < 4; i++) {
                font[headAt + 8 + i] = (byte) (adjustment >>> (24 - 8 * i));
            }
            return font;
        }

        private static long checksum(byte[] data) {
            long sum = 0;
            for (int i = 0; i < data.length; i += 4) {
                long word = 0;
                for (int j = 0; j < 4; j++) {
                    word = (word << 8) | (i + j < data.length ? data[i + j] & 0xFF : 0);
                }
                sum = (sum + word) & 0xFFFFFFFFL;
            }
            return sum;
        }
    }

    private static byte[] table(BigEndian.Body body) {
        return BigEndian.bytes(body);
    }
}
