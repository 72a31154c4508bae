package dev.locus.cluster.live;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata of the stand-ins a {@link RecordStore} hands fabric8 instead of full objects:
 * the store key and the resourceVersion, from which name, namespace and version are derived
 * when read. Read-only; every collection is empty.
 *
 * <p>Design (allocation): fabric8 asks for a stand-in of every held object on every list (to
 * find the objects the list no longer has), half a million on a relist of a large cluster, and
 * reads only their keys. So nothing is computed until read, and a stand-in is made without
 * running {@link ObjectMeta}'s constructor, which creates six empty collections (about 240 of
 * its 320 bytes): like serialization libraries do, through {@code sun.reflect.ReflectionFactory}
 * (module jdk.unsupported, there in every JDK 17 runtime). Should the JDK refuse, stand-ins are
 * made with the constructor: more garbage, same behaviour.
 */
final class StandInMeta extends ObjectMeta {

    private static final Logger LOG = LoggerFactory.getLogger(StandInMeta.class);
    private static final Constructor<StandInMeta> BARE = bareConstructor();
    private static final Object[] NO_ARGUMENTS = {};

    /** Set once, right after creation (a bare instance runs no constructor, so they cannot be final). */
    private String key;
    private long number;
    private String text;

    /** Only for the fallback; {@link #of} is the way in. */
    private StandInMeta() {
    }

    /**
     * @param key     the store key, {@code namespace/name} or {@code name}
     * @param number  the resourceVersion as a number, or -1 when {@code text} holds it
     * @param text    the resourceVersion when not a canonical number, else null
     */
    static StandInMeta of(String key, long number, String text) {
        StandInMeta meta = create();
        meta.key = key;
        meta.number = number;
        meta.text = text;
        return meta;
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

    private static StandInMeta create() {
        if (BARE != null) {
            try {
                return BARE.newInstance(NO_ARGUMENTS);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // fall through: the constructor always works
            }
        }
        return new StandInMeta();
    }

    @SuppressWarnings("unchecked")
    private static Constructor<StandInMeta> bareConstructor() {
        try {
            Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
            Object factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
            Constructor<?> bare = (Constructor<?>) factoryClass
                    .getMethod("newConstructorForSerialization", Class.class, Constructor.class)
                    .invoke(factory, StandInMeta.class, Object.class.getDeclaredConstructor());
            StandInMeta probe = (StandInMeta) bare.newInstance();
            return probe.getClass() == StandInMeta.class ? (Constructor<StandInMeta>) bare : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.debug("stand-ins are made with ObjectMeta's constructor: {}", e.toString());
            return null;
        }
    }
}
