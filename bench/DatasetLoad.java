import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;

/**
 * Loads MNIST from the built-in resources in a fresh JVM and prints one key=value line: the cold load time, a
 * second load from the source folder, and what the loaded dataset keeps (heap after GC, resident set).
 */
public class DatasetLoad {

    public static void main(String[] args) throws Exception {
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentKilobytes();

        long start = System.nanoTime();
        Dataset mnist = BuiltInDatasets.mnist();
        long coldMillis = (System.nanoTime() - start) / 1_000_000;

        long heapAfter = usedHeapAfterGc();
        long rssAfter = residentKilobytes();

        start = System.nanoTime();
        Dataset again = BuiltInDatasets.mnist(Path.of(args[0]));
        long warmMillis = (System.nanoTime() - start) / 1_000_000;
        if (again.train().size() != mnist.train().size()) {
            throw new IllegalStateException("The two loads disagree");
        }

        System.out.printf("dataset=mnist train=%d test=%d load_ms=%d reload_ms=%d retained_heap_mib=%.1f "
                        + "rss_delta_mib=%.1f%n", mnist.train().size(), mnist.test().size(), coldMillis, warmMillis,
                (heapAfter - heapBefore) / 1048576.0, (rssAfter - rssBefore) / 1024.0);
    }

    private static long usedHeapAfterGc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long residentKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
