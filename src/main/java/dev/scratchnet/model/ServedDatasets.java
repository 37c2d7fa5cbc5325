package dev.scratchnet.model;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.scratchnet.dataset.Dataset;
import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.dataset.DatasetInfo;
import dev.scratchnet.web.InvalidField;

/**
 * The datasets a model request may name: only those whose files are already on this server. Evaluation needs no
 * API key, so a request must never start a mirror download; that is a training job's work.
 */
@Component
class ServedDatasets {

    private final DatasetCatalog catalog;

    ServedDatasets(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    List<String> names() {
        return catalog.names();
    }

    /** The dataset, read from local files on first use; an unknown name is a 400, one not on disk a 409. */
    Dataset get(String name) {
        List<String> known = catalog.names();
        if (!known.contains(name)) {
            throw ModelRejectedException.badRequest("No dataset named '" + name + "'; known: "
                    + String.join(", ", known), new InvalidField("dataset", name, known));
        }
        DatasetInfo info = catalog.info(name);
        if (!info.available()) {
            throw ModelRejectedException.conflict("dataset " + name + " is not on this server yet"
                    + (info.problem() == null ? "" : " (" + info.problem() + ")")
                    + ": load it first, for example by training a job on it (POST /jobs), then retry",
                    new InvalidField("dataset", name, List.of("a dataset that is available (GET /datasets)")));
        }
        return catalog.get(name);
    }
}
