package dev.scratchnet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.FileSystemUtils;

/**
 * A {@code scratchnet.home} of its own for each test class's service: a fresh temporary folder, removed when the
 * class's application context closes. A class marked {@link Fresh} adds its other properties as before, with
 * {@code @SpringBootTest(properties = …)} or its own {@code @DynamicPropertySource}.
 */
public final class ServiceHome {

    private static final Map<Class<?>, Path> HOMES = new ConcurrentHashMap<>();

    /** Gives the marked class's application context the home {@link ServiceHome#of} returns for that class. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @ContextCustomizerFactories(ServiceHome.Factory.class)
    public @interface Fresh {
    }

    private ServiceHome() {
    }

    /**
     * The home of {@code testClass}'s service, made on first asking: static code, a {@code @DynamicPropertySource}
     * method included, may fill it before the service starts.
     */
    public static Path of(Class<?> testClass) {
        return HOMES.computeIfAbsent(testClass, ServiceHome::create);
    }

    private static Path create(Class<?> testClass) {
        try {
            return Files.createTempDirectory(testClass.getSimpleName() + "-home-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                List<ContextConfigurationAttributes> configAttributes) {
            return new Customizer(testClass);
        }
    }

    /**
     * Equal only for the same test class: the class is part of the context's cache key, so two classes with the
     * same configuration never share a context, and so never a home.
     */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Path home = of(testClass);
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource(ServiceHome.class.getName(), Map.of("scratchnet.home", home.toString())));
            // A bean registered before any of the service's is destroyed after them: nothing writes there any more.
            ((GenericApplicationContext) context).registerBean(ServiceHome.class.getName(), DisposableBean.class,
                    () -> () -> FileSystemUtils.deleteRecursively(home));
        }
    }
}
