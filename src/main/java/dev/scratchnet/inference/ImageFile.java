package dev.scratchnet.inference;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an uploaded PNG or JPEG into grey levels, defensively: the type is told by the file's signature, the
 * pixel budget is checked from the header before any pixel is decoded, and every decoder failure is the client's
 * 4xx, never a 500.
 */
final class ImageFile {

    /**
     * Images are decoded subsampled to at most this many pixels a side: the digit ends up 20 pixels tall, so only a
     * stroke thinner than 1/512 of the picture is lost, and a request holds about 3 MB of pixels instead of 70 MB
     * at 2048², which a few concurrent uploads could turn into an OutOfMemoryError on a 512 MB heap.
     */
    static final int MAX_DECODED_SIDE = 512;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageFile() {
    }

    /** Grey levels in [0, 1] (0 black), row by row, with each pixel's opacity in [0, 1]. */
    record Grey(int width, int height, float[] levels, float[] alpha) {
    }

    static Grey decode(byte[] bytes, long maxPixels) {
        String format = format(bytes);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw ImageRejectedException.unsupported("This JVM has no " + format + " decoder", format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw ImageRejectedException.tooLarge("The image is " + width + "×" + height + " = "
                        + (long) width * height + " pixels, more than the limit of " + maxPixels,
                        width + "×" + height, "at most " + maxPixels + " pixels");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = (Math.max(width, height) + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE;
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            return grey(reader.read(0, param));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageRejectedException rejected) {
                throw rejected;
            }
            // ImageIO's decoders report hostile or truncated files with IIOException and with runtime exceptions
            // (index out of bounds, illegal argument): both are the file's fault.
            throw ImageRejectedException.undecodable("The " + format + " image could not be decoded: "
                    + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static String format(byte[] bytes) {
        if (startsWith(bytes, PNG)) {
            return "png";
        }
        if (startsWith(bytes, JPEG)) {
            return "jpeg";
        }
        String start = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 8));
        throw ImageRejectedException.unsupported(bytes.length == 0 ? "The image is empty"
                : "Only PNG and JPEG images are read; this one starts with " + start, start);
    }

    private static boolean startsWith(byte[] bytes, byte[] signature) {
        if (bytes.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (bytes[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Grey rasters are read as stored: {@code getRGB} would treat their levels as linear light and brighten them.
     * Colour is weighted as ITU-R BT.601 luma, as PIL's {@code convert("L")} does.
     */
    static Grey grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] levels = new float[width * height];
        float[] alpha = new float[width * height];
        ColorModel model = image.getColorModel();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            Raster raster = image.getRaster();
            float levelMax = (1 << model.getComponentSize(0)) - 1;
            float alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    levels[y * width + x] = raster.getSample(x, y, 0) / levelMax;
                    alpha[y * width + x] = model.hasAlpha() ? raster.getSample(x, y, 1) / alphaMax : 1f;
                }
            }
            return new Grey(width, height, levels, alpha);
        }
        int[] argb = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, argb, 0, width);
            for (int x = 0; x < width; x++) {
                int pixel = argb[x];
                levels[y * width + x] = (0.299f * (pixel >> 16 & 0xFF) + 0.587f * (pixel >> 8 & 0xFF)
                        + 0.114f * (pixel & 0xFF)) / 255f;
                alpha[y * width + x] = (pixel >>> 24) / 255f;
            }
        }
        return new Grey(width, height, levels, alpha);
    }
}
