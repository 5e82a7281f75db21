package io.github.dl4jprojection.layers.joint;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test with one ND4J master thread and restores the previous count afterwards. The joint tests use
 * tiny networks, where parallel op dispatch costs far more than it saves, and on a busy machine with few
 * cores it made the gradient checks several times slower.
 */
final class SingleThreadedNd4j implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SingleThreadedNd4j.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("masterThreads", Nd4j.getEnvironment().maxMasterThreads());
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Integer previous = context.getStore(NAMESPACE).remove("masterThreads", Integer.class);
        if (previous != null) {
            Nd4j.getEnvironment().setMaxMasterThreads(previous);
        }
    }
}
