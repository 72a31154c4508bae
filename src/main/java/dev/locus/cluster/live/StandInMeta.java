package dev.locus.cluster.live;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;

/**
 * The metadata of the stand-ins a {@link RecordStore} hands fabric8 instead of full objects:
 * the store key and the resourceVersion, from which name, namespace and version are derived
 * when read. Read-only; every collection is empty.
 *
 * <p>Design (allocation): fabric8 asks for a stand-in of every held object on every list (to
 * find the objects the list no longer has), half a million on a relist of a large cluster, and
 * reads only their keys. So nothing is computed until read. {@link ObjectMeta}'s constructor
 * still creates its six empty collections; skipping it through the JDK-internal
 * {@code sun.reflect.ReflectionFactory} saved garbage but no relist time a user could see
 * (docs/live-cluster.md), so stand-ins are made the plain way.
 */
final class StandInMeta extends ObjectMeta {

    private final String key;
    private final long number;
    private final String text;

    /**
     * @param key     the store key, {@code namespace/name} or {@code name}
     * @param number  the resourceVersion as a number, or -1 when {@code text} holds it
     * @param text    the resourceVersion when not a canonical number, else null
     */
    private StandInMeta(String key, long number, String text) {
        this.key = key;
        this.number = number;
        this.text = text;
    }

    static StandInMeta of(String key, long number, String text) {
        return new StandInMeta(key, number, text);
    }

    /** The store key: handed back to fabric8 as the object's key without building it again. */
    String key() {
        return key;
    }

    @Override
    public String getName() {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(slash + 1);
    }

    @Override
    public String getNamespace() {
        int slash = key.indexOf('/');
        return slash < 0 ? null : key.substring(0, slash);
    }

    @Override
    public String getResourceVersion() {
        return text != null || number < 0 ? text : Long.toString(number);
    }

    @Override
    public Map<String, String> getLabels() {
        return Map.of();
    }

    @Override
    public Map<String, String> getAnnotations() {
        return Map.of();
    }

    @Override
    public List<String> getFinalizers() {
        return List.of();
    }

    @Override
    public List<ManagedFieldsEntry> getManagedFields() {
        return List.of();
    }

    @Override
    public List<OwnerReference> getOwnerReferences() {
        return List.of();
    }

    @Override
    public Map<String, Object> getAdditionalProperties() {
        return Map.of();
    }

    @Override
    public void setName(String name) {
        throw readOnly();
    }

    @Override
    public void setNamespace(String namespace) {
        throw readOnly();
    }

    @Override
    public void setResourceVersion(String resourceVersion) {
        throw readOnly();
    }

    @Override
    public String toString() {
        return "StandInMeta{key=" + key + ", resourceVersion=" + getResourceVersion() + "}";
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a stand-in is read-only");
    }
}
