package io.github.dl4jprojection.layers.joint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dl4jprojection.layers.PatchProjectionLayer;
import io.github.dl4jprojection.layers.ProjectionLayer;
import io.github.dl4jprojection.layers.export.ProjectionNetExporter;
import io.github.dl4jprojection.runtime.model.ModelWriter;
import java.io.File;
import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.TestDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The joint builder's patch branch: the stage vertices it adds (convolution, Truncate mode, the projection updater;
 * max pooling only when the pool is above 1), its layout through save and load (the restored model exports the same
 * bytes), and one-line refusals of stages that do not fit or have no patch input.
 */
class PatchJointModelTest {

    private static JointProjectionModel.Builder builder() {
        return new JointProjectionModel.Builder()
                .trainerInputType(InputType.convolutionalFlat(14, 14, 1))
                .trainerLayer("trainer_hidden", new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .nClasses(3)
                .patchInput(new PatchProjectionLayer.Builder().numFunctions(2).bitsPerFunction(2).window(4).stride(2)
                        .build())
                .projectionUpdater(new Sgd(0.5))
                .updater(new Adam(1e-3));
    }

    @Test
    void addsTheStagesInOrderWithTheProjectionUpdater() {
        JointProjectionModel joint = builder().convStage(2, 6, 2).convStage(2, 5, 1).hiddenLayers(7).build();
        assertEquals(Arrays.asList("projection_stage_conv_0", "projection_stage_pool_0", "projection_stage_conv_1"),
                joint.projectionPatchLayerNames());
        ConvolutionLayer conv = (ConvolutionLayer) joint.graph().getLayer("projection_stage_conv_0").conf().getLayer();
        assertArrayEquals(new int[] {2, 2}, conv.getKernelSize());
        assertEquals(ConvolutionMode.Truncate, conv.getConvolutionMode());
        assertEquals(4, conv.getNIn(), "B = T * d bits per position are its input channels");
        assertEquals(new Sgd(0.5), conv.getIUpdater());
        SubsamplingLayer pool = (SubsamplingLayer) joint.graph().getLayer("projection_stage_pool_0").conf().getLayer();
        assertArrayEquals(new int[] {2, 2}, pool.getStride());
        // 14x14, window 4, stride 2: 6x6; kernel 2: 5x5, pooled 2x2; kernel 2: 1x1 of 5 channels.
        assertEquals(5, ((DenseLayer) joint.graph().getLayer("projection_hidden_0").conf().getLayer()).getNIn());
    }

    @Test
    void savesAndLoadsTheLayoutAndExportsTheSameBytes(@TempDir File dir) throws Exception {
        JointProjectionModel joint = builder().convStage(3, 4, 2).build();
        Random random = new Random(4);
        float[][] x = new float[30][196];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextInt(256);
            }
        }
        int[] labels = new int[30];
        Arrays.setAll(labels, r -> r % 3);
        joint.fit(new TestDataSetIterator(new DataSet(Nd4j.create(x), PatchJointExportParityTest.oneHot(labels)), 10),
                1);
        File file = new File(dir, "joint.zip");
        joint.save(file);
        JointProjectionModel loaded = JointProjectionModel.load(file);
        assertEquals(joint.projectionPatchLayerNames(), loaded.projectionPatchLayerNames());
        assertEquals(joint.layoutJson(), loaded.layoutJson());
        assertArrayEquals(ModelWriter.toBytes(ProjectionNetExporter.from(joint).export()),
                ModelWriter.toBytes(ProjectionNetExporter.from(loaded).export()));
    }

    @Test
    void refusesStagesThatDoNotFitOrHaveNoPatchInput() {
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> builder().convStage(3, 4, 2).convStage(3, 4, 1).build());
        assertTrue(fit.getMessage().startsWith("convStage 1 (kernel 3, pool 1) does not fit the 2x2 map"),
                fit.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> builder().convStage(3, 4, 0).build());
        assertTrue(pool.getMessage().contains("pool 0"), pool.getMessage());
        IllegalArgumentException window = assertThrows(IllegalArgumentException.class, () -> builder()
                .patchInput(new PatchProjectionLayer.Builder().numFunctions(2).bitsPerFunction(2).window(15).build())
                .build());
        assertTrue(window.getMessage().contains("larger than its 14x14 images"), window.getMessage());
        IllegalArgumentException noPatch = assertThrows(IllegalArgumentException.class, () -> new JointProjectionModel
                .Builder().trainerInputType(InputType.feedForward(4))
                .trainerLayer("t", new DenseLayer.Builder().nOut(3).build()).nClasses(2)
                .projectionLayer(new ProjectionLayer.Builder().numFunctions(2)
                        .bitsPerFunction(2).build())
                .convStage(3, 4, 1).build());
        assertEquals("convStage applies to a patchInput projection only", noPatch.getMessage());
    }
}
