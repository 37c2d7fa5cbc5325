package dev.scratchnet.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;

/** How far fetching a dataset's files has come; bytes count the file in progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Progress of fetching a dataset's files from its mirrors", example = """
        {"state":"downloading","file":"train-images-idx3-ubyte.gz","filesDone":1,"fileCount":4,
         "bytes":1048576,"totalBytes":26421880}""")
public record DownloadProgress(State state, String file, int filesDone, int fileCount, long bytes, long totalBytes,
        @Schema(description = "Why the last attempt failed; the next use of the dataset tries again") String error) {

    /** Stages of a download. */
    public enum State {
        NOT_STARTED, DOWNLOADING, DONE, FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    static DownloadProgress notStarted(int fileCount) {
        return new DownloadProgress(State.NOT_STARTED, null, 0, fileCount, 0, -1, null);
    }
}
