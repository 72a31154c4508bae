package dev.locus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit 5 extension that gives test classes one shared {@link ControlPlane}: started by the
 * first class that needs it, reused by every later one, stopped when the test run ends
 * (JUnit closes it with the root context's store, also when tests failed).
 *
 * <p>Use: {@code @ExtendWith(ControlPlaneExtension.class)} on the class, and a
 * {@code ControlPlane} parameter on a {@code @BeforeAll}, {@code @BeforeEach} or test method.
 * Without binaries ({@link Binaries#PROPERTY} or {@link Binaries#ENV}) every such class is
 * skipped, with {@link Binaries#HOW_TO_GET} printed once.
 *
 * <p>When a test fails, the component logs so far are copied to
 * {@code target/e2e/failed/CLASS.METHOD/}; the live ones stay in {@code target/e2e/logs/}.
 */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    /** Where the control plane works and logs: {@code run/} (deleted at the end), {@code logs/}, {@code failed/}. */
    static final Path WORK_DIR = Path.of("target", "e2e");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ControlPlane.class);
    private static final AtomicBoolean SKIP_SAID = new AtomicBoolean();

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<Path> assets = Binaries.configuredFolder();
        if (assets.isEmpty() && !SKIP_SAID.getAndSet(true)) {
            System.out.println(Binaries.HOW_TO_GET);
        }
        Assumptions.assumeTrue(assets.isPresent(), Binaries.HOW_TO_GET);
        controlPlane(context, assets.get());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return controlPlane(context, Binaries.configuredFolder().orElseThrow());
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path to = WORK_DIR.resolve("failed").resolve(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName());
        copyLogs(WORK_DIR.resolve("logs"), to);
        System.out.println("[e2e] " + context.getDisplayName() + " failed; component logs in " + to.toAbsolutePath());
    }

    private static ControlPlane controlPlane(ExtensionContext context, Path assets) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ControlPlane.class,
                key -> ControlPlane.start(Binaries.in(assets), WORK_DIR), ControlPlane.class);
    }

    private static void copyLogs(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
