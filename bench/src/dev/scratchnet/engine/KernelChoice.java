package dev.scratchnet.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.ojalgo.matrix.store.R064Store;

import dev.scratchnet.dataset.BuiltInDatasets;
import dev.scratchnet.dataset.Dataset;

/**
 * Why the engine's layers run on its own kernels: the book network's two products on 600 real MNIST batches of 100,
 * once with ojAlgo's {@code fillByMultiplying} on dense stores and once with {@link LayerKernels}, alternating in one
 * JVM so that both see the same machine. Prints seconds per 600 batches (one epoch's forward passes) and the ratio.
 */
public final class KernelChoice {

    public static void main(String[] args) {
        Path data = Path.of("../shared/datasets/mnist");
        Dataset mnist = Files.isDirectory(data) ? BuiltInDatasets.mnist(data) : BuiltInDatasets.mnist();
        Samples train = mnist.train();
        RandomState random = new RandomState(1);
        R064Store w1 = store(50, 784, random);
        R064Store w2 = store(10, 50, random);
        double[] b1 = new double[50];
        double[] b2 = new double[10];
        int[][] draws = new int[600][];
        for (int it = 0; it < draws.length; it++) {
            draws[it] = random.choice(train.size(), 100);
        }
        Batch batch = new Batch(100, 784);
        R064Store x = R064Store.FACTORY.make(784, 100);
        R064Store a1 = R064Store.FACTORY.make(50, 100);
        R064Store a2 = R064Store.FACTORY.make(10, 100);
        double[] k1 = new double[50 * 100];
        double[] k2 = new double[10 * 100];
        System.out.println("kernels " + (LayerKernels.VECTORIZED ? "vector" : "scalar"));
        for (int round = 1; round <= 8; round++) {
            long ojFirst = 0;
            long ojHidden = 0;
            long kernelFirst = 0;
            long kernelHidden = 0;
            for (int[] draw : draws) {
                batch.fill(train, draw, 0, 100);
                for (int part = 0; part < batch.partEnd.length; part++) {
                    batch.copyPart(part);
                }
                Arrays.fill(x.data, 0.0);
                for (int i = 0; i < 100; i++) {
                    train.copyFeatures(draw[i], x.data, i * 784);
                }
                long t0 = System.nanoTime();
                a1.fillByMultiplying(w1, x);
                long t1 = System.nanoTime();
                a2.fillByMultiplying(w2, a1);
                long t2 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    for (int part = 0; part < batch.partEnd.length; part++) {
                        LayerKernels.addScaledRows(50, w1.data, batch.rowInput, batch.rowValue,
                                batch.partStart(part, i), batch.partEnd[part][i], part == 0 ? b1 : k1, k1, i * 50);
                    }
                }
                long t3 = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    LayerKernels.addDenseRows(10, w2.data, 0, k1, i * 50, 50, b2, k2, i * 10);
                }
                long t4 = System.nanoTime();
                ojFirst += t1 - t0;
                ojHidden += t2 - t1;
                kernelFirst += t3 - t2;
                kernelHidden += t4 - t3;
            }
            if (round > 3) {
                System.out.printf("round %d  first layer: ojalgo %.4f s kernels %.4f s (%.2fx)  hidden layer: ojalgo "
                        + "%.4f s kernels %.4f s (%.2fx)%n", round, ojFirst / 1e9, kernelFirst / 1e9,
                        (double) ojFirst / kernelFirst, ojHidden / 1e9, kernelHidden / 1e9,
                        (double) ojHidden / kernelHidden);
            }
        }
        double difference = 0;
        for (int j = 0; j < k2.length; j++) {
            difference = Math.max(difference, Math.abs(k2[j] - a2.data[j]));
        }
        System.out.printf("largest difference between the two results: %.2e%n", difference);
    }

    private static R064Store store(int rows, int columns, RandomState random) {
        R064Store store = R064Store.FACTORY.make(rows, columns);
        for (int j = 0; j < store.data.length; j++) {
            store.data[j] = 0.01 * random.nextGaussian();
        }
        return store;
    }
}
