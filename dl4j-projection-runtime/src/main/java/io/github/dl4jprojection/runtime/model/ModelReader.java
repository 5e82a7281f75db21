package io.github.dl4jprojection.runtime.model;

import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.BAD_MAGIC;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.CHECKSUM_MISMATCH;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.INVALID_VALUE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.SIZE_OUT_OF_RANGE;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRAILING_BYTES;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.TRUNCATED;
import static io.github.dl4jprojection.runtime.model.ModelFormatException.Problem.UNSUPPORTED_VERSION;

import io.github.dl4jprojection.runtime.projection.BitEncoding;
import io.github.dl4jprojection.runtime.projection.ProjectionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads the {@code .pnet} format (docs/FORMAT.md). The checks run in the documented order: magic,
 * version, declared length against the bytes present, CRC-32, then the content field by field.
 * Every size is checked against the bytes left before anything of that size is allocated, so a
 * hostile file cannot make the reader allocate more than its own length (plus the bounded
 * projection masks). Semantic rules are those of {@link ProjectionModel.Builder#build()}.
 */
final class ModelReader {

    private ModelReader() {
    }

    static ProjectionModel read(Path file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("model file path must not be null");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null,
                    Files.exists(file) ? "not a regular file" : "no such model file");
        }
        long size = Files.size(file);
        if (size > PnetFormat.HEADER_BYTES + (long) PnetFormat.MAX_CONTENT_BYTES) {
            throw new ModelFormatException(SIZE_OUT_OF_RANGE, file + " is " + size + " bytes, larger than any valid"
                    + " model (" + (PnetFormat.HEADER_BYTES + (long) PnetFormat.MAX_CONTENT_BYTES) + ")");
        }
        try {
            return read(Files.readAllBytes(file));
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    static ProjectionModel read(InputStream in) throws IOException {
        if (in == null) {
            throw new IllegalArgumentException("input stream must not be null");
        }
        byte[] header = new byte[PnetFormat.HEADER_BYTES];
        int got = readFully(in, header, 0, header.length);
        checkHeaderStart(header, got);
        long length = checkedContentLength(header);
        // Grow with the bytes that really arrive: a header claiming 256 MiB costs nothing until they do.
        byte[] file = Arrays.copyOf(header, (int) Math.min(PnetFormat.HEADER_BYTES + length, 1 << 16));
        int filled = PnetFormat.HEADER_BYTES;
        long total = PnetFormat.HEADER_BYTES + length;
        while (filled < total) {
            if (filled == file.length) {
                file = Arrays.copyOf(file, (int) Math.min(total, 2L * file.length));
            }
            int n = readFully(in, file, filled, file.length - filled);
            filled += n;
            if (filled < file.length) {
                throw truncated(length, filled - PnetFormat.HEADER_BYTES);
            }
        }
        if (in.read() != -1) {
            throw new ModelFormatException(TRAILING_BYTES, "the stream continues after the " + length
                    + " content bytes the header declares");
        }
        return read(file);
    }

    static ProjectionModel read(byte[] file) throws ModelFormatException {
        if (file == null) {
            throw new IllegalArgumentException("model bytes must not be null");
        }
        checkHeaderStart(file, file.length);
        long length = checkedContentLength(file);
        long present = file.length - PnetFormat.HEADER_BYTES;
        if (present < length) {
            throw truncated(length, present);
        }
        if (present > length) {
            throw new ModelFormatException(TRAILING_BYTES, (present - length) + " bytes follow the " + length
                    + " content bytes the header declares");
        }
        CRC32 crc = new CRC32();
        crc.update(file, PnetFormat.HEADER_BYTES, (int) length);
        long stored = le32(file, 16) & 0xFFFFFFFFL;
        if (crc.getValue() != stored) {
            throw new ModelFormatException(CHECKSUM_MISMATCH, String.format(
                    "checksum mismatch: the header says CRC-32 0x%08x, the content has 0x%08x; the file is corrupted",
                    stored, crc.getValue()));
        }
        return new Content(file).parse();
    }

    private static void checkHeaderStart(byte[] b, int available) throws ModelFormatException {
        int m = Math.min(available, PnetFormat.MAGIC.length);
        for (int i = 0; i < m; i++) {
            if (b[i] != PnetFormat.MAGIC[i]) {
                StringBuilder seen = new StringBuilder();
                for (int j = 0; j < m; j++) {
                    seen.append(String.format("%02x ", b[j] & 0xFF));
                }
                throw new ModelFormatException(BAD_MAGIC, "not a .pnet model: the file starts with "
                        + seen.toString().trim() + ", a model starts with 89 50 4e 45 54 0d 0a 1a");
            }
        }
        if (available < PnetFormat.HEADER_BYTES) {
            throw new ModelFormatException(TRUNCATED, "truncated: " + available + " bytes, the .pnet header alone is "
                    + PnetFormat.HEADER_BYTES);
        }
        long version = le32(b, 8) & 0xFFFFFFFFL;
        if (version != PnetFormat.VERSION) {
            throw new ModelFormatException(UNSUPPORTED_VERSION, "unsupported .pnet format version " + version
                    + "; this reader (dl4j-projection " + LibraryVersion.get() + ") reads version "
                    + PnetFormat.VERSION + (version > PnetFormat.VERSION ? ": the model needs a newer runtime" : ""));
        }
    }

    private static long checkedContentLength(byte[] header) throws ModelFormatException {
        long length = le32(header, 12) & 0xFFFFFFFFL;
        if (length > PnetFormat.MAX_CONTENT_BYTES) {
            throw new ModelFormatException(SIZE_OUT_OF_RANGE, "declared content length " + length
                    + " exceeds the format limit " + PnetFormat.MAX_CONTENT_BYTES);
        }
        return length;
    }

    private static ModelFormatException truncated(long declared, long present) {
        return new ModelFormatException(TRUNCATED, "truncated: the header declares " + declared
                + " content bytes but only " + present + " follow");
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** A cursor over the content bytes; offsets in messages are from the start of the content. */
    private static final class Content {
        private final byte[] b;
        private final int end;
        private int p;

        Content(byte[] file) {
            this.b = file;
            this.p = PnetFormat.HEADER_BYTES;
            this.end = file.length;
        }

        ProjectionModel parse() throws ModelFormatException {
            ProjectionModel.Builder builder = ProjectionModel.builder();
            long t = u32("numFunctions (T)", 1, ProjectionSpec.MAX_BITS);
            long d = u32("bitsPerFunction (d)", 1, ProjectionSpec.MAX_BITS);
            if (t * d > ProjectionSpec.MAX_BITS) {
                throw error(SIZE_OUT_OF_RANGE, p - 8, "T * d = " + t + " * " + d + " exceeds " + ProjectionSpec.MAX_BITS);
            }
            long seed = i64();
            int k = u8("sparsityLog2", ProjectionSpec.MAX_SPARSITY_LOG2);
            int encodingCode = u8("bitEncoding", 1);
            int kindAt = p;
            InputKind kind = InputKind.ofCode(u8("inputKind", 255));
            if (kind == null) {
                throw error(INVALID_VALUE, kindAt, "unknown inputKind " + (b[kindAt] & 0xFF) + " (0 DENSE, 1 FEATURES)");
            }
            reserved(1);
            ProjectionSpec spec = ProjectionSpec.builder().numFunctions((int) t).bitsPerFunction((int) d).seed(seed)
                    .density(1.0 / (1 << k)).build();
            builder.projection(spec).encoding(encodingCode == 0 ? BitEncoding.ZERO_ONE : BitEncoding.PLUS_MINUS_ONE);
            builder.input(kind == InputKind.DENSE ? denseInput(spec) : featureInput());
            long numLayers = u32("numLayers", 1, PnetFormat.MAX_LAYERS);
            long width = t * d;
            for (int l = 0; l < numLayers; l++) {
                DenseBlock layer = layer(l, width);
                builder.addLayer(layer);
                width = layer.nOut;
            }
            int labelsAt = p;
            long numLabels = u32("numLabels", 2, PnetFormat.MAX_LAYER_WIDTH);
            if (numLabels != width) {
                throw error(INVALID_VALUE, labelsAt, "numLabels is " + numLabels + " but the logits layer has "
                        + width + " outputs");
            }
            // Each label takes at least its 4-byte length: check before sizing the array.
            needDeclared(4 * numLabels, "the " + numLabels + " labels");
            String[] labels = new String[(int) numLabels];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = string("label " + i);
            }
            builder.labels(labels);
            for (Map.Entry<String, String> e : map("provenance").entrySet()) {
                builder.provenance(e.getKey(), e.getValue());
            }
            if (p != end) {
                throw error(TRAILING_BYTES, p, (end - p) + " bytes follow the provenance, the last section");
            }
            try {
                return builder.build();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(INVALID_VALUE, "invalid model: " + e.getMessage(), e);
            }
        }

        private InputSpec denseInput(ProjectionSpec spec) throws ModelFormatException {
            int at = p;
            long nIn = u32("nIn", 1, PnetFormat.MAX_DENSE_INPUTS);
            if (nIn * spec.numWords() > PnetFormat.MAX_PROJECTION_MASK_WORDS) {
                throw error(SIZE_OUT_OF_RANGE, at, "nIn * ceil(T * d / 64) = " + nIn + " * " + spec.numWords()
                        + " exceeds " + PnetFormat.MAX_PROJECTION_MASK_WORDS);
            }
            int shapeAt = p;
            long h = u32("height", 0, PnetFormat.MAX_DENSE_INPUTS);
            long w = u32("width", 0, PnetFormat.MAX_DENSE_INPUTS);
            long c = u32("channels", 0, PnetFormat.MAX_DENSE_INPUTS);
            if (h == 0 && w == 0 && c == 0) {
                return InputSpec.dense((int) nIn);
            }
            if (h == 0 || w == 0 || c == 0 || h * w * c != nIn) {
                throw error(INVALID_VALUE, shapeAt, "image shape " + h + " x " + w + " x " + c
                        + " must be all zero or multiply to nIn = " + nIn);
            }
            return InputSpec.image((int) h, (int) w, (int) c);
        }

        private InputSpec featureInput() throws ModelFormatException {
            String kind = string("featurizer kind");
            long version = u32("featurizer version", 1, Integer.MAX_VALUE);
            Map<String, String> settings = map("featurizer setting");
            try {
                return InputSpec.features(FeaturizerSection.of(kind, (int) version, settings));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(INVALID_VALUE, "invalid featurizer section: " + e.getMessage(), e);
            }
        }

        private DenseBlock layer(int l, long expectedIn) throws ModelFormatException {
            String name = "layer " + l;
            int at = p;
            long nIn = u32(name + " nIn", 1, PnetFormat.MAX_LAYER_WIDTH);
            if (nIn != expectedIn) {
                throw error(INVALID_VALUE, at, name + " nIn is " + nIn + " but its input has " + expectedIn + " values");
            }
            long nOut = u32(name + " nOut", 1, PnetFormat.MAX_LAYER_WIDTH);
            int codeAt = p;
            Nonlinearity f = Nonlinearity.ofCode(u8(name + " nonlinearity", 255));
            if (f == null) {
                throw error(INVALID_VALUE, codeAt, name + ": unknown nonlinearity code " + (b[codeAt] & 0xFF));
            }
            WeightType type = WeightType.ofCode(u8(name + " weightType", 255));
            if (type == null) {
                throw error(INVALID_VALUE, codeAt + 1, name + ": unknown weightType code " + (b[codeAt + 1] & 0xFF));
            }
            reserved(2);
            float alpha = f32();
            long count = nIn * nOut;
            long bytes = type == WeightType.FLOAT32 ? 4 * count + 4 * nOut : 4 * nOut + count + 4 * nOut;
            needDeclared(bytes, name + " parameters (" + nIn + " x " + nOut + " " + type + ")");
            try {
                if (type == WeightType.FLOAT32) {
                    float[] w = floats((int) count);
                    return DenseBlock.float32((int) nIn, (int) nOut, w, floats((int) nOut), f, alpha);
                }
                float[] scales = floats((int) nOut);
                byte[] q = Arrays.copyOfRange(b, p, p + (int) count);
                p += (int) count;
                return DenseBlock.int8((int) nIn, (int) nOut, q, scales, floats((int) nOut), f, alpha);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(INVALID_VALUE, name + ": " + e.getMessage(), e);
            }
        }

        private Map<String, String> map(String what) throws ModelFormatException {
            long n = u32(what + " count", 0, PnetFormat.MAX_MAP_ENTRIES);
            needDeclared(8 * n, "the " + n + " " + what + " entries");
            LinkedHashMap<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                int at = p;
                String key = string(what + " key " + i);
                if (map.containsKey(key)) {
                    throw error(INVALID_VALUE, at, what + " key " + Utf8.quote(key) + " appears twice");
                }
                map.put(key, string(what + " " + Utf8.quote(key)));
            }
            return map;
        }

        private String string(String what) throws ModelFormatException {
            int at = p;
            long n = u32(what + " length", 0, PnetFormat.MAX_STRING_BYTES);
            needDeclared(n, what);
            try {
                String s = Utf8.decode(b, p, (int) n);
                p += (int) n;
                return s;
            } catch (CharacterCodingException e) {
                throw error(INVALID_VALUE, at, what + " is not valid UTF-8");
            }
        }

        private float[] floats(int n) {
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = Float.intBitsToFloat(le32(b, p));
                p += 4;
            }
            return out;
        }

        private float f32() throws ModelFormatException {
            need(4, "a float");
            float v = Float.intBitsToFloat(le32(b, p));
            p += 4;
            return v;
        }

        private long u32(String what, long min, long max) throws ModelFormatException {
            need(4, what);
            long v = le32(b, p) & 0xFFFFFFFFL;
            if (v < min || v > max) {
                throw error(SIZE_OUT_OF_RANGE, p, what + " must be in [" + min + ", " + max + "], got " + v);
            }
            p += 4;
            return v;
        }

        private long i64() throws ModelFormatException {
            need(8, "seed");
            long v = (le32(b, p) & 0xFFFFFFFFL) | (long) le32(b, p + 4) << 32;
            p += 8;
            return v;
        }

        private int u8(String what, int max) throws ModelFormatException {
            need(1, what);
            int v = b[p] & 0xFF;
            if (v > max) {
                throw error(INVALID_VALUE, p, what + " must be in [0, " + max + "], got " + v);
            }
            p++;
            return v;
        }

        private void reserved(int n) throws ModelFormatException {
            need(n, "reserved bytes");
            for (int i = 0; i < n; i++) {
                if (b[p] != 0) {
                    throw error(INVALID_VALUE, p, "reserved byte must be 0, got " + (b[p] & 0xFF));
                }
                p++;
            }
        }

        /** For fixed-size fields: running out means the content ends early. */
        private void need(long n, String what) throws ModelFormatException {
            if (n > end - p) {
                throw error(TRUNCATED, p, "truncated: " + what + " needs " + n + " bytes but only " + (end - p)
                        + " remain");
            }
        }

        /** For sizes read from the file: checked against the bytes left before anything is allocated. */
        private void needDeclared(long n, String what) throws ModelFormatException {
            if (n > end - p) {
                throw error(SIZE_OUT_OF_RANGE, p, "declared size too large: " + what + " need " + n
                        + " bytes but only " + (end - p) + " remain");
            }
        }

        private ModelFormatException error(ModelFormatException.Problem problem, int at, String message) {
            return new ModelFormatException(problem, "at content offset " + (at - PnetFormat.HEADER_BYTES) + ": "
                    + message);
        }
    }
}
