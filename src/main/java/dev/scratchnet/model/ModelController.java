package dev.scratchnet.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.scratchnet.model.ModelRegistry.LoadedModel;

/** {@code /models}: the saved networks, their weights as {@code .npz}, uploads of networks trained elsewhere. */
@RestController
@RequestMapping("/models")
@Tag(name = "Models", description = "Saved networks: describe, download, upload, evaluate, delete")
class ModelController {

    private final ModelRegistry registry;
    private final ModelImport imports;
    private final ModelEvaluator evaluator;

    ModelController(ModelRegistry registry, ModelImport imports, ModelEvaluator evaluator) {
        this.registry = registry;
        this.imports = imports;
        this.evaluator = evaluator;
    }

    @GetMapping
    @Operation(summary = "List every model, newest first")
    List<ModelInfo> list() {
        LoadedModel latest = registry.latest().orElse(null);
        return registry.list().stream().map(model -> info(model, latest)).toList();
    }

    @GetMapping("/latest")
    @Operation(summary = "The model /predict uses by default: the one registered last")
    @ApiResponse(responseCode = "200", description = "The latest model")
    @ApiResponse(responseCode = "404", description = "No model yet; the detail says how to make one")
    ModelInfo latest() {
        LoadedModel latest = registry.latest().orElseThrow(ModelNotFoundException::noneYet);
        return ModelInfo.of(latest.model(), true);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Describe one model")
    @ApiResponse(responseCode = "200", description = "The model")
    @ApiResponse(responseCode = "404", description = "No such model")
    ModelInfo get(@PathVariable String id) {
        return info(find(id).model(), registry.latest().orElse(null));
    }

    @GetMapping(path = "/{id}/weights", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "Download a model's weights as .npz",
            description = "Keys W1 b1 W2 b2 …, float64, W_k of shape (inputs, outputs): "
                    + "np.load('m1.npz')['W1'].shape == (784, 50).")
    @ApiResponse(responseCode = "200", description = "The .npz file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
    @ApiResponse(responseCode = "404", description = "No such model")
    ResponseEntity<Resource> weights(@PathVariable String id) throws IOException {
        SavedModel model = find(id).model();
        InputStream in;
        try {
            // Opened before answering: a delete racing this request then still lets the download finish.
            in = Files.newInputStream(registry.weightsFile(model.id()));
        } catch (NoSuchFileException e) {
            throw ModelNotFoundException.byId(id);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(model.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(model.id() + ".npz").build().toString())
                .body(new InputStreamResource(in));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Register a network trained elsewhere",
            description = "weights is an .npz with W1 b1 … Wn bn as np.savez writes them (the book's "
                    + "sample_weight.npz works). The new model becomes the latest, which /predict serves. A refused "
                    + "upload changes nothing.")
    @ApiResponse(responseCode = "201", description = "Registered; Location names it")
    @ApiResponse(responseCode = "400", description = "An unknown activation, loss or dataset, or class names or a "
            + "dataset that do not fit the weights")
    @ApiResponse(responseCode = "413", description = "More parameters than this server accepts in one upload")
    @ApiResponse(responseCode = "422", description = "weights is not a network's .npz; the detail names the fault")
    @ApiResponse(responseCode = "507", description = "The server's disk is full (or would go below "
            + "scratchnet.storage.min-free-space), or uploaded models would pass scratchnet.limits.stored-models; "
            + "the detail gives the quota and the bytes in use. The latest model keeps serving")
    ResponseEntity<ModelInfo> upload(
            @Parameter(description = ".npz with W1 b1 … Wn bn") @RequestPart MultipartFile weights,
            @Parameter(description = "Activation of the hidden layers", example = "sigmoid")
            @RequestParam String activation,
            @Parameter(description = "Activation of the output layer", example = "softmax")
            @RequestParam String outputActivation,
            @Parameter(description = "One name per output, repeated or comma-separated; default: the dataset's")
            @RequestParam(required = false) List<String> classNames,
            @Parameter(description = "The dataset it was trained for: its scaling and class names are adopted",
                    example = "mnist")
            @RequestParam(required = false) String dataset,
            @Parameter(description = "cross_entropy (default) or sum_squares", example = "cross_entropy")
            @RequestParam(required = false) String loss) {
        SavedModel saved = imports.register(new ModelImport.Upload(weights, activation, outputActivation, classNames,
                dataset, loss));
        return ResponseEntity.created(URI.create("/models/" + saved.id())).body(ModelInfo.of(saved, true));
    }

    @PostMapping("/{id}/evaluate")
    @Operation(summary = "Accuracy, loss, per-class accuracy and confusion matrix on a dataset split",
            description = "Changes nothing, so like /predict it needs no API key unless reads do.")
    @ApiResponse(responseCode = "200", description = "The figures")
    @ApiResponse(responseCode = "400", description = "Unknown dataset or split, or one that does not fit the model")
    @ApiResponse(responseCode = "404", description = "No such model")
    ModelEvaluation evaluate(@PathVariable String id, @RequestBody(required = false) EvaluationRequest request) {
        return evaluator.evaluate(find(id), request == null ? new EvaluationRequest(null, null) : request);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model", description = "If it was the latest, the one registered before it is "
            + "served from now on.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such model")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!registry.delete(id)) {
            throw ModelNotFoundException.byId(id);
        }
        return ResponseEntity.noContent().build();
    }

    private LoadedModel find(String id) {
        return registry.get(id).orElseThrow(() -> ModelNotFoundException.byId(id));
    }

    private static ModelInfo info(SavedModel model, LoadedModel latest) {
        return ModelInfo.of(model, latest != null && latest.model().id().equals(model.id()));
    }
}
