package dev.scratchnet.dataset;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /datasets}: list the datasets jobs can name, upload new ones and delete uploaded ones. */
@RestController
@RequestMapping("/datasets")
@Tag(name = "Datasets", description = "Built-in, configured, downloaded and uploaded training data")
class DatasetController {

    private final DatasetCatalog catalog;
    private final UploadedDatasets uploads;

    DatasetController(DatasetCatalog catalog, UploadedDatasets uploads) {
        this.catalog = catalog;
        this.uploads = uploads;
    }

    @GetMapping
    @Operation(summary = "List every dataset",
            description = "Built-in first, then configured, then uploaded. An unavailable dataset says where its "
                    + "files were looked for and, if it has mirrors, how its download is going.")
    List<DatasetInfo> list() {
        return catalog.list();
    }

    @GetMapping("/{name}")
    @Operation(summary = "Describe one dataset without loading it")
    @ApiResponse(responseCode = "200", description = "The dataset")
    @ApiResponse(responseCode = "404", description = "No such dataset; the detail lists the known names")
    DatasetInfo get(@PathVariable String name) {
        return catalog.info(name);
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a dataset",
            description = "Either a CSV table (file, with label naming its label column; numeric features, "
                    + "standardised with the training split's mean and deviation) or IDX files (images and labels, "
                    + "optionally testImages and testLabels). Without uploaded test files, testFraction of the "
                    + "rows (default 0.2) is held out by a shuffle seeded with seed (default 0).")
    @ApiResponse(responseCode = "201", description = "Stored; jobs can name it now")
    @ApiResponse(responseCode = "400", description = "Missing or contradictory form fields, or an invalid name")
    @ApiResponse(responseCode = "409", description = "The name is taken")
    @ApiResponse(responseCode = "413", description = "Over the configured bytes, rows or columns")
    @ApiResponse(responseCode = "422", description = "Malformed content; the detail names the row and column")
    @ApiResponse(responseCode = "507", description = "The server's disk is full (or would go below "
            + "scratchnet.storage.min-free-space), or uploaded datasets would pass scratchnet.limits.stored-datasets; "
            + "the detail gives the quota and the bytes in use")
    ResponseEntity<DatasetInfo> upload(
            @Parameter(description = "The dataset's name", example = "iris")
            @RequestParam @Pattern(regexp = DatasetName.PATTERN) String name,
            @Parameter(description = "CSV table with a header row") @RequestPart(required = false) MultipartFile file,
            @Parameter(description = "Header of the CSV's label column", example = "species")
            @RequestParam(required = false) String label,
            @Parameter(description = "IDX images (idx3-ubyte, raw or gzip)")
            @RequestPart(required = false) MultipartFile images,
            @Parameter(description = "IDX labels (idx1-ubyte, raw or gzip)")
            @RequestPart(required = false) MultipartFile labels,
            @Parameter(description = "IDX test images") @RequestPart(required = false) MultipartFile testImages,
            @Parameter(description = "IDX test labels") @RequestPart(required = false) MultipartFile testLabels,
            @Parameter(description = "Share of rows held out for testing when no test files are sent",
                    example = "0.2")
            @RequestParam(required = false) @DecimalMin(value = "0", inclusive = false)
            @DecimalMax(value = "1", inclusive = false) Double testFraction,
            @Parameter(description = "Seed of the held-out shuffle", example = "0")
            @RequestParam(required = false) Long seed) throws IOException {
        Dataset dataset = uploads.create(new DatasetUpload(name, file, label, images, labels, testImages,
                testLabels, testFraction, seed));
        return ResponseEntity.created(URI.create("/datasets/" + name))
                .body(DatasetInfo.of(dataset, uploads.folder(name)));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete an uploaded dataset",
            description = "Built-in and configured datasets cannot be deleted (409).")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No uploaded dataset of that name")
    @ApiResponse(responseCode = "409", description = "Built in or configured")
    ResponseEntity<Void> delete(@PathVariable String name) throws IOException {
        uploads.delete(name);
        return ResponseEntity.noContent().build();
    }
}
