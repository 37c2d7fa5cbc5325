package dev.scratchnet.web;

import org.ojalgo.OjAlgoUtils;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import dev.scratchnet.dataset.DatasetCatalog;
import dev.scratchnet.model.ModelRegistry;

/**
 * What {@code /actuator/info} adds to the build's version: the engine (ojAlgo's version, whether the SIMD kernels
 * are on) and how many datasets and models there are.
 */
@Component
class ScratchnetInfo implements InfoContributor {

    /** The engine uses SIMD kernels exactly when the JVM was started with this module. */
    private static final boolean VECTORIZED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private final DatasetCatalog catalog;
    private final ModelRegistry registry;

    ScratchnetInfo(DatasetCatalog catalog, ModelRegistry registry) {
        this.catalog = catalog;
        this.registry = registry;
    }

    @Override
    public void contribute(Info.Builder builder) {
        String ojAlgo = OjAlgoUtils.class.getPackage().getImplementationVersion();
        builder.withDetail("engine", "ojAlgo " + (ojAlgo == null ? "(version unknown)" : ojAlgo) + ", vector kernels "
                + (VECTORIZED ? "on" : "off"));
        builder.withDetail("datasets", catalog.names().size());
        builder.withDetail("models", new Models(registry.list().size(),
                registry.latest().map(latest -> latest.model().id()).orElse(null)));
    }

    /** How many models there are and which one {@code /predict} serves by default. */
    record Models(int count, String latest) {
    }
}
