package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.data.text.LabeledText;
import io.github.dl4jprojection.runtime.hash.XxHash64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.NoSuchElementException;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * Labelled TSV texts on Spark: the lines are read and parsed on the workers ({@link HadoopLines},
 * {@link TsvLineParser}), and each partition's texts are featurized there ({@link TextEncoding}) into minibatches of
 * the joint graph. The bits are those of the runtime's {@code TextProjection}, as in single-machine training.
 */
public final class TextBatches {

    private TextBatches() {
    }

    /**
     * The lines of the TSV file(s) at {@code path}.
     *
     * @throws IOException a {@code DataNotFoundException} when nothing is there
     */
    public static JavaRDD<SourceLine> lines(JavaSparkContext sc, String path, int minPartitions) throws IOException {
        return HadoopLines.read(sc, path, minPartitions);
    }

    /**
     * Reads every line once and returns the number of texts per class, by sorted class name (the single-machine
     * reader's class order). This pass also validates the input, so a malformed line fails here, before training.
     *
     * @throws IOException a {@code DataFileException} naming the file and line of a bad line, or when there are
     *     fewer than two classes
     */
    public static SortedMap<String, Long> labelCounts(JavaRDD<SourceLine> lines) throws IOException {
        Map<String, Long> counts = InputErrors.translate(lines.context().hadoopConfiguration(),
                () -> lines.mapPartitions(TextBatches::countsOf).reduce(TextBatches::merge));
        SortedMap<String, Long> sorted = new TreeMap<>(counts);
        if (sorted.size() < 2) {
            throw new IOException("the texts must have at least two labels to learn from, found " + sorted.keySet());
        }
        return sorted;
    }

    /** The sorted class names of {@link #labelCounts}. */
    public static List<String> labelNames(JavaRDD<SourceLine> lines) throws IOException {
        return new ArrayList<>(labelCounts(lines).keySet());
    }

    /**
     * The texts as {@code {label, text}} pairs in input order, parsed on the workers, for collecting a small test
     * set on the driver.
     *
     * @throws IOException a {@code DataFileException} naming the file and line of a bad line
     */
    public static List<String[]> collectTexts(JavaRDD<SourceLine> lines) throws IOException {
        return InputErrors.translate(lines.context().hadoopConfiguration(), () -> lines.mapPartitions(partition -> {
            List<String[]> out = new ArrayList<>();
            while (partition.hasNext()) {
                LabeledText text = TsvLineParser.parse(partition.next());
                if (text != null) {
                    out.add(new String[] {text.label(), text.text()});
                }
            }
            return out.iterator();
        }).collect());
    }

    /**
     * The lines in a pseudo-random order that depends only on {@code seed} and each line's file and byte offset,
     * spread over {@code partitions} partitions. Minibatches are cut from consecutive lines, and input files are
     * often grouped by class (all ham, then all spam): without this, whole minibatches would hold one class.
     * One Spark shuffle; later epochs reuse its output.
     *
     * @throws IllegalArgumentException naming {@code partitions} when below 1
     */
    public static JavaRDD<SourceLine> shuffled(JavaRDD<SourceLine> lines, long seed, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        return lines.mapToPair(line -> new Tuple2<>(orderKey(line, seed), line))
                .repartitionAndSortWithinPartitions(new HashPartitioner(partitions))
                .values();
    }

    /** xxHash64 of the file name and byte offset: a position-derived random key, the same on every run. */
    private static long orderKey(SourceLine line, long seed) {
        long fileHash = XxHash64.hash(line.file().getBytes(StandardCharsets.UTF_8), seed);
        return XxHash64.hashLong(line.byteOffset() ^ fileHash, seed);
    }

    /**
     * The minibatches (at most {@code batchSize} texts each, in input order within a partition) of the texts in
     * {@code lines}. Lazy: the work happens on the workers when the RDD is used; a bad line or a label that is
     * not one of {@code encoding}'s classes then fails with {@link InputLineException}.
     *
     * @throws IllegalArgumentException naming {@code batchSize} when below 1
     */
    public static JavaRDD<MultiDataSet> batches(JavaRDD<SourceLine> lines, TextEncoding encoding, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        return lines.mapPartitions(partition -> new BatchIterator(partition, encoding, batchSize));
    }

    /** One partition's texts per class (a map per partition, not a label per line, goes to the driver). */
    private static Iterator<HashMap<String, Long>> countsOf(Iterator<SourceLine> partition) {
        HashMap<String, Long> counts = new HashMap<>();
        while (partition.hasNext()) {
            LabeledText text = TsvLineParser.parse(partition.next());
            if (text != null) {
                counts.merge(text.label(), 1L, Long::sum);
            }
        }
        return Collections.singletonList(counts).iterator();
    }

    private static HashMap<String, Long> merge(HashMap<String, Long> a, HashMap<String, Long> b) {
        HashMap<String, Long> sum = new HashMap<>(a);
        b.forEach((label, n) -> sum.merge(label, n, Long::sum));
        return sum;
    }

    /** Groups a partition's parsed texts into minibatches as they are read. */
    private static final class BatchIterator implements Iterator<MultiDataSet> {
        private final Iterator<SourceLine> lines;
        private final TextEncoding encoding;
        private final int batchSize;

        BatchIterator(Iterator<SourceLine> lines, TextEncoding encoding, int batchSize) {
            this.lines = lines;
            this.encoding = encoding;
            this.batchSize = batchSize;
        }

        private MultiDataSet pending;

        @Override
        public boolean hasNext() {
            if (pending == null) {
                pending = read();
            }
            return pending != null;
        }

        @Override
        public MultiDataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no texts left in this partition");
            }
            MultiDataSet batch = pending;
            pending = null;
            return batch;
        }

        /** The next minibatch, or null when the partition holds no more texts (only blank lines, say). */
        private MultiDataSet read() {
            List<String> texts = new ArrayList<>(batchSize);
            int[] labels = new int[batchSize];
            while (texts.size() < batchSize && lines.hasNext()) {
                SourceLine line = lines.next();
                LabeledText text = TsvLineParser.parse(line);
                if (text == null) {
                    continue;
                }
                int k = encoding.labelIndex(text.label());
                if (k < 0) {
                    throw line.error("label \"" + text.label() + "\" is not one of the training classes "
                            + encoding.labelNames());
                }
                labels[texts.size()] = k;
                texts.add(text.text());
            }
            return texts.isEmpty() ? null : encoding.batch(texts, labels);
        }
    }
}
