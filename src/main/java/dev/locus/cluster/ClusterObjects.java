package dev.locus.cluster;

import com.github.benmanes.caffeine.cache.Interner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts fabric8 API objects into Locus's own records. fabric8 types stop here: nothing
 * past the {@code cluster} package sees them.
 *
 * <p>Design (memory): live mode holds records for every object of a large cluster, and most
 * of their strings repeat: namespaces, class and driver names, node names (each node is named
 * by dozens of replicas), label and annotation values, and a Longhorn volume's name, which its
 * PV (name and volumeHandle), its claim and each replica all carry. Those are interned in a
 * weak interner (Caffeine's: a value no record uses any more is collected, and it is about 15
 * times faster than {@link String#intern()}, which dominated converting a full list); unique
 * names are not. The {@code kubectl.kubernetes.io/last-applied-configuration}
 * annotation, a copy of the whole object that nothing in Locus reads, is dropped.
 */
public final class ClusterObjects {

    /** Strings many records share; weakly held. */
    private static final Interner<String> STRINGS = Interner.newWeakInterner();

    /** kubectl's copy of the applied object: large, and read by nothing in Locus. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ClusterObjects() {
    }

    /** Adds {@code object} to {@code builder} if it is a kind placement reads; false otherwise. */
    public static boolean add(HasMetadata object, ClusterSnapshot.Builder builder) {
        if (object instanceof Node n) {
            builder.node(node(n));
        } else if (object instanceof PersistentVolume pv) {
            builder.volume(volume(pv));
        } else if (object instanceof PersistentVolumeClaim pvc) {
            builder.claim(claim(pvc));
        } else if (object instanceof StorageClass sc) {
            builder.storageClass(storageClass(sc));
        } else if (object instanceof CSINode csiNode) {
            builder.csiDrivers(csiNode.getMetadata().getName(), csiDrivers(csiNode));
        } else if (object instanceof CSIDriver driver) {
            builder.csiDriver(csiDriver(driver));
        } else if (object instanceof CSIStorageCapacity capacity) {
            builder.capacity(capacity(capacity));
        } else if (object instanceof GenericKubernetesResource generic && is(generic, KindKey.LONGHORN_REPLICA)) {
            builder.replica(longhornReplica(generic));
        } else if (object instanceof GenericKubernetesResource generic && is(generic, KindKey.LONGHORN_NODE)) {
            builder.longhornNode(LonghornNodes.of(generic));
        } else {
            return false;
        }
        return true;
    }

    public static NodeInfo node(Node node) {
        ObjectMeta m = node.getMetadata();
        return new NodeInfo(canon(m.getName()), strings(m.getLabels()), strings(m.getAnnotations()), NodeStatuses.of(node));
    }

    /**
     * The class annotation Kubernetes still reads before {@code spec.storageClassName}
     * (GetPersistentVolumeClaimClass: when present, even empty, it is the claim's class).
     */
    static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    /** A claim's record; its class is the one Kubernetes reads (the beta annotation first). */
    public static ClaimInfo claim(PersistentVolumeClaim pvc) {
        ObjectMeta m = pvc.getMetadata();
        var spec = pvc.getSpec();
        long request = 0;
        if (spec != null && spec.getResources() != null && spec.getResources().getRequests() != null) {
            request = bytes(spec.getResources().getRequests().get("storage"));
        }
        String namespace = m.getNamespace() == null ? "default" : canon(m.getNamespace());
        Map<String, String> annotations = strings(m.getAnnotations());
        return new ClaimInfo(new ObjectKey(namespace, m.getName()),
                spec == null ? null : canon(emptyToNull(spec.getVolumeName())),
                annotations.containsKey(BETA_CLASS_ANNOTATION) ? canon(annotations.get(BETA_CLASS_ANNOTATION))
                        : spec == null ? null : canon(spec.getStorageClassName()),
                request, annotations);
    }

    public static VolumeInfo volume(PersistentVolume pv) {
        ObjectMeta m = pv.getMetadata();
        PersistentVolumeSpec spec = pv.getSpec();
        if (spec == null) {
            return new VolumeInfo(canon(m.getName()), null, 0, null, null, null, null, strings(m.getAnnotations()));
        }
        long capacity = spec.getCapacity() == null ? 0 : bytes(spec.getCapacity().get("storage"));
        String driver = spec.getCsi() == null ? null : canon(spec.getCsi().getDriver());
        String handle = spec.getCsi() == null ? null : canon(spec.getCsi().getVolumeHandle());
        NodeSelector affinity = null;
        if (spec.getNodeAffinity() != null && spec.getNodeAffinity().getRequired() != null) {
            affinity = nodeSelector(spec.getNodeAffinity().getRequired().getNodeSelectorTerms());
        }
        ObjectReference ref = spec.getClaimRef();
        ObjectKey claim = ref == null || ref.getName() == null ? null
                : new ObjectKey(ref.getNamespace() == null ? "default" : canon(ref.getNamespace()), ref.getName());
        return new VolumeInfo(canon(m.getName()), canon(spec.getStorageClassName()), capacity, driver, handle, affinity,
                claim, strings(m.getAnnotations()));
    }

    public static StorageClassInfo storageClass(StorageClass sc) {
        return new StorageClassInfo(canon(sc.getMetadata().getName()), canon(sc.getProvisioner()),
                canon(sc.getVolumeBindingMode()), strings(sc.getMetadata().getAnnotations()));
    }

    public static CsiDriverInfo csiDriver(CSIDriver driver) {
        return new CsiDriverInfo(canon(driver.getMetadata().getName()),
                driver.getSpec() != null && Boolean.TRUE.equals(driver.getSpec().getStorageCapacity()));
    }

    /** Drivers listed in a CSINode's {@code spec.drivers}. */
    public static Set<String> csiDrivers(CSINode csiNode) {
        if (csiNode.getSpec() == null || csiNode.getSpec().getDrivers() == null) {
            return Set.of();
        }
        Set<String> drivers = new HashSet<>();
        for (CSINodeDriver driver : csiNode.getSpec().getDrivers()) {
            if (driver.getName() != null) {
                drivers.add(canon(driver.getName()));
            }
        }
        return drivers;
    }

    public static StorageCapacityInfo capacity(CSIStorageCapacity c) {
        ObjectMeta m = c.getMetadata();
        LabelSelector topology = c.getNodeTopology() == null ? LabelSelector.NOTHING : new LabelSelector(
                strings(c.getNodeTopology().getMatchLabels()),
                c.getNodeTopology().getMatchExpressions() == null ? List.of()
                        : c.getNodeTopology().getMatchExpressions().stream()
                        .map(r -> new NodeSelector.Requirement(r.getKey(), r.getOperator(),
                                r.getValues() == null ? Set.of() : canon(r.getValues())))
                        .toList(),
                false);
        return new StorageCapacityInfo(new ObjectKey(m.getNamespace() == null ? "" : canon(m.getNamespace()),
                m.getName()), canon(c.getStorageClassName()), topology, bytesOrUnknown(c.getCapacity()),
                bytesOrUnknown(c.getMaximumVolumeSize()));
    }

    /** True when {@code object} is of kind {@code key} (group and kind, any version). */
    public static boolean is(HasMetadata object, KindKey key) {
        return key.matches(object.getApiVersion(), object.getKind());
    }

    /**
     * A Longhorn Replica, named {@code namespace/name}: healthy when {@code status.currentState}
     * is running and {@code spec.failedAt} is empty.
     */
    public static ReplicaInfo longhornReplica(GenericKubernetesResource r) {
        ObjectMeta m = r.getMetadata();
        return longhornReplica(m.getNamespace() == null ? m.getName() : m.getNamespace() + "/" + m.getName(), r);
    }

    /** A Longhorn Replica under an already computed {@code namespace/name} (live mode's store key). */
    public static ReplicaInfo longhornReplica(String qualifiedName, GenericKubernetesResource r) {
        Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
        Map<String, Object> status = map(r.getAdditionalProperties().get("status"));
        String failedAt = string(spec.get("failedAt"));
        String state = string(status.get("currentState"));
        boolean failed = failedAt != null && !failedAt.isEmpty() || "error".equals(state);
        return new ReplicaInfo(qualifiedName, canon(string(spec.get("volumeName"))),
                canon(emptyToNull(string(spec.get("nodeID")))), "running".equals(state) && !failed, failed);
    }

    /** {@code value} as a JSON object of a generic resource, or empty when it is not one. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    private static long bytesOrUnknown(Quantity quantity) {
        return quantity == null ? -1 : bytes(quantity);
    }

    private static NodeSelector nodeSelector(List<NodeSelectorTerm> terms) {
        if (terms == null) {
            return new NodeSelector(List.of());
        }
        return new NodeSelector(terms.stream()
                .map(t -> new NodeSelector.Term(requirements(t.getMatchExpressions()), requirements(t.getMatchFields())))
                .toList());
    }

    private static List<NodeSelector.Requirement> requirements(List<NodeSelectorRequirement> list) {
        if (list == null) {
            return List.of();
        }
        return list.stream()
                .map(r -> new NodeSelector.Requirement(r.getKey(), r.getOperator(),
                        r.getValues() == null ? Set.of() : canon(r.getValues())))
                .toList();
    }

    private static Set<String> canon(List<String> values) {
        Set<String> set = new HashSet<>();
        for (String value : values) {
            set.add(canon(value));
        }
        return set;
    }

    /** A storage quantity in bytes, rounded up; 0 when absent or unparseable. */
    static long bytes(Quantity quantity) {
        if (quantity == null) {
            return 0;
        }
        try {
            BigDecimal amount = Quantity.getAmountInBytes(quantity);
            return amount.signum() <= 0 ? 0 : amount.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** A label or annotation map with interned keys and values, without last-applied-configuration. */
    private static Map<String, String> strings(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> {
            if (!LAST_APPLIED.equals(k)) {
                copy.put(canon(k), canon(v));
            }
        });
        return copy;
    }

    /** The shared instance of a string that many records carry; null stays null. */
    private static String canon(String s) {
        return s == null ? null : STRINGS.intern(s);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
