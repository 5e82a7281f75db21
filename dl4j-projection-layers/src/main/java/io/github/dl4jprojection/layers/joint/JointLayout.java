package io.github.dl4jprojection.layers.joint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Which vertices of a joint graph are which: the metadata {@link JointProjectionModel} stores next to the
 * graph in a saved model (as JSON, format version {@value #FORMAT_VERSION}) and that the exporter reads.
 * {@code trainerInputType} (DL4J's own JSON form of the {@link InputType}) is optional: layouts saved before it
 * existed load without it, and their batches are then not checked against it. {@code projectionSequenceLayerNames}
 * (bottleneck, its mask, convolution, pooling) is present for a sequence projection only, so a bag model's layout
 * is written exactly as before; {@code projectionPatchLayerNames} (the convolution and pooling vertices of a patch
 * projection's stages, in graph order) likewise appears only when it is not empty.
 */
final class JointLayout {

    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final String trainerInputName;
    /** The type of the trainer's input, which every batch's features must match; null in older layouts. */
    final InputType trainerInputType;
    /** Null when the projection reads the trainer's input. */
    final String bitsInputName;
    final String projectionInputLayerName;
    final List<String> projectionDenseLayerNames;
    /** Bottleneck, mask, convolution and pooling vertices of a sequence projection; empty for a bag projection. */
    final List<String> projectionSequenceLayerNames;
    /** Convolution and pooling vertices of a patch projection's stages, in graph order; empty otherwise. */
    final List<String> projectionPatchLayerNames;
    final String trainerLogitsName;
    final String trainerOutputName;
    final String projectionOutputName;
    final int numClasses;
    final List<String> labelNames;

    JointLayout(String trainerInputName, InputType trainerInputType, String bitsInputName,
            String projectionInputLayerName, List<String> projectionSequenceLayerNames,
            List<String> projectionPatchLayerNames, List<String> projectionDenseLayerNames, String trainerLogitsName, String trainerOutputName,
            String projectionOutputName, int numClasses, List<String> labelNames) {
        this.trainerInputName = trainerInputName;
        this.trainerInputType = trainerInputType;
        this.bitsInputName = bitsInputName;
        this.projectionInputLayerName = projectionInputLayerName;
        this.projectionSequenceLayerNames = Collections.unmodifiableList(new ArrayList<>(projectionSequenceLayerNames));
        this.projectionPatchLayerNames = Collections.unmodifiableList(new ArrayList<>(projectionPatchLayerNames));
        this.projectionDenseLayerNames = Collections.unmodifiableList(new ArrayList<>(projectionDenseLayerNames));
        this.trainerLogitsName = trainerLogitsName;
        this.trainerOutputName = trainerOutputName;
        this.projectionOutputName = projectionOutputName;
        this.numClasses = numClasses;
        this.labelNames = labelNames == null ? Collections.emptyList()
                : Collections.unmodifiableList(new ArrayList<>(labelNames));
    }

    String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("formatVersion", FORMAT_VERSION);
        map.put("trainerInputName", trainerInputName);
        if (trainerInputType != null) {
            // DL4J's mapper: InputType's JSON form is the one its own configurations use (a plain mapper fails on it).
            map.put("trainerInputType", JsonMappers.getMapper().convertValue(trainerInputType, Map.class));
        }
        map.put("bitsInputName", bitsInputName);
        map.put("projectionInputLayerName", projectionInputLayerName);
        if (!projectionSequenceLayerNames.isEmpty()) {
            map.put("projectionSequenceLayerNames", projectionSequenceLayerNames);
        }
        if (!projectionPatchLayerNames.isEmpty()) {
            map.put("projectionPatchLayerNames", projectionPatchLayerNames);
        }
        map.put("projectionDenseLayerNames", projectionDenseLayerNames);
        map.put("trainerLogitsName", trainerLogitsName);
        map.put("trainerOutputName", trainerOutputName);
        map.put("projectionOutputName", projectionOutputName);
        map.put("numClasses", numClasses);
        map.put("labelNames", labelNames);
        try {
            return MAPPER.writeValueAsString(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the joint model layout as JSON", e);
        }
    }

    /**
     * @throws IllegalArgumentException if the JSON is malformed, of another format version, or incomplete
     */
    @SuppressWarnings("unchecked")
    static JointLayout fromJson(String json) {
        Map<String, Object> map;
        try {
            map = MAPPER.readValue(json, Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("joint model layout is not valid JSON: " + e.getMessage(), e);
        }
        Object version = map.get("formatVersion");
        if (!Integer.valueOf(FORMAT_VERSION).equals(version)) {
            throw new IllegalArgumentException("joint model layout has format version " + version
                    + "; this library reads version " + FORMAT_VERSION);
        }
        return new JointLayout(required(map, "trainerInputName", String.class), inputType(map.get("trainerInputType")),
                (String) map.get("bitsInputName"),
                required(map, "projectionInputLayerName", String.class),
                map.containsKey("projectionSequenceLayerNames") ? strings(map, "projectionSequenceLayerNames")
                        : Collections.emptyList(),
                map.containsKey("projectionPatchLayerNames") ? strings(map, "projectionPatchLayerNames")
                        : Collections.emptyList(),
                strings(map, "projectionDenseLayerNames"), required(map, "trainerLogitsName", String.class),
                required(map, "trainerOutputName", String.class), required(map, "projectionOutputName", String.class),
                required(map, "numClasses", Integer.class), strings(map, "labelNames"));
    }

    private static InputType inputType(Object json) {
        if (json == null) {
            return null;
        }
        try {
            return JsonMappers.getMapper().convertValue(json, InputType.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("joint model layout: \"trainerInputType\" is not a DL4J InputType: "
                    + json, e);
        }
    }

    private static List<String> strings(Map<String, Object> map, String key) {
        List<?> values = required(map, key, List.class);
        List<String> out = new ArrayList<>(values.size());
        for (Object value : values) {
            if (!(value instanceof String)) {
                throw new IllegalArgumentException("joint model layout: \"" + key + "\" must hold strings, got " + value);
            }
            out.add((String) value);
        }
        return out;
    }

    private static <T> T required(Map<String, Object> map, String key, Class<T> type) {
        Object value = map.get(key);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("joint model layout: \"" + key + "\" must be a "
                    + type.getSimpleName() + ", got " + value);
        }
        return type.cast(value);
    }

    /**
     * @throws IllegalArgumentException if a named vertex or input is missing from the graph
     */
    void checkAgainst(ComputationGraph graph) {
        List<String> inputs = graph.getConfiguration().getNetworkInputs();
        requireIn(inputs, trainerInputName, "trainer input");
        if (bitsInputName != null) {
            requireIn(inputs, bitsInputName, "bits input");
        }
        List<String> vertices = new ArrayList<>(graph.getConfiguration().getVertices().keySet());
        requireIn(vertices, projectionInputLayerName, "projection input layer");
        for (String name : projectionSequenceLayerNames) {
            requireIn(vertices, name, "projection sequence layer");
        }
        for (String name : projectionPatchLayerNames) {
            requireIn(vertices, name, "projection patch stage layer");
        }
        for (String name : projectionDenseLayerNames) {
            requireIn(vertices, name, "projection dense layer");
        }
        requireIn(vertices, trainerLogitsName, "trainer logits layer");
        requireIn(graph.getConfiguration().getNetworkOutputs(), trainerOutputName, "trainer output");
        requireIn(graph.getConfiguration().getNetworkOutputs(), projectionOutputName, "projection output");
    }

    private static void requireIn(List<String> names, String name, String what) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("joint model layout names " + what + " \"" + name
                    + "\", which the graph does not have");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JointLayout)) {
            return false;
        }
        JointLayout other = (JointLayout) o;
        return toJson().equals(other.toJson());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toJson());
    }
}
