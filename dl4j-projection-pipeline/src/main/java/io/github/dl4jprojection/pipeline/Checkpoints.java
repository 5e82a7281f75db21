package io.github.dl4jprojection.pipeline;

import io.github.dl4jprojection.layers.joint.JointProjectionModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-epoch checkpoint: {@code checkpoint.zip} in the checkpoint folder holds the whole joint model
 * (parameters, updater state, the finished epochs in its graph configuration), the run's
 * {@link TrainingConfig#asProperties() configuration}, the seconds spent training and the finished epochs'
 * {@link EpochRecord records}. One file, replaced atomically, so a checkpoint is never
 * half written. A resumed run must have the same configuration (but for the epochs) and the same networks (a
 * changed vocabulary or data shape is caught by the parameter shapes).
 */
final class Checkpoints {

    static final String FILE = "checkpoint.zip";
    /** Zip entry of the configuration, as "key=value" lines. */
    static final String CONFIG_ENTRY = "dl4j-projection-training-config";
    /** Zip entry of the seconds spent fitting the finished epochs, over every run that made them. */
    static final String SECONDS_ENTRY = "dl4j-projection-training-seconds";
    /** Zip entry of the finished epochs' records, one {@link EpochRecord#toLine()} line each. */
    static final String EPOCHS_ENTRY = "dl4j-projection-training-epochs";

    private Checkpoints() {
    }

    static void save(JointProjectionModel joint, TrainingConfig config, double trainingSeconds,
                     List<EpochRecord> epochs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        joint.save(tmp.toFile());
        ModelSerializer.addObjectToFile(tmp.toFile(), CONFIG_ENTRY, lines(config.asProperties()));
        ModelSerializer.addObjectToFile(tmp.toFile(), SECONDS_ENTRY, Double.toString(trainingSeconds));
        StringBuilder records = new StringBuilder();
        for (EpochRecord r : epochs) {
            records.append(r.toLine()).append('\n');
        }
        ModelSerializer.addObjectToFile(tmp.toFile(), EPOCHS_ENTRY, records.toString());
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The checkpoint to continue, checked against this run.
     *
     * @throws IOException naming the checkpoint when it is missing, unreadable, from another configuration or
     *     networks, or past the epochs asked for
     */
    static JointProjectionModel resume(Path dir, TrainingConfig config, TrainingTask task) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("--resume: no checkpoint " + file + " to continue from");
        }
        JointProjectionModel joint;
        Map<String, String> saved;
        try {
            joint = JointProjectionModel.load(file.toFile());
            saved = properties(ModelSerializer.getObjectFromFile(file.toFile(), CONFIG_ENTRY));
        } catch (IOException | RuntimeException e) {
            throw new IOException("--resume: cannot read the checkpoint " + file + " (" + e.getMessage()
                    + "); it is damaged or from an older version: start afresh without --resume", e);
        }
        List<String> differences = config.differencesFrom(saved);
        if (!differences.isEmpty()) {
            throw new IOException("--resume: the checkpoint in " + dir + " was trained with other settings (this run vs "
                    + "the checkpoint: " + String.join("; ", differences) + "); resume with the original settings or start afresh");
        }
        String shapes = shapeDifference(joint, task.newModel());
        if (shapes != null) {
            throw new IOException("--resume: the checkpoint in " + dir + " has other networks than this run's data "
                    + "gives (" + shapes + "); resume with the original data or start afresh");
        }
        int done = joint.graph().getConfiguration().getEpochCount();
        if (done > config.epochs()) {
            throw new IOException("--resume: the checkpoint has " + done + " finished epochs, more than --epochs "
                    + config.epochs());
        }
        return joint;
    }

    /** Seconds spent fitting the checkpoint's epochs (0 when it does not say), read after {@link #resume}. */
    static double trainingSeconds(Path dir) {
        try {
            Object stored = ModelSerializer.getObjectFromFile(dir.resolve(FILE).toFile(), SECONDS_ENTRY);
            return stored instanceof String ? Double.parseDouble((String) stored) : 0;
        } catch (RuntimeException e) {
            return 0; // only the reported total is incomplete; the model itself was read and checked
        }
    }

    /**
     * The records of the checkpoint's first {@code done} epochs, read after {@link #resume}: empty when the
     * checkpoint has none (written before records were kept) or they cannot be read, since only the report of the
     * earlier epochs is lost then.
     */
    static List<EpochRecord> epochRecords(Path dir, int done) {
        List<EpochRecord> records = new ArrayList<>();
        try {
            Object stored = ModelSerializer.getObjectFromFile(dir.resolve(FILE).toFile(), EPOCHS_ENTRY);
            if (stored instanceof String) {
                for (String line : ((String) stored).split("\n")) {
                    if (!line.isEmpty() && records.size() < done) {
                        records.add(EpochRecord.parse(line));
                    }
                }
            }
        } catch (RuntimeException e) {
            records.clear(); // a partial list would put a gap in the curves; report this run's epochs only
        }
        return records;
    }

    /** The first layer whose parameter shapes differ, or null when all match. */
    private static String shapeDifference(JointProjectionModel saved, JointProjectionModel fresh) {
        for (Layer layer : fresh.graph().getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (saved.graph().getVertex(name) == null || !saved.graph().getVertex(name).hasLayer()) {
                return "no layer " + name;
            }
            Map<String, INDArray> theirs = saved.graph().getLayer(name).paramTable();
            for (Map.Entry<String, INDArray> p : layer.paramTable().entrySet()) {
                INDArray other = theirs.get(p.getKey());
                if (other == null || !Arrays.equals(other.shape(), p.getValue().shape())) {
                    return name + "/" + p.getKey() + " is " + (other == null ? "missing" : Arrays.toString(other.shape()))
                            + ", this run's is " + Arrays.toString(p.getValue().shape());
                }
            }
        }
        return null;
    }

    private static String lines(Map<String, String> properties) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            s.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        return s.toString();
    }

    private static Map<String, String> properties(Object stored) {
        if (!(stored instanceof String)) {
            throw new IllegalArgumentException("no training configuration in the checkpoint");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : ((String) stored).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }
}
