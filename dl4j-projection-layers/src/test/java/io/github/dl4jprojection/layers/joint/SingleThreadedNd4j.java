package io.github.dl4jprojection.layers.joint;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class (its {@code @BeforeAll} training included) and each of its tests with one ND4J master thread and
 * restores the previous count afterwards. The joint tests use tiny networks, where parallel op dispatch costs far
 * more than it saves, and on a busy machine with few cores it made the gradient checks several times slower.
 */
final class SingleThreadedNd4j implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SingleThreadedNd4j.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        singleThreaded(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        restore(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        singleThreaded(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        restore(context);
    }

    /** Each context (class or test) has its own store, so the class's saved count survives its tests. */
    private static void singleThreaded(ExtensionContext context) {
        context.getStore(NAMESPACE).put("masterThreads", Nd4j.getEnvironment().maxMasterThreads());
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    private static void restore(ExtensionContext context) {
        Integer previous = context.getStore(NAMESPACE).remove("masterThreads", Integer.class);
        if (previous != null) {
            Nd4j.getEnvironment().setMaxMasterThreads(previous);
        }
    }
}
