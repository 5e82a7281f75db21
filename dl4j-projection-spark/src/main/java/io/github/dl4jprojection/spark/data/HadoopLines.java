package io.github.dl4jprojection.spark.data;

import io.github.dl4jprojection.data.DataNotFoundException;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Reads the lines of text files from any Hadoop-compatible path (a file, a folder or a glob; {@code file:},
 * {@code hdfs:}, {@code s3a:}, ...) as {@link SourceLine}s, split across the workers by Hadoop's
 * {@link TextInputFormat} (gzip files are read whole by one worker). Line breaks are LF or CRLF.
 */
public final class HadoopLines {

    private HadoopLines() {
    }

    /**
     * @param minPartitions a lower bound on the number of partitions (Hadoop splits large files)
     * @throws DataNotFoundException when nothing exists at {@code path}
     * @throws IOException when the file system cannot be asked
     */
    public static JavaRDD<SourceLine> read(JavaSparkContext sc, String path, int minPartitions) throws IOException {
        requireExists(sc.hadoopConfiguration(), path);
        Configuration conf = new Configuration(sc.hadoopConfiguration());
        // Spark's newAPIHadoopFile takes no minimum partition count: cap the split size instead.
        long total = totalLength(conf, path);
        long splitSize = Math.max(1, (total + minPartitions - 1) / Math.max(1, minPartitions));
        conf.setLong("mapreduce.input.fileinputformat.split.maxsize", splitSize);
        JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopFile(path,
                TextInputFormat.class, LongWritable.class, Text.class, conf);
        return raw.mapPartitionsWithInputSplit(HadoopLines::lines, true);
    }

    private static Iterator<SourceLine> lines(InputSplit split, Iterator<Tuple2<LongWritable, Text>> records) {
        if (!(split instanceof FileSplit)) {
            throw new IllegalStateException("expected file splits from TextInputFormat, got " + split.getClass());
        }
        FileSplit fileSplit = (FileSplit) split;
        String file = fileSplit.getPath().toString();
        long start = fileSplit.getStart();
        return new Iterator<SourceLine>() {
            private long index;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public SourceLine next() {
                Tuple2<LongWritable, Text> record = records.next();
                // The record reader reuses its Text: copy the bytes now.
                return new SourceLine(file, start, index++, record._1().get(), record._2().copyBytes());
            }
        };
    }

    /** @throws DataNotFoundException when the path (or glob) matches nothing */
    static void requireExists(Configuration conf, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matches = fs.globStatus(p);
        if (matches == null || matches.length == 0) {
            throw new DataNotFoundException("input " + path, Collections.singletonList(fs.makeQualified(p).toString()),
                    "check the path; Spark reads it with Hadoop's FileSystem, so name a file, folder or glob it can see");
        }
    }

    private static long totalLength(Configuration conf, String path) throws IOException {
        Path p = new Path(path);
        FileSystem fs = p.getFileSystem(conf);
        long total = 0;
        for (FileStatus status : fs.globStatus(p)) {
            total += fs.getContentSummary(status.getPath()).getLength();
        }
        return total;
    }
}
