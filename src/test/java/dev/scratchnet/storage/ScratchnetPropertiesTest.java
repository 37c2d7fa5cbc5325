package dev.scratchnet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

/** Binding of {@code scratchnet.*}: defaults, the environment variable, and a catalog entry. */
class ScratchnetPropertiesTest {

    @Test
    void defaultsWithNothingSet() {
        ScratchnetProperties properties = bind(Map.of(), Map.of());

        assertThat(properties.home()).isEqualTo(Path.of("scratchnet-home"));
        assertThat(properties.datasets().dirs()).containsExactly(Path.of("scratchnet-home/datasets"),
                Path.of("/usr/share/datasets"));
        assertThat(properties.datasets().upload().maxBytes()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(properties.datasets().download().maxRedirects()).isEqualTo(5);
        assertThat(properties.datasets().catalog()).isEmpty();
    }

    @Test
    void jobDefaultsAreTheOnesCodeUsesWithoutBinding() {
        ScratchnetProperties properties = bind(Map.of(), Map.of());

        assertThat(properties.jobs()).isEqualTo(ScratchnetProperties.Jobs.DEFAULT);
        assertThat(properties.jobs().maxConcurrent()).isEqualTo(1);
        assertThat(properties.jobs().queueCapacity()).isEqualTo(16);
    }

    @Test
    void homeComesFromTheEnvironmentVariable() {
        ScratchnetProperties properties = bind(Map.of(), Map.of("SCRATCHNET_HOME", "/srv/scratchnet"));

        assertThat(properties.home()).isEqualTo(Path.of("/srv/scratchnet"));
        assertThat(properties.datasets().dirs()).first().isEqualTo(Path.of("/srv/scratchnet/datasets"));
    }

    @Test
    void catalogEntryTakesMnistFileNamesUnlessGiven() {
        ScratchnetProperties properties = bind(Map.of(
                "scratchnet.datasets.catalog.kmnist.class-names", "o,ki,su,tsu,na,ha,ma,ya,re,wo",
                "scratchnet.datasets.catalog.kmnist.files.train-images.sha256", "ab"), Map.of());

        ScratchnetProperties.CatalogEntry kmnist = properties.datasets().catalog().get("kmnist");
        assertThat(kmnist.classNames()).hasSize(10);
        assertThat(kmnist.files().trainImages()).isEqualTo(
                new ScratchnetProperties.IdxFile("train-images-idx3-ubyte.gz", "ab"));
        assertThat(kmnist.files().testLabels().name()).isEqualTo("t10k-labels-idx1-ubyte.gz");
        assertThat(kmnist.mirrors()).isEmpty();
    }

    @Test
    void apiKeyComesStrippedFromTheEnvironmentAndPredictLimitsHaveDefaults() {
        ScratchnetProperties properties = bind(Map.of(), Map.of("SCRATCHNET_API_KEY", "s3cret\n"));

        assertThat(properties.apiKey()).isEqualTo("s3cret");
        assertThat(properties.apiKeyForReads()).isFalse();
        assertThat(properties.predict()).isEqualTo(ScratchnetProperties.Predict.defaults());
        assertThat(properties.predict().maxInputs()).isEqualTo(10_000);
        assertThat(properties.predict().maxImageBytes()).isEqualTo(DataSize.ofMegabytes(16));
        assertThat(bind(Map.of("scratchnet.api-key", " "), Map.of()).apiKey()).isNull();
    }

    private static ScratchnetProperties bind(Map<String, Object> properties, Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new MapPropertySource("test", properties));
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("scratchnet", ScratchnetProperties.class);
    }

}
