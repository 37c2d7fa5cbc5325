package dev.scratchnet.inference;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Pictures of MNIST digits as a person would send them: enlarged, encoded, and also as dark ink on white. */
final class DigitPictures {

    private DigitPictures() {
    }

    /** The 28×28 intensities drawn at {@code side}×{@code side} with bilinear smoothing, grey, optionally inverted. */
    static BufferedImage render(double[] pixels, int side, boolean darkOnLight) {
        BufferedImage small = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int level = (int) Math.round(pixels[y * 28 + x] * 255);
                small.getRaster().setSample(x, y, 0, darkOnLight ? 255 - level : level);
            }
        }
        BufferedImage large = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        var graphics = large.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(small, 0, 0, side, side, null);
        graphics.dispose();
        return large;
    }

    /** The image as RGB, for encoders that want colour (JPEG writers and most photos are colour). */
    static BufferedImage rgb(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var graphics = rgb.createGraphics();
        graphics.drawImage(image, 0, 0, null);
        graphics.dispose();
        return rgb;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
