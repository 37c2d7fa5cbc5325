import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import dev.scratchnet.engine.MultiLayerNet;

/**
 * Issue 6's first load figure: single-image predictions sent open loop, at a fixed rate whatever the answers, while
 * training jobs finish and models are uploaded. Every answer is checked against the model it names, rebuilt here
 * from that model's downloaded weights; latency runs from the time a request was due, so a stall of the service
 * (or of this client) counts against every request it delayed. Prints, last:
 * <pre>sent=… failed=… mismatched=… p50_ms=… p99_ms=… max_ms=… job_served_ms=a,b,c upload_served_ms=a,b,c</pre>
 * where a job's figure is the time from its {@code finishedAt} to the first answer naming its model, and an
 * upload's from its 201 to that answer.
 */
public final class OpenLoad {

    /** Distinct inputs cycled through: MNIST's first test images. */
    private static final int IMAGES = 100;
    /** An answer differing from local evaluation by more than this is a mismatch; both run the same engine. */
    private static final double TOLERANCE = 1e-9;

    public static void main(String[] args) throws Exception {
        String base = null;
        int seconds = 90;
        int rate = 200;
        int warmup = 10;
        int jobs = 3;
        Path sample = null;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--base" -> base = args[++a];
                case "--seconds" -> seconds = Integer.parseInt(args[++a]);
                case "--rate" -> rate = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = Integer.parseInt(args[++a]);
                case "--jobs" -> jobs = Integer.parseInt(args[++a]);
                case "--sample" -> sample = Path.of(args[++a]);
                default -> throw new IllegalArgumentException("Unknown option " + args[a] + "; expected --base URL, "
                        + "--seconds S, --rate R, --warmup S, --jobs N, --sample NPZ");
            }
        }
        ScratchnetApi api = new ScratchnetApi(base);
        double[][] images = ScratchnetApi.testImages(IMAGES);

        // A model to serve from the first request, trained here so the run needs nothing beyond the repository.
        String first = api.awaitJob(api.submitJob("{\"trainLimit\": 5000, \"epochs\": 1, \"seed\": 100}"))
                .get("modelId").asString();
        System.out.println("first model " + first + "; warm-up " + warmup + " s at " + rate + "/s");
        OpenLoop warming = new OpenLoop(api, images, rate, warmup);
        warming.run();
        warming.awaitAnswers();

        OpenLoop load = new OpenLoop(api, images, rate, seconds);
        Thread sender = new Thread(load::run, "open-loop");
        sender.start();
        load.started.await();
        List<Swap> swaps = new ArrayList<>();
        long spacing = TimeUnit.SECONDS.toNanos(seconds) / jobs;
        for (int k = 1; k <= jobs; k++) {
            long slot = TimeUnit.SECONDS.toNanos(5) + (k - 1) * spacing;
            sleepUntil(load.startNanos + slot);
            // One epoch of the book's network on full MNIST: 600 iterations and an evaluation of 70,000 images.
            String job = api.submitJob("{\"epochs\": 1, \"seed\": " + k + "}");
            Instant announced = awaitEndEvent(api, job);
            JsonNode ended = api.get("/jobs/" + job);
            String model = ended.get("modelId").asString();
            swaps.add(new Swap("job " + job, model, ScratchnetApi.instant(ended.get("finishedAt")), announced));
            sleepUntil(Math.max(load.startNanos + slot + spacing / 2, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
            // Never the weights just served: a stale network answering under the new id would then go unseen.
            byte[] npz = k > 1 ? api.weights(swaps.get(swaps.size() - 3).modelId)
                    : sample != null && Files.isRegularFile(sample) ? Files.readAllBytes(sample) : api.weights(first);
            String uploaded = api.uploadModel(npz);
            Instant registered = Instant.now();
            swaps.add(new Swap("upload", uploaded, registered, registered));
        }
        sender.join();
        load.awaitAnswers();

        Verdict verdict = load.check(api, images);
        long[] latencies = load.latencies();
        StringBuilder jobServed = new StringBuilder();
        StringBuilder uploadServed = new StringBuilder();
        for (Swap swap : swaps) {
            Instant served = load.firstAnswerNaming(swap.modelId);
            String delay = served == null ? "never" : String.valueOf(Duration.between(swap.ended, served).toMillis());
            System.out.println(swap.what + " -> model " + swap.modelId + ": ended " + swap.ended + ", event "
                    + Duration.between(swap.ended, swap.announced).toMillis() + " ms later, first answer naming it "
                    + delay + " ms after the end");
            StringBuilder list = swap.what.startsWith("job") ? jobServed : uploadServed;
            list.append(list.isEmpty() ? "" : ",").append(delay);
        }
        System.out.println("answers per model: " + verdict.perModel + "; largest difference from local evaluation "
                + verdict.largestDifference);
        load.errors.stream().limit(5).forEach(error -> System.out.println("error: " + error));
        System.out.printf("sent=%d failed=%d mismatched=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f job_served_ms=%s "
                        + "upload_served_ms=%s%n", load.count, load.failed(), verdict.mismatched,
                percentile(latencies, 0.50), percentile(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                jobServed, uploadServed);
    }

    /** A new model and when it took over: a job's finishedAt (and when its status event came), or an upload's 201. */
    private record Swap(String what, String modelId, Instant ended, Instant announced) {
    }

    private record Verdict(int mismatched, double largestDifference, Map<String, Integer> perModel) {
    }

    /** Follows the job's events until its status says it has ended; returns when that event arrived. */
    private static Instant awaitEndEvent(ScratchnetApi api, String job) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = api.client().send(HttpRequest.newBuilder(api.uri("/jobs/" + job
                + "/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            String event = "";
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:") && event.equals("status")) {
                    String status = ScratchnetApi.json(line.substring(5)).get("status").asString();
                    if (status.equals("SUCCEEDED")) {
                        return Instant.now();
                    }
                    if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                        throw new IllegalStateException("Job " + job + " ended " + status);
                    }
                }
            }
        }
        throw new IllegalStateException("The events of job " + job + " ended without its end");
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)] / 1e6;
    }

    /** Requests due every 1/rate seconds, each sent when due without waiting for earlier answers. */
    private static final class OpenLoop {

        private final ScratchnetApi api;
        private final HttpRequest[] requests;
        private final long period;
        final int count;
        private final long[] latency;
        private final int[] status;
        private final String[] modelId;
        private final int[] label;
        private final double[][] probabilities;
        private final long[] answeredAt;
        private final CountDownLatch answered;
        final Queue<String> errors = new ConcurrentLinkedQueue<>();
        /** Counted down once the first request is due: the schedule's origin is set. */
        final CountDownLatch started = new CountDownLatch(1);
        long startNanos;
        private Instant startInstant;

        OpenLoop(ScratchnetApi api, double[][] images, int rate, int seconds) {
            this.api = api;
            this.requests = Arrays.stream(images).map(image -> HttpRequest.newBuilder(api.uri("/predict"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(ScratchnetApi.predictBody(image))).build())
                    .toArray(HttpRequest[]::new);
            this.period = TimeUnit.SECONDS.toNanos(1) / rate;
            this.count = rate * seconds;
            this.latency = new long[count];
            this.status = new int[count];
            this.modelId = new String[count];
            this.label = new int[count];
            this.probabilities = new double[count][];
            this.answeredAt = new long[count];
            this.answered = new CountDownLatch(count);
        }

        void run() {
            startInstant = Instant.now();
            startNanos = System.nanoTime();
            started.countDown();
            for (int i = 0; i < count; i++) {
                long due = startNanos + i * period;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int request = i;
                api.client().sendAsync(requests[i % requests.length], HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> record(request, due, response, error));
            }
        }

        private void record(int i, long due, HttpResponse<String> response, Throwable error) {
            long now = System.nanoTime();
            latency[i] = now - due;
            answeredAt[i] = now;
            try {
                if (error != null) {
                    status[i] = -1;
                    errors.add("request " + i + ": " + error);
                } else {
                    status[i] = response.statusCode();
                    if (status[i] == 200) {
                        JsonNode answer = ScratchnetApi.json(response.body());
                        JsonNode prediction = answer.get("predictions").get(0);
                        modelId[i] = answer.get("modelId").asString();
                        label[i] = prediction.get("label").asInt();
                        JsonNode values = prediction.get("probabilities");
                        double[] p = new double[values.size()];
                        for (int c = 0; c < p.length; c++) {
                            p[c] = values.get(c).asDouble();
                        }
                        probabilities[i] = p;
                    } else {
                        errors.add("request " + i + ": " + status[i] + " " + response.body());
                    }
                }
            } catch (RuntimeException e) {
                status[i] = -2;
                errors.add("request " + i + ": unreadable answer: " + e);
            } finally {
                answered.countDown();
            }
        }

        void awaitAnswers() throws InterruptedException {
            if (!answered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(answered.getCount() + " requests never ended");
            }
        }

        long failed() {
            return Arrays.stream(status).filter(s -> s != 200).count();
        }

        long[] latencies() {
            long[] sorted = latency.clone();
            Arrays.sort(sorted);
            return sorted;
        }

        Instant firstAnswerNaming(String model) {
            long first = Long.MAX_VALUE;
            for (int i = 0; i < count; i++) {
                if (model.equals(modelId[i])) {
                    first = Math.min(first, answeredAt[i]);
                }
            }
            return first == Long.MAX_VALUE ? null : startInstant.plusNanos(first - startNanos);
        }

        /** Each answer against the same input run here through the network its model id names. */
        Verdict check(ScratchnetApi api, double[][] images) throws IOException, InterruptedException {
            Map<String, double[][]> expected = new HashMap<>();
            for (String model : Arrays.stream(modelId).filter(id -> id != null).collect(Collectors.toSet())) {
                MultiLayerNet network = api.network(model);
                double[][] outputs = new double[images.length][];
                for (int k = 0; k < images.length; k++) {
                    // One row at a time, as the service predicts a single input.
                    outputs[k] = network.predict(new double[][] {images[k]})[0];
                }
                expected.put(model, outputs);
            }
            List<String> models = expected.keySet().stream()
                    .sorted(Comparator.comparingLong(id -> Long.parseLong(id.substring(1, id.indexOf('-'))))).toList();
            for (int m = 1; m < models.size(); m++) {
                if (Arrays.deepEquals(expected.get(models.get(m - 1)), expected.get(models.get(m)))) {
                    System.out.println("warning: models " + models.get(m - 1) + " and " + models.get(m)
                            + " give the same answers, so one answering for the other would go unseen");
                }
            }
            int mismatched = 0;
            double largest = 0;
            Map<String, Integer> perModel = new HashMap<>();
            for (int i = 0; i < count; i++) {
                if (status[i] != 200) {
                    continue;
                }
                perModel.merge(modelId[i], 1, Integer::sum);
                double[] y = expected.get(modelId[i])[i % requests.length];
                double difference = probabilities[i].length == y.length ? 0 : Double.POSITIVE_INFINITY;
                for (int c = 0; c < Math.min(y.length, probabilities[i].length); c++) {
                    difference = Math.max(difference, Math.abs(probabilities[i][c] - y[c]));
                }
                largest = Math.max(largest, difference);
                if (label[i] != MultiLayerNet.predictedClass(y) || !(difference <= TOLERANCE)) {
                    mismatched++;
                }
            }
            return new Verdict(mismatched, largest, perModel);
        }
    }

    static {
        // The sender runs on its own thread: if it dies, fail loudly rather than report figures from a half-run.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            e.printStackTrace();
            System.exit(1);
        });
    }

    private OpenLoad() {
    }
}
