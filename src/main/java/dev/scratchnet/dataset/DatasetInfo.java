package dev.scratchnet.dataset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** What {@code GET /datasets} says about one dataset; sizes are absent while it is unavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A dataset a job can name", example = """
        {"name":"mnist","source":"built_in","available":true,"trainSize":60000,"testSize":10000,
         "inputSize":784,"classCount":10,"classNames":["0","1","2","3","4","5","6","7","8","9"],
         "location":"classpath:/datasets/mnist/"}""")
public record DatasetInfo(
        @Schema(example = "fashion-mnist") String name,
        @Schema(description = "built_in, directory, downloaded or uploaded", example = "directory")
        Dataset.Source source,
        @Schema(description = "Whether a job can train on it now") boolean available,
        @Schema(example = "60000") Integer trainSize,
        @Schema(example = "10000") Integer testSize,
        @Schema(description = "Features per sample: pixels for images, columns for tables", example = "784")
        Integer inputSize,
        @Schema(example = "10") int classCount,
        @Schema(description = "Class names in label order", example = "[\"T-shirt/top\",\"Trouser\"]")
        List<String> classNames,
        @Schema(description = "Where the files were found", example = "/usr/share/datasets/fashion-mnist")
        String location,
        @Schema(description = "Where the files were looked for, when they were not found",
                example = "[\"scratchnet-home/datasets/kmnist\",\"/usr/share/datasets/kmnist\"]")
        List<String> searchedPaths,
        @Schema(description = "Download state, for datasets with mirrors") DownloadProgress download,
        @Schema(description = "Why an available-looking dataset cannot be read, or why it cannot be downloaded")
        String problem) {

    static DatasetInfo of(Dataset dataset, String location) {
        return new DatasetInfo(dataset.name(), dataset.source(), true, dataset.train().size(),
                dataset.test().size(), dataset.inputSize(), dataset.classCount(), dataset.classNames(), location,
                null, null, null);
    }

    DatasetInfo withDownload(DownloadProgress progress) {
        return new DatasetInfo(name, source, available, trainSize, testSize, inputSize, classCount, classNames,
                location, searchedPaths, progress, problem);
    }
}
