package dev.scratchnet.inference;

import java.io.IOException;
import java.io.InputStream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.scratchnet.storage.ScratchnetProperties;

/** {@code POST /predict}: JSON inputs, a multipart {@code image}, or a raw PNG or JPEG body. */
@RestController
@Tag(name = "Predict", description = "Classify inputs or a picture of a digit with a saved model")
class PredictController {

    private static final String MODEL_HELP = "Model id; default: the latest model";

    private final Predictor predictor;
    private final long maxImageBytes;

    PredictController(Predictor predictor, ScratchnetProperties properties) {
        this.predictor = predictor;
        this.maxImageBytes = properties.predict().maxImageBytes().toBytes();
    }

    @PostMapping(path = "/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Classify one input or many",
            description = "Send exactly one of input and inputs. Each input has as many values as the model's input "
                    + "layer: pixel intensities in [0, 1] for a model of an image dataset, raw feature values for a "
                    + "model of a CSV dataset (the model applies its dataset's standardisation).")
    @ApiResponse(responseCode = "200", description = "One prediction per input, in order")
    @ApiResponse(responseCode = "400", description = "Neither or both of input and inputs, a wrong length, a value "
            + "out of range or not finite, an unknown field; errors names it")
    @ApiResponse(responseCode = "404", description = "No model with that id")
    @ApiResponse(responseCode = "413", description = "More inputs than scratchnet.predict.max-inputs")
    @ApiResponse(responseCode = "503", description = "No model yet; the detail says how to train one")
    PredictResponse predict(@Parameter(description = MODEL_HELP) @RequestParam(required = false) String model,
            @RequestBody PredictRequest request) {
        return predictor.predict(model, request);
    }

    @PostMapping(path = "/predict", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Classify a picture of a digit sent as a form field",
            description = "image is a PNG or JPEG of any size within the pixel budget; dark ink on light paper "
                    + "works as well as a light digit on black. It is made into a centred 28×28 field as MNIST was.")
    @ApiResponse(responseCode = "200", description = "The prediction")
    @ApiResponse(responseCode = "413", description = "Over scratchnet.predict.max-image-bytes or max-image-pixels")
    @ApiResponse(responseCode = "415", description = "Neither PNG nor JPEG")
    @ApiResponse(responseCode = "400", description = "The model takes no images: its inputs are not 784 pixels")
    @ApiResponse(responseCode = "422", description = "Undecodable, or blank: no digit in it")
    PredictResponse predictForm(@Parameter(description = MODEL_HELP) @RequestParam(required = false) String model,
            @Parameter(description = "PNG or JPEG") @RequestPart MultipartFile image) throws IOException {
        if (image.getSize() > maxImageBytes) {
            throw tooLarge(image.getSize());
        }
        return predictor.predictImage(model, image.getBytes());
    }

    @PostMapping(path = "/predict", consumes = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE})
    @Operation(summary = "Classify a picture of a digit sent as the body",
            description = "The same as the form upload, for "
                    + "curl --data-binary @digit.png -H 'Content-Type: image/png'.")
    @ApiResponse(responseCode = "200", description = "The prediction")
    PredictResponse predictImage(@Parameter(description = MODEL_HELP) @RequestParam(required = false) String model,
            HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxImageBytes) {
            throw tooLarge(declared);
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            // One byte more than allowed tells a chunked body that is too long from one that just fits.
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxImageBytes + 1));
        }
        if (bytes.length > maxImageBytes) {
            throw tooLarge(bytes.length);
        }
        return predictor.predictImage(model, bytes);
    }

    private ImageRejectedException tooLarge(long bytes) {
        return ImageRejectedException.tooLarge("The image has " + bytes + " bytes, more than the limit of "
                + maxImageBytes, bytes + " bytes", "at most " + maxImageBytes + " bytes");
    }
}
