package dev.locus.cluster;

/**
 * Where the request path gets the cluster from: the latest published snapshot. Manifest
 * mode publishes one snapshot at start; live mode publishes a new one as informers learn.
 */
public interface ClusterState {

    /** The latest snapshot; never null (empty before the first sync). */
    ClusterSnapshot current();

    /** True once the state reflects the whole cluster (manifests read, or informers synced). */
    boolean ready();
}
