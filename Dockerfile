# syntax=docker/dockerfile:1
# scratchnet in a container: built with the Maven wrapper on a JDK, run as a layered jar on a JRE by a non-root user.
#   docker build -t scratchnet .
#   docker run -p 127.0.0.1:8080:8080 -v scratchnet-home:/var/lib/scratchnet scratchnet
# ScratchnetProcessIT starts the packaged jar with this file's ENV, layers and ENTRYPOINT, and runs the HEALTHCHECK
# script, so what the container runs is tested on every build although no Docker engine runs there.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -Dmaven.test.skip=true package \
    && java -Djarmode=tools -jar target/scratchnet-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 scratchnet \
    && useradd --system --uid 10001 --gid scratchnet --home-dir /app --shell /usr/sbin/nologin scratchnet \
    && mkdir -p /var/lib/scratchnet \
    && chown scratchnet:scratchnet /var/lib/scratchnet
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY src/main/docker/healthcheck.sh ./
ENV SCRATCHNET_HOME=/var/lib/scratchnet SERVER_PORT=8080
VOLUME ["/var/lib/scratchnet"]
EXPOSE 8080
USER scratchnet
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["bash", "/app/healthcheck.sh"]
# The heap takes 75% of the container's memory limit; an OutOfMemoryError ends the JVM so the restart policy acts.
# The vector module runs the engine's SIMD kernels (engine/LayerKernels); without it they fall back to scalar loops.
# Huge pages for the heap spare training a page walk per sampled image (BENCHMARKS.md); where the kernel has none,
# the JVM warns once and uses small pages.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", "--add-modules=jdk.incubator.vector", "-XX:+UseTransparentHugePages", "org.springframework.boot.loader.launch.JarLauncher"]
