package dev.scratchnet.dataset;

import java.util.concurrent.atomic.AtomicReference;

import dev.scratchnet.dataset.DownloadProgress.State;

/** The progress of one dataset's download, written by the downloading thread and read by listings. */
final class DownloadTracker {

    private final AtomicReference<DownloadProgress> progress;

    DownloadTracker(int fileCount) {
        progress = new AtomicReference<>(DownloadProgress.notStarted(fileCount));
    }

    DownloadProgress snapshot() {
        return progress.get();
    }

    void startFile(String file, int filesDone, long totalBytes) {
        DownloadProgress now = progress.get();
        progress.set(new DownloadProgress(State.DOWNLOADING, file, filesDone, now.fileCount(), 0, totalBytes, null));
    }

    void bytes(long bytes) {
        DownloadProgress now = progress.get();
        progress.set(new DownloadProgress(now.state(), now.file(), now.filesDone(), now.fileCount(), bytes,
                now.totalBytes(), null));
    }

    void done() {
        DownloadProgress now = progress.get();
        progress.set(new DownloadProgress(State.DONE, null, now.fileCount(), now.fileCount(), 0, -1, null));
    }

    void failed(String error) {
        DownloadProgress now = progress.get();
        progress.set(new DownloadProgress(State.FAILED, now.file(), now.filesDone(), now.fileCount(), now.bytes(),
                now.totalBytes(), error));
    }
}
