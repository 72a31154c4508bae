package dev.locus.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes manifest in deploy/ deserialises into fabric8's typed model, with no
 * field fabric8 does not know (a misspelt field would otherwise be parked silently in
 * {@code additionalProperties}, and rejected or ignored by the API server).
 */
class ManifestsTest {

    /** API groups of custom resources fabric8's core model does not type. */
    private static final Set<String> CUSTOM_RESOURCE_GROUPS = Set.of("monitoring.coreos.com", "cert-manager.io");

    static Stream<Named<Path>> manifests() {
        return DeployFiles.named(DeployFiles.manifests());
    }

    @Test
    void manifestsAreFound() {
        List<String> found = DeployFiles.manifests().stream().map(DeployFiles::relative).toList();
        for (String expected : List.of(
                "deploy/base/deployment.yaml",
                "deploy/components/kube-scheduler/deployment.yaml",
                "deploy/overlays/second-scheduler/scheduler-config.yaml",
                "deploy/overlays/sidecar/locus-sidecar.yaml",
                "deploy/monitoring/servicemonitor.yaml")) {
            assertTrue(found.contains(expected), expected + " not among " + found);
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyDocumentParsesIntoAKnownType(Path file) {
        List<HasMetadata> objects = DeployFiles.objects(file);
        assertEquals(DeployFiles.yamlDocuments(file).size(), objects.size(), DeployFiles.relative(file) + ": documents parsed");
        for (HasMetadata o : objects) {
            String id = DeployFiles.relative(file) + ": " + o.getKind() + " " + o.getMetadata().getName();
            assertFalse(o.getMetadata().getName() == null || o.getMetadata().getName().isBlank(), id + ": name");
            if (o instanceof GenericKubernetesResource) {
                assertTrue(CUSTOM_RESOURCE_GROUPS.contains(group(o.getApiVersion())),
                        id + ": unknown apiVersion/kind " + o.getApiVersion() + " " + o.getKind());
            } else {
                assertEquals(List.of(), unknownFields(o, o.getKind()), id + ": fields fabric8 does not know");
            }
        }
    }

    /** No kustomize namespace transformer is used, so namespaced objects must say where they go. */
    @ParameterizedTest
    @MethodSource("manifests")
    void namespacedObjectsNameTheirNamespace(Path file) {
        for (HasMetadata o : DeployFiles.objects(file)) {
            boolean namespaced = o instanceof Namespaced
                    || CUSTOM_RESOURCE_GROUPS.contains(group(o.getApiVersion()));
            if (namespaced) {
                assertNotNull(o.getMetadata().getNamespace(),
                        DeployFiles.relative(file) + ": " + o.getKind() + " " + o.getMetadata().getName());
            }
        }
    }

    private static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Paths of values fabric8 put into additionalProperties, walking the typed object tree. */
    static List<String> unknownFields(Object value, String path) {
        List<String> found = new ArrayList<>();
        collectUnknown(value, path, found);
        return found;
    }

    private static void collectUnknown(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "[" + k + "]", found));
        } else if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            for (Method getter : value.getClass().getMethods()) {
                if (isPropertyGetter(getter)) {
                    Object child = invoke(getter, value);
                    String name = getter.getName().substring(3);
                    if (name.equals("AdditionalProperties")) {
                        ((Map<?, ?>) child).keySet().forEach(k -> found.add(path + "." + k));
                    } else {
                        collectUnknown(child, path + "." + name, found);
                    }
                }
            }
        }
    }

    private static boolean isPropertyGetter(Method m) {
        return m.getName().startsWith("get") && m.getParameterCount() == 0
                && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
                && !m.getReturnType().isPrimitive();
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(getter + " failed", e);
        }
    }
}
