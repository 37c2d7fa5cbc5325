package dev.scratchnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Dockerfile's last stage runs, read from the Dockerfile itself: how the jar is extracted, which layers
 * are copied into the working directory and in what order, the environment, the health check and the entry point.
 * {@link #install} lays the jar out as the image does, so a test can start exactly what the container starts.
 */
record ImageRecipe(List<String> extractArguments, List<String> layers, List<String> contextFiles, String workdir,
        Map<String, String> environment, List<String> healthcheck, List<String> entrypoint) {

    private static final Pattern LAYER = Pattern.compile("--from=build\\s+/extracted/([\\w-]+)/\\s+\\./");
    private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

    static ImageRecipe read(Path dockerfile) throws IOException {
        List<String> instructions = instructions(Files.readString(dockerfile));
        List<String> extract = List.of();
        List<String> layers = new ArrayList<>();
        List<String> contextFiles = new ArrayList<>();
        String workdir = "/";
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> healthcheck = List.of();
        List<String> entrypoint = List.of();
        for (String instruction : instructions) {
            String keyword = instruction.split("\\s+", 2)[0].toUpperCase();
            String rest = instruction.substring(keyword.length()).trim();
            switch (keyword) {
                case "FROM" -> {
                    layers.clear();
                    contextFiles.clear();
                    environment.clear();
                }
                case "RUN" -> {
                    if (rest.contains("-Djarmode=tools")) {
                        extract = extractArguments(rest);
                    }
                }
                case "COPY" -> copy(rest, layers, contextFiles);
                case "WORKDIR" -> workdir = rest;
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(rest);
                    while (pair.find()) {
                        environment.put(pair.group(1), pair.group(2).replace("\"", ""));
                    }
                }
                case "HEALTHCHECK" -> healthcheck = jsonArray(rest.substring(rest.indexOf("CMD") + 3));
                case "ENTRYPOINT" -> entrypoint = jsonArray(rest);
                default -> {
                }
            }
        }
        return new ImageRecipe(extract, List.copyOf(layers), List.copyOf(contextFiles), workdir, Map.copyOf(environment),
                healthcheck, entrypoint);
    }

    /**
     * Extracts the jar with the Dockerfile's own arguments, then copies the layers into {@code app} in the
     * Dockerfile's order, with the files it copies from the build context; returns {@code app}.
     */
    Path install(Path jar, Path app, Path projectRoot) throws IOException, InterruptedException {
        Path extracted = app.resolveSibling(app.getFileName() + "-extracted");
        List<String> command = new ArrayList<>(List.of(java(), "-Djarmode=tools", "-jar", jar.toString()));
        command.addAll(extractArguments);
        command.addAll(List.of("--destination", extracted.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(app.resolveSibling("extract.log").toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("jar extraction failed: " + command);
        }
        for (String layer : layers) {
            copyTree(extracted.resolve(layer), app);
        }
        for (String file : contextFiles) {
            Path source = projectRoot.resolve(file);
            Files.copy(source, app.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return app;
    }

    /** The entry point with the image's {@code java} replaced by this JVM's, which is what runs the tests. */
    List<String> command() {
        List<String> command = new ArrayList<>(entrypoint);
        if ("java".equals(command.get(0))) {
            command.set(0, java());
        }
        return command;
    }

    /** The health check with paths under the image's working directory moved to where {@link #install} put it. */
    List<String> healthcheck(Path app) {
        String prefix = workdir.endsWith("/") ? workdir : workdir + "/";
        return healthcheck.stream().map(part -> part.startsWith(prefix)
                ? app.resolve(part.substring(prefix.length())).toString() : part).toList();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            instructions.add(current.append(trimmed).toString());
            current.setLength(0);
        }
        return instructions;
    }

    /** The words after {@code -jar <the jar>} up to {@code --destination}: "extract --layers --launcher". */
    private static List<String> extractArguments(String run) {
        List<String> words = List.of(run.split("\\s+"));
        int jar = words.indexOf("-jar");
        int destination = words.indexOf("--destination");
        return List.copyOf(words.subList(jar + 2, destination));
    }

    private static void copy(String arguments, List<String> layers, List<String> contextFiles) {
        Matcher layer = LAYER.matcher(arguments);
        if (layer.find()) {
            layers.add(layer.group(1));
        } else if (!arguments.startsWith("--from")) {
            String[] words = arguments.split("\\s+");
            contextFiles.add(words[0]);
        }
    }

    private static List<String> jsonArray(String json) {
        return JsonMapper.builder().build().readValue(json.trim(), new TypeReference<List<String>>() {
        });
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return; // an empty layer, such as snapshot-dependencies, is not written
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
