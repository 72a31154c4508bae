package dev.locus.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The command lines of the four components, as the shared {@code reference/up.sh} runs them
 * (its README says why each flag is there), on the ports of {@link ControlPlane.Ports}.
 */
final class ComponentCommands {

    private ComponentCommands() {
    }

    static List<String> etcd(Path etcd, Path data, ControlPlane.Ports ports) {
        String client = "http://127.0.0.1:" + ports.etcd();
        String peer = "http://127.0.0.1:" + ports.etcdPeer();
        return List.of(etcd.toString(), "--name", "e2e", "--data-dir", data.toString(), "--logger", "zap",
                "--log-level", "warn", "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "e2e=" + peer,
                "--initial-cluster-state", "new", "--initial-cluster-token", "e2e", "--snapshot-count", "10000",
                "--quota-backend-bytes", "2147483648");
    }

    /**
     * TaintNodesByCondition is off: it taints every new Node not-ready, and only the node-lifecycle
     * controller (not run: there is no kubelet) would lift it. The endpoint reconciler is off:
     * it would publish the loopback address, which validation rejects.
     */
    static List<String> apiServer(Path bin, Path pki, ControlPlane.Ports ports) {
        return List.of(bin.toString(), "--etcd-servers", "http://127.0.0.1:" + ports.etcd(),
                "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
                "--secure-port", String.valueOf(ports.api()),
                "--tls-cert-file", f(pki, "apiserver.crt"), "--tls-private-key-file", f(pki, "apiserver.key"),
                "--client-ca-file", f(pki, "ca.crt"),
                "--requestheader-client-ca-file", f(pki, "front-proxy-ca.crt"),
                "--requestheader-allowed-names", "front-proxy-client",
                "--requestheader-username-headers", "X-Remote-User", "--requestheader-group-headers", "X-Remote-Group",
                "--requestheader-extra-headers-prefix", "X-Remote-Extra-",
                "--proxy-client-cert-file", f(pki, "front-proxy-client.crt"),
                "--proxy-client-key-file", f(pki, "front-proxy-client.key"),
                "--kubelet-client-certificate", f(pki, "apiserver-kubelet-client.crt"),
                "--kubelet-client-key", f(pki, "apiserver-kubelet-client.key"),
                "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file", f(pki, "sa.pub"), "--service-account-signing-key-file", f(pki, "sa.key"),
                "--service-cluster-ip-range", "10.0.0.0/24", "--authorization-mode", "Node,RBAC",
                "--disable-admission-plugins", "TaintNodesByCondition", "--allow-privileged=true",
                "--profiling=false", "--enable-priority-and-fairness=false", "--endpoint-reconciler-type", "none",
                "--v", "1");
    }

    /** No nodelifecycle controller (see {@link ControlPlane#CONTROLLERS}); the PV binder syncs every 5 s. */
    static List<String> controllerManager(Path bin, Path pki, ControlPlane.Ports ports) {
        String kubeconfig = f(pki, "controller-manager.kubeconfig");
        return List.of(bin.toString(), "--kubeconfig", kubeconfig, "--authentication-kubeconfig", kubeconfig,
                "--authorization-kubeconfig", kubeconfig, "--bind-address", "127.0.0.1",
                "--secure-port", String.valueOf(ports.controllerManager()), "--leader-elect=false",
                "--use-service-account-credentials=true", "--service-account-private-key-file", f(pki, "sa.key"),
                "--root-ca-file", f(pki, "ca.crt"), "--cluster-signing-cert-file", f(pki, "ca.crt"),
                "--cluster-signing-key-file", f(pki, "ca.key"), "--controllers", ControlPlane.CONTROLLERS,
                "--concurrent-gc-syncs", "5", "--pvclaimbinder-sync-period", "5s", "--v", "1");
    }

    static List<String> scheduler(Path bin, Path config, Path pki, ControlPlane.Ports ports) {
        String kubeconfig = f(pki, "scheduler.kubeconfig");
        return List.of(bin.toString(), "--config", config.toString(), "--bind-address", "127.0.0.1",
                "--secure-port", String.valueOf(ports.scheduler()), "--authentication-kubeconfig", kubeconfig,
                "--authorization-kubeconfig", kubeconfig, "--v", "2",
                // A pod whose cycle failed with an error (Locus refusing before its first sync, or
                // stopped, under ignorable: false) is retried after 30 s instead of v1.24's 5 min:
                // the setting docs/live-cluster.md recommends with a non-ignorable extender.
                "--pod-max-in-unschedulable-pods-duration", "30s");
    }

    private static String f(Path pki, String name) {
        return pki.resolve(name).toString();
    }
}
