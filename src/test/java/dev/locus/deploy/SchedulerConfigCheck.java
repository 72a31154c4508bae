package dev.locus.deploy;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural check of a KubeSchedulerConfiguration ({@code kubescheduler.config.k8s.io/v1}),
 * covering what kube-scheduler's strict decoding and validation would reject in the parts
 * Locus uses: unknown fields, wrong types, extenders without the fields Locus needs.
 * {@link #problems} lists what is wrong; an empty list means the config passes.
 */
final class SchedulerConfigCheck {

    static final Set<String> TOP_LEVEL_FIELDS = Set.of("apiVersion", "kind", "parallelism",
            "leaderElection", "clientConnection", "percentageOfNodesToScore",
            "podInitialBackoffSeconds", "podMaxBackoffSeconds", "profiles", "extenders",
            "delayCacheUntilActive", "enableProfiling", "enableContentionProfiling");
    static final Set<String> LEADER_ELECTION_FIELDS = Set.of("leaderElect", "leaseDuration",
            "renewDeadline", "retryPeriod", "resourceLock", "resourceName", "resourceNamespace");
    static final Set<String> PROFILE_FIELDS = Set.of("schedulerName", "percentageOfNodesToScore",
            "plugins", "pluginConfig");
    static final Set<String> EXTENDER_FIELDS = Set.of("urlPrefix", "filterVerb", "preemptVerb",
            "prioritizeVerb", "bindVerb", "weight", "enableHTTPS", "tlsConfig", "httpTimeout",
            "nodeCacheCapable", "managedResources", "ignorable");
    static final Set<String> TLS_FIELDS = Set.of("insecure", "serverName", "certFile", "keyFile",
            "caFile", "certData", "keyData", "caData");
    static final Set<String> MANAGED_RESOURCE_FIELDS = Set.of("name", "ignoredByScheduler");

    /** Go's time.ParseDuration syntax: "0", or signed number+unit pairs such as 1h2m3.5s. */
    static final Pattern GO_DURATION = Pattern.compile(
            "[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)");

    private final List<String> problems = new ArrayList<>();

    private SchedulerConfigCheck() {
    }

    /** Everything wrong with this configuration; empty when it passes. */
    static List<String> problems(JsonNode config) {
        SchedulerConfigCheck check = new SchedulerConfigCheck();
        check.config(config);
        return check.problems;
    }

    private void config(JsonNode c) {
        if (!c.isObject()) {
            problems.add("not a YAML mapping");
            return;
        }
        expect("kubescheduler.config.k8s.io/v1".equals(c.path("apiVersion").asString()), "apiVersion");
        expect("KubeSchedulerConfiguration".equals(c.path("kind").asString()), "kind");
        onlyKnown(c, TOP_LEVEL_FIELDS, "");
        if (c.has("leaderElection")) {
            onlyKnown(c.get("leaderElection"), LEADER_ELECTION_FIELDS, "leaderElection.");
        }
        profiles(c.path("profiles"));
        JsonNode extenders = c.path("extenders");
        expect(extenders.isMissingNode() || extenders.isArray(), "extenders must be a list");
        int binders = 0;
        for (int i = 0; i < extenders.size(); i++) {
            extender(extenders.get(i), "extenders[" + i + "].");
            binders += extenders.get(i).has("bindVerb") ? 1 : 0;
        }
        expect(binders <= 1, "only one extender may have a bindVerb");
    }

    private void profiles(JsonNode profiles) {
        expect(profiles.isArray() && !profiles.isEmpty(), "profiles must be a non-empty list");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            JsonNode p = profiles.get(i);
            String at = "profiles[" + i + "].";
            onlyKnown(p, PROFILE_FIELDS, at);
            String name = p.path("schedulerName").asString("");
            expect(!name.isBlank(), at + "schedulerName is required");
            expect(names.add(name), at + "schedulerName " + name + " repeated");
        }
    }

    private void extender(JsonNode e, String at) {
        onlyKnown(e, EXTENDER_FIELDS, at);
        for (String required : List.of("urlPrefix", "filterVerb", "prioritizeVerb")) {
            expect(e.path(required).isString() && !e.get(required).asString().isBlank(),
                    at + required + " is required");
        }
        for (String flag : List.of("enableHTTPS", "nodeCacheCapable", "ignorable")) {
            expect(!e.has(flag) || e.get(flag).isBoolean(), at + flag + " must be a boolean");
        }
        if (e.has("prioritizeVerb")) {
            expect(e.path("weight").isIntegralNumber() && e.get("weight").asLong() > 0,
                    at + "weight must be a positive integer when prioritizeVerb is set");
        }
        if (e.has("httpTimeout")) {
            JsonNode t = e.get("httpTimeout");
            expect(t.isString() && GO_DURATION.matcher(t.asString()).matches() && !t.asString().startsWith("-"),
                    at + "httpTimeout must be a non-negative Go duration string, not " + t);
        }
        url(e, at);
        tls(e, at);
        JsonNode managed = e.path("managedResources");
        for (int i = 0; i < managed.size(); i++) {
            onlyKnown(managed.get(i), MANAGED_RESOURCE_FIELDS, at + "managedResources[" + i + "].");
            expect(managed.get(i).path("name").isString(), at + "managedResources[" + i + "].name is required");
        }
    }

    private void url(JsonNode e, String at) {
        String url = e.path("urlPrefix").asString("");
        try {
            URI uri = new URI(url);
            boolean https = e.path("enableHTTPS").asBoolean(false);
            expect((https ? "https" : "http").equals(uri.getScheme()) && uri.getHost() != null,
                    at + "urlPrefix " + url + " must be an " + (https ? "https" : "http")
                            + ":// URL (enableHTTPS " + https + ")");
        } catch (URISyntaxException ex) {
            problems.add(at + "urlPrefix is not a URL: " + url);
        }
    }

    private void tls(JsonNode e, String at) {
        if (!e.has("tlsConfig")) {
            return;
        }
        JsonNode tls = e.get("tlsConfig");
        onlyKnown(tls, TLS_FIELDS, at + "tlsConfig.");
        expect(e.path("enableHTTPS").asBoolean(false), at + "tlsConfig is ignored without enableHTTPS: true");
        expect(tls.has("certFile") == tls.has("keyFile"), at + "tlsConfig certFile and keyFile go together");
    }

    private void onlyKnown(JsonNode node, Set<String> known, String at) {
        if (!node.isObject()) {
            problems.add(at + " must be a mapping");
            return;
        }
        node.propertyNames().iterator().forEachRemaining(f -> expect(known.contains(f), at + f + " is not a known field"));
    }

    private void expect(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }
}
