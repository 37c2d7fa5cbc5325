import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 6's soak: many predictions on a few connections, paced to a steady rate, with a model downloaded and
 * uploaded again every minute. One prediction in ten is a PNG sent as a multipart form (Tomcat stages form parts in
 * files), the rest single-image JSON. bench/soak.sh measures the service between two runs of this client: first
 * {@code --warmup} (a model to serve, a few thousand predictions and one upload, so every path has run once), then
 * the counted run. Prints, last: {@code predictions=… failed=… uploads=… upload_failures=… seconds=…}.
 */
public final class Soak {

    private static final int IMAGES = 100;
    private static final int IMAGE_EVERY = 10;

    public static void main(String[] args) throws Exception {
        String base = null;
        int predictions = 100_000;
        int connections = 4;
        int rate = 400;
        int uploadEvery = 60;
        boolean warmup = false;
        Path sample = null;
        Path image = Path.of("http/digit-7.png");
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--base" -> base = args[++a];
                case "--predictions" -> predictions = Integer.parseInt(args[++a]);
                case "--connections" -> connections = Integer.parseInt(args[++a]);
                case "--rate" -> rate = Integer.parseInt(args[++a]);
                case "--upload-every" -> uploadEvery = Integer.parseInt(args[++a]);
                case "--warmup" -> warmup = true;
                case "--sample" -> sample = Path.of(args[++a]);
                case "--image" -> image = Path.of(args[++a]);
                default -> throw new IllegalArgumentException("Unknown option " + args[a] + "; expected --base URL, "
                        + "--predictions N, --connections C, --rate R, --upload-every S, --warmup, --sample NPZ, "
                        + "--image PNG");
            }
        }
        ScratchnetApi api = new ScratchnetApi(base);
        if (warmup) {
            if (sample != null && Files.isRegularFile(sample)) {
                api.uploadModel(Files.readAllBytes(sample));
            } else {
                api.awaitJob(api.submitJob("{\"trainLimit\": 5000, \"epochs\": 1, \"seed\": 100}"));
            }
        }
        List<HttpRequest> requests = requests(api, Files.readAllBytes(image));
        Uploads uploads = new Uploads(api);
        ScheduledExecutorService uploader = Executors.newSingleThreadScheduledExecutor();
        if (warmup) {
            uploader.execute(uploads::once);
        } else {
            uploader.scheduleAtFixedRate(uploads::once, uploadEvery, uploadEvery, TimeUnit.SECONDS);
        }
        Pacer pacer = new Pacer(api, requests, warmup ? 5_000 : predictions, rate);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread worker = new Thread(pacer::work, "soak-" + c);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        uploader.shutdown();
        uploader.awaitTermination(60, TimeUnit.SECONDS);
        pacer.errors.stream().limit(5).forEach(error -> System.out.println("error: " + error));
        uploads.errors.stream().limit(5).forEach(error -> System.out.println("upload error: " + error));
        System.out.printf("predictions=%d failed=%d uploads=%d upload_failures=%d seconds=%.1f%n", pacer.sent.get(),
                pacer.failed.get(), uploads.done.get(), uploads.failed.get(), seconds);
    }

    /** JSON bodies of MNIST test images, and every {@value #IMAGE_EVERY}th request the PNG as a form. */
    private static List<HttpRequest> requests(ScratchnetApi api, byte[] png) {
        List<HttpRequest> requests = new ArrayList<>();
        double[][] images = ScratchnetApi.testImages(IMAGES);
        String boundary = "soak-boundary";
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"digit.png\""
                + "\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.writeBytes(png);
        form.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < images.length; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/predict")).timeout(Duration.ofSeconds(30));
            requests.add(i % IMAGE_EVERY == IMAGE_EVERY - 1
                    ? request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build()
                    : request.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(ScratchnetApi.predictBody(images[i]))).build());
        }
        return requests;
    }

    /** Hands out request numbers to the workers, each no earlier than its turn at the given rate. */
    private static final class Pacer {

        private final ScratchnetApi api;
        private final List<HttpRequest> requests;
        private final int count;
        private final long period;
        private final long start = System.nanoTime();
        private final AtomicInteger next = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicLong failed = new AtomicLong();
        final Queue<String> errors = new ConcurrentLinkedQueue<>();

        Pacer(ScratchnetApi api, List<HttpRequest> requests, int count, int rate) {
            this.api = api;
            this.requests = requests;
            this.count = count;
            this.period = TimeUnit.SECONDS.toNanos(1) / rate;
        }

        void work() {
            for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                long wait = start + n * period - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                sent.incrementAndGet();
                try {
                    HttpResponse<String> response = api.client().send(requests.get(n % requests.size()),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || !response.body().contains("\"modelId\"")) {
                        failed.incrementAndGet();
                        errors.add("request " + n + " at " + elapsed() + ": " + response.statusCode() + " "
                                + response.body());
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    errors.add("request " + n + " at " + elapsed() + ": " + e);
                }
            }
        }

        private String elapsed() {
            return String.format("%.3f s", (System.nanoTime() - start) / 1e9);
        }
    }

    /** Downloads the latest model's weights and registers them again as a new model. */
    private static final class Uploads {

        private final ScratchnetApi api;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final Queue<String> errors = new ConcurrentLinkedQueue<>();

        Uploads(ScratchnetApi api) {
            this.api = api;
        }

        void once() {
            try {
                String latest = api.get("/models/latest").get("id").asString();
                api.uploadModel(api.weights(latest));
                done.incrementAndGet();
            } catch (Exception e) {
                failed.incrementAndGet();
                errors.add(e.toString());
            }
        }
    }

    private Soak() {
    }
}
