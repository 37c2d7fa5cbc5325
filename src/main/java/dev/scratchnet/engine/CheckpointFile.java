package dev.scratchnet.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A {@link Checkpoint} as bytes: doubles are written bit for bit (text would round them and break exact resumes),
 * and a CRC-32 at the end tells a torn or flipped file from a good one.
 */
public final class CheckpointFile {

    private static final long MAGIC = 0x534E_434B_5054_0001L; // "SNCKPT" + format version 1
    private static final int MAX_ARRAY = 1 << 28;

    private CheckpointFile() {
    }

    public static void write(Checkpoint checkpoint, OutputStream target) throws IOException {
        CheckedOutputStream checked = new CheckedOutputStream(target, new CRC32());
        DataOutputStream out = new DataOutputStream(checked);
        out.writeLong(MAGIC);
        out.writeInt(checkpoint.epochsDone());
        writeWeights(checkpoint.weights(), out);
        OptimizerState optimizer = checkpoint.optimizer();
        out.writeUTF(optimizer.kind());
        out.writeLong(optimizer.step());
        out.writeInt(optimizer.buffers().size());
        for (double[] buffer : optimizer.buffers()) {
            writeArray(buffer, out);
        }
        RandomState.Snapshot random = checkpoint.random();
        for (long word : new long[] {random.s0(), random.s1(), random.s2(), random.s3()}) {
            out.writeLong(word);
        }
        out.writeBoolean(random.hasSpare());
        out.writeDouble(random.spare());
        for (EpochResult epoch : checkpoint.history()) {
            out.writeInt(epoch.epoch());
            for (double figure : new double[] {epoch.trainAccuracy(), epoch.testAccuracy(), epoch.trainLoss(),
                    epoch.testLoss(), epoch.seconds()}) {
                out.writeDouble(figure);
            }
        }
        Checkpoint.EarlyStopping early = checkpoint.earlyStopping();
        out.writeBoolean(early != null);
        if (early != null) {
            out.writeDouble(early.bestTestAccuracy());
            out.writeInt(early.bestEpoch());
            writeWeights(early.bestWeights(), out);
            out.writeInt(early.epochsWithoutGain());
        }
        out.flush();
        new DataOutputStream(target).writeLong(checked.getChecksum().getValue());
        target.flush();
    }

    /** Reads a checkpoint, refusing a file that is truncated, altered or not a checkpoint. */
    public static Checkpoint read(InputStream source) throws IOException {
        CheckedInputStream checked = new CheckedInputStream(source, new CRC32());
        DataInputStream in = new DataInputStream(checked);
        try {
            if (in.readLong() != MAGIC) {
                throw new IOException("Not a scratchnet checkpoint (format version 1)");
            }
            int epochsDone = in.readInt();
            Weights weights = readWeights(in);
            String kind = in.readUTF();
            long step = in.readLong();
            int bufferCount = count(in.readInt(), "optimizer buffers");
            List<double[]> buffers = new ArrayList<>();
            for (int b = 0; b < bufferCount; b++) {
                buffers.add(readArray(in));
            }
            RandomState.Snapshot random = new RandomState.Snapshot(in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readBoolean(), in.readDouble());
            List<EpochResult> history = new ArrayList<>();
            for (int e = 0; e < count(epochsDone, "epochs"); e++) {
                history.add(new EpochResult(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            Checkpoint.EarlyStopping early = null;
            if (in.readBoolean()) {
                early = new Checkpoint.EarlyStopping(in.readDouble(), in.readInt(), readWeights(in), in.readInt());
            }
            long expected = checked.getChecksum().getValue();
            if (new DataInputStream(source).readLong() != expected) {
                throw new IOException("Checkpoint checksum does not match: the file was altered or torn");
            }
            return new Checkpoint(epochsDone, weights, new OptimizerState(kind, step, buffers), random, history,
                    early);
        } catch (EOFException e) {
            throw new IOException("Checkpoint is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("Checkpoint is inconsistent: " + e.getMessage(), e);
        }
    }

    private static void writeWeights(Weights weights, DataOutputStream out) throws IOException {
        out.writeInt(weights.layers().size());
        for (Weights.Layer layer : weights.layers()) {
            out.writeInt(layer.inputs());
            out.writeInt(layer.outputs());
            writeArray(layer.weights(), out);
            writeArray(layer.biases(), out);
        }
    }

    private static Weights readWeights(DataInputStream in) throws IOException {
        int layers = count(in.readInt(), "layers");
        List<Weights.Layer> list = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            list.add(new Weights.Layer(in.readInt(), in.readInt(), readArray(in), readArray(in)));
        }
        return new Weights(list);
    }

    private static void writeArray(double[] array, DataOutputStream out) throws IOException {
        out.writeInt(array.length);
        for (double value : array) {
            out.writeLong(Double.doubleToRawLongBits(value));
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int length = count(in.readInt(), "array elements");
        // Grow in steps so a corrupt length cannot claim gigabytes before the data runs out.
        double[] array = new double[Math.min(length, 1 << 16)];
        for (int j = 0; j < length; j++) {
            if (j == array.length) {
                array = Arrays.copyOf(array, Math.min(length, array.length * 2));
            }
            array[j] = Double.longBitsToDouble(in.readLong());
        }
        return array;
    }

    private static int count(int value, String what) throws IOException {
        if (value < 0 || value > MAX_ARRAY) {
            throw new IOException("Checkpoint claims " + value + " " + what);
        }
        return value;
    }
}
