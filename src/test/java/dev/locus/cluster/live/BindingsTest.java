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
