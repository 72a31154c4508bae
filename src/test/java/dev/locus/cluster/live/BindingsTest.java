package dev.locus.cluster.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The informers are made from {@link WatchedKinds#ALL}, and nothing else. */
class BindingsTest {

    @Test
    void everyWatchedKindHasABindingInTheSameOrder() {
        assertEquals(WatchedKinds.ALL, Bindings.ALL.stream().map(KindBinding::kind).toList());
    }

    @Test
    void typedBindingsUseTheFabric8ClassOfTheirApiResource() {
        for (KindBinding<?, ?> binding : Bindings.ALL) {
            assertEquals(binding.kind().optional(), !binding.typed(), binding.kind() + ": only CRDs are generic");
        }
    }

    @Test
    void everyWatchedKindHasItsOwnLabelForLogsAndMetrics() {
        assertEquals(WatchedKinds.ALL.size(), WatchedKinds.ALL.stream().map(WatchedKinds.Kind::label).distinct().count(),
                WatchedKinds.ALL.stream().map(WatchedKinds.Kind::label).toList().toString());
        assertEquals(List.of("Node", "Replica", "nodes.longhorn.io"), WatchedKinds.ALL.stream()
                .filter(k -> k.kind().equals("Node") || k.group().equals("longhorn.io"))
                .map(WatchedKinds.Kind::label).toList());
    }

    @Test
    void aKindWithoutBindingIsRefused() {
        var unknown = new WatchedKinds.Kind("example.com", "v1", "widgets", "Widget", false);
        var e = assertThrows(IllegalStateException.class, () -> Bindings.of(unknown));
        assertTrue(e.getMessage().contains("Widget"), e.getMessage());
    }

    @Test
    void aBindingNamingAnotherResourceIsRefused() {
        var wrongVersion = new WatchedKinds.Kind("", "v2", "nodes", "Node", false);
        assertThrows(IllegalStateException.class, () -> Bindings.of(wrongVersion));
    }

    @Test
    void theMirrorHasAStorePerWatchedKind() {
        ClusterMirror mirror = new ClusterMirror();
        List<WatchedKinds.Kind> kinds = WatchedKinds.ALL;
        for (WatchedKinds.Kind kind : kinds) {
            assertEquals(kind, mirror.store(kind).binding().kind());
        }
    }
}
