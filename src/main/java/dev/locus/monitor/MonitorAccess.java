package dev.locus.monitor;

import java.util.List;

/**
 * Every API call the health monitor makes, as RBAC sees it: the single list the monitor's
 * ClusterRole and Role in {@code deploy/components/health-monitor} are derived from.
 * {@code ClusterRoleTest} checks the roles grant exactly this, and {@code MonitorAccessTest}
 * records every request a running monitor sends to the mock API server and checks that each
 * is in this list and that each entry is used, so code, list and RBAC cannot drift apart.
 */
public final class MonitorAccess {

    /**
     * One permission.
     *
     * @param group      API group, "" for core
     * @param resource   resource, with its subresource ({@code pods/eviction})
     * @param verbs      RBAC verbs
     * @param namespaced true when granted only in {@code monitor.leaseNamespace} (a Role), false cluster-wide
     * @param usedBy     where the code makes the call
     */
    public record Permission(String group, String resource, List<String> verbs, boolean namespaced, String usedBy) {
        public Permission {
            verbs = List.copyOf(verbs);
        }
    }

    /** What the monitor needs, and nothing else. */
    public static final List<Permission> ALL = List.of(
            new Permission("", "pods", List.of("list", "watch"), false, "HealthMonitor: the pod informer"),
            new Permission("", "pods/eviction", List.of("create"), false, "PodEvictor: the Eviction API"),
            new Permission("", "events", List.of("create"), false, "EventRecorder: events on pods and nodes"),
            new Permission("coordination.k8s.io", "leases", List.of("get", "create", "patch"), true,
                    "Leadership: fabric8's LeaseLock (renewals are patches)"));

    private MonitorAccess() {
    }
}
