package dev.locus.deploy;

import dev.locus.cluster.live.WatchedKinds;
import dev.locus.config.MonitorSettings;
import dev.locus.monitor.MonitorAccess;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The base ClusterRole is derived from {@link WatchedKinds#ALL}: every watched kind can be
 * listed and watched (an informer added without RBAC fails here), and nothing else is
 * granted (no other resources, no write verbs, no secrets). The health monitor's roles
 * (deploy/components/health-monitor) are derived the same way from {@link MonitorAccess#ALL}:
 * cluster-wide permissions in its ClusterRole, the Lease's in a Role of the lease namespace.
 */
class ClusterRoleTest {

    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
    private static final ClusterRole ROLE =
            DeployFiles.object("deploy/base/clusterrole.yaml", ClusterRole.class, "locus");

    static Stream<Named<WatchedKinds.Kind>> watchedKinds() {
        return WatchedKinds.ALL.stream().map(k -> Named.of(k.group() + "/" + k.resource(), k));
    }

    @ParameterizedTest
    @MethodSource("watchedKinds")
    void everyWatchedKindCanBeReadListedAndWatched(WatchedKinds.Kind kind) {
        Set<String> verbs = ROLE.getRules().stream()
                .filter(r -> r.getApiGroups().contains(kind.group()) && r.getResources().contains(kind.resource()))
                .flatMap(r -> r.getVerbs().stream())
                .collect(Collectors.toSet());
        assertTrue(verbs.containsAll(READ_VERBS), kind.resource() + " has only " + verbs);
    }

    @Test
    void grantsNothingBeyondReadingTheWatchedKinds() {
        Set<String> watched = WatchedKinds.ALL.stream()
                .map(k -> k.group() + "/" + k.resource()).collect(Collectors.toSet());
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : ROLE.getRules()) {
            assertEquals(List.of(), rule.getNonResourceURLs(), "nonResourceURLs");
            assertEquals(List.of(), rule.getResourceNames(), "resourceNames (informers list whole collections)");
            assertTrue(READ_VERBS.containsAll(rule.getVerbs()), "verbs " + rule.getVerbs());
            for (String group : rule.getApiGroups()) {
                rule.getResources().forEach(resource -> granted.add(group + "/" + resource));
            }
        }
        granted.removeAll(watched);
        assertEquals(Set.of(), granted, "granted but not watched (wildcards and secrets included)");
    }

    @Test
    void isBoundToTheServiceAccountLocusRunsAs() {
        ClusterRoleBinding binding = DeployFiles.object(
                "deploy/base/clusterrolebinding.yaml", ClusterRoleBinding.class, "locus");
        ServiceAccount account = DeployFiles.object(
                "deploy/base/serviceaccount.yaml", ServiceAccount.class, "locus");
        Deployment deployment = DeployFiles.object("deploy/base/deployment.yaml", Deployment.class, "locus");

        assertEquals("ClusterRole", binding.getRoleRef().getKind());
        assertEquals(ROLE.getMetadata().getName(), binding.getRoleRef().getName());
        Subject subject = binding.getSubjects().get(0);
        assertEquals(List.of("ServiceAccount", account.getMetadata().getName(), account.getMetadata().getNamespace()),
                List.of(subject.getKind(), subject.getName(), subject.getNamespace()));
        assertEquals(account.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(account.getMetadata().getNamespace(), deployment.getMetadata().getNamespace());
    }

    private static final String MONITOR_RBAC = "deploy/components/health-monitor/rbac.yaml";

    /** "group/resource:verb" of every rule. */
    private static Set<String> grants(List<PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : rules) {
            assertEquals(List.of(), rule.getNonResourceURLs(), "nonResourceURLs");
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    rule.getVerbs().forEach(verb -> grants.add(group + "/" + resource + ":" + verb));
                }
            }
        }
        return grants;
    }

    private static Set<String> needed(boolean namespaced) {
        Set<String> needed = new TreeSet<>();
        MonitorAccess.ALL.stream().filter(p -> p.namespaced() == namespaced)
                .forEach(p -> p.verbs().forEach(v -> needed.add(p.group() + "/" + p.resource() + ":" + v)));
        return needed;
    }

    @Test
    void monitorClusterRoleGrantsExactlyWhatTheMonitorCallsClusterWide() {
        ClusterRole role = DeployFiles.object(MONITOR_RBAC, ClusterRole.class, "locus-monitor");
        role.getRules().forEach(r -> assertEquals(List.of(), r.getResourceNames(), "resourceNames"));
        assertEquals(needed(false), grants(role.getRules()));
    }

    @Test
    void monitorRoleGrantsTheLeaseInItsNamespaceAndNameOnly() {
        Role role = DeployFiles.object(MONITOR_RBAC, Role.class, "locus-monitor-lease");
        assertEquals(MonitorSettings.DEFAULTS.leaseNamespace(), role.getMetadata().getNamespace());
        assertEquals(needed(true), grants(role.getRules()));
        for (PolicyRule rule : role.getRules()) {
            boolean createOnly = rule.getVerbs().equals(List.of("create"));
            assertEquals(createOnly ? List.of() : List.of(MonitorSettings.DEFAULTS.leaseName()), rule.getResourceNames(),
                    "RBAC cannot limit create by name; every other verb is limited to the Lease");
        }
    }

    @Test
    void monitorRolesAreBoundToTheServiceAccountLocusRunsAs() {
        ServiceAccount account = DeployFiles.object("deploy/base/serviceaccount.yaml", ServiceAccount.class, "locus");
        ClusterRoleBinding cluster = DeployFiles.object(MONITOR_RBAC, ClusterRoleBinding.class, "locus-monitor");
        RoleBinding lease = DeployFiles.object(MONITOR_RBAC, RoleBinding.class, "locus-monitor-lease");
        assertEquals("locus-monitor", cluster.getRoleRef().getName());
        assertEquals("locus-monitor-lease", lease.getRoleRef().getName());
        for (Subject subject : List.of(cluster.getSubjects().get(0), lease.getSubjects().get(0))) {
            assertEquals(List.of("ServiceAccount", account.getMetadata().getName(), account.getMetadata().getNamespace()),
                    List.of(subject.getKind(), subject.getName(), subject.getNamespace()));
        }
    }
}
