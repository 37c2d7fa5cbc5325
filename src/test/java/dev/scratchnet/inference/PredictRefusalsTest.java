package dev.scratchnet.inference;

import static dev.scratchnet.ServiceClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.scratchnet.ServiceClient;
import dev.scratchnet.ServiceClient.Form;
import dev.scratchnet.ServiceHome;
import dev.scratchnet.dataset.FeatureScaling;
import dev.scratchnet.engine.Activation;
import dev.scratchnet.engine.Architecture;
import dev.scratchnet.model.ModelRegistry;
import dev.scratchnet.model.SavedModel;
import dev.scratchnet.model.TestModels;

/** Every input {@code /predict} refuses answers 4xx problem+json naming the field, and never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "scratchnet.predict.max-image-bytes=1MB")
@ServiceHome.Fresh
class PredictRefusalsTest {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    ServiceClient client;
    String predict;

    @BeforeEach
    void pixelModel() {
        client = new ServiceClient(port);
        predict = "/predict?model=" + registry.publish(TestModels.untrainedMnist(11)).id();
    }

    /** A request to refuse: its status and the field its problem must name (null: none to name). */
    private record Refusal(String description, HttpResponse<String> response, int status, String field) {
    }

    @Test
    void jsonRefusalsNameTheInput() {
        String image = TestModels.json(TestModels.testImage(0));
        double[] bright = TestModels.testImage(0);
        bright[5] = 1.5;
        double[] negative = TestModels.testImage(0);
        negative[0] = -0.1;
        String infinite = image.replaceFirst("0\\.0", "1e999");
        String inputs = TestModels.testImagesJson(0, 5);
        List<Refusal> refusals = List.of(
                refusal("783 values", "{\"input\": " + TestModels.json(Arrays.copyOf(bright, 783)) + "}", 400,
                        "input"),
                refusal("last row too long", inputs.replace("]]}", ",0.5]]}"), 400, "inputs[4]"),
                refusal("above 1", "{\"input\": " + TestModels.json(bright) + "}", 400, "input[5]"),
                refusal("below 0", "{\"input\": " + TestModels.json(negative) + "}", 400, "input[0]"),
                refusal("both", "{\"input\": " + image + ", \"inputs\": [" + image + "]}", 400, "inputs"),
                refusal("neither", "{}", 400, "input"),
                refusal("unknown field", "{\"input\": " + image + ", \"threshold\": 0.5}", 400, "threshold"),
                refusal("NaN", "{\"input\": [NaN]}", 400, "input[0]"),
                refusal("overflows to Infinity", "{\"input\": " + infinite + "}", 400, "input[0]"),
                refusal("number as text", "{\"input\": [\"0.5\"]}", 400, "input[0]"),
                refusal("null number", "{\"input\": [0.1, null]}", 400, "input[1]"),
                refusal("null row", "{\"inputs\": [" + image + ", null]}", 400, "inputs[1]"),
                refusal("no rows", "{\"inputs\": []}", 400, "inputs"),
                refusal("more rows than allowed", "{\"inputs\": [" + "[0],".repeat(10_000) + "[0]]}", 413,
                        "inputs"),
                refusal("repeated field", "{\"input\": " + image + ", \"input\": " + image + "}", 400, "input"),
                refusal("malformed", "{\"input\": [0.1, ", 400, null),
                refusal("array body", "[0.1]", 400, "body"),
                new Refusal("unknown model", client.postJson("/predict?model=m404", "{\"input\": " + image + "}"),
                        404, null));

        assertRefused(refusals);
    }

    @Test
    void imageRefusalsNameTheImage() throws IOException {
        byte[] png = DigitPictures.encode(DigitPictures.render(TestModels.testImage(0), 100, false), "png");
        byte[] garbageJpeg = new byte[4000];
        new Random(3).nextBytes(garbageJpeg);
        garbageJpeg[0] = (byte) 0xFF;
        garbageJpeg[1] = (byte) 0xD8;
        garbageJpeg[2] = (byte) 0xFF;
        Architecture table = new Architecture(List.of(4, 3, 2), Activation.SIGMOID, Activation.SOFTMAX);
        SavedModel csv = registry.publish(TestModels.untrained(table, "flowers", List.of("a", "b"),
                new FeatureScaling(new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1}), 12));
        List<Refusal> refusals = List.of(
                image("100000×100000 in its header", pngHeader(100_000, 100_000), 413),
                image("6000×6000 black pixels in a PNG of a few KB", blackPng(6000, 6000), 413),
                image("a JPEG declaring 65500×65500", jpegDeclaring(65_500, 65_500), 413),
                image("cut in half", Arrays.copyOf(png, png.length / 2), 422),
                image("four channels with an unknown colour transform", fourChannelJpeg(1), 422),
                image("garbage after a JPEG marker", garbageJpeg, 422),
                image("GIF sent as PNG", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), 415),
                image("blank", DigitPictures.encode(new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY), "png"),
                        422),
                image("over 1MB", Arrays.copyOf(png, 1_100_000), 413),
                new Refusal("empty form", client.post(predict, new Form().field("other", "x")), 400, "image"),
                new Refusal("model of a CSV table", client.post("/predict?model=" + csv.id(), "image/png", png), 400,
                        "image"),
                new Refusal("text body", client.post(predict, "text/plain", "7".getBytes()), 415, null));

        assertRefused(refusals);
    }

    /** Java's decoder converts CMYK and YCCK (Adobe transforms 0 and 2) itself, so those are classified. */
    @Test
    void cmykAndYcckJpegsAreDecoded() throws IOException {
        for (int transform : new int[] {0, 2}) {
            assertThat(client.post(predict, "image/jpeg", fourChannelJpeg(transform)).statusCode()).isEqualTo(200);
        }
    }

    private Refusal refusal(String description, String json, int status, String field) {
        return new Refusal(description, client.postJson(predict, json), status, field);
    }

    private Refusal image(String description, byte[] bytes, int status) {
        return new Refusal(description, client.post(predict, "image/png", bytes), status, "image");
    }

    private static void assertRefused(List<Refusal> refusals) {
        assertThat(refusals).isNotEmpty();
        for (Refusal refusal : refusals) {
            HttpResponse<String> response = refusal.response();
            assertThat(response.statusCode()).as(refusal.description() + ": " + response.body())
                    .isEqualTo(refusal.status());
            assertThat(response.headers().firstValue("Content-Type")).as(refusal.description())
                    .hasValue(PROBLEM_JSON);
            if (refusal.field() != null) {
                assertThat(json(response).path("errors").path(0).path("field").asString(""))
                        .as(refusal.description() + ": " + response.body()).isEqualTo(refusal.field());
            }
        }
    }

    /** A PNG whose header claims the given size, followed by a token of data: a decompression bomb's shape. */
    /** A real, complete PNG: one bit a pixel, all zero, deflated to almost nothing. */
    private static byte[] blackPng(int width, int height) throws IOException {
        byte[] png = DigitPictures.encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertThat(png.length).as("a decompression bomb is small").isLessThan(100_000);
        return png;
    }

    /** A small real JPEG whose frame header (SOF0) is made to declare the given size. */
    private static byte[] jpegDeclaring(int width, int height) throws IOException {
        byte[] jpeg = DigitPictures.encode(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "jpg");
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                // FF C0, length (2), precision (1), then height and width, big-endian.
                ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
                return jpeg;
            }
        }
        throw new IllegalStateException("The encoder wrote no baseline frame header");
    }

    private static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * A four-channel JPEG with an Adobe marker naming its colour transform: 0 is CMYK, 2 is YCCK (as print workflows
     * write them), 1 (YCbCr) is impossible with four channels and no decoder can make an image of it.
     */
    private static byte[] fourChannelJpeg(int adobeTransform) throws IOException {
        WritableRaster raster = Raster.createBandedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int band = 0; band < 4; band++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    raster.setSample(x, y, band, (x * 8 + band * 40) & 0xFF);
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] plain = bytes.toByteArray();
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        marked.write(plain, 0, 2);
        marked.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) adobeTransform});
        marked.write(plain, 2, plain.length - 2);
        return marked.toByteArray();
    }
}
