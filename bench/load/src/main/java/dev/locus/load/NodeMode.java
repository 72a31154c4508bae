package dev.locus.load;

import java.util.Arrays;
import java.util.Locale;

/** How the scheduler passes candidate nodes, i.e. its extender's {@code nodeCacheCapable} setting. */
public enum NodeMode {
    /** nodeCacheCapable: true: {@code NodeNames}, ~45 bytes per node; the recommended mode. */
    NAMES("names", "NodeNames"),
    /** nodeCacheCapable: false: {@code Nodes}, a NodeList of full Node objects, several KB per node. */
    NODES("nodes", "Nodes");

    private final String flag;
    private final String wireKey;

    NodeMode(String flag, String wireKey) {
        this.flag = flag;
        this.wireKey = wireKey;
    }

    /** The name on the command line and in reports. */
    public String flag() {
        return flag;
    }

    /** The request key that carries the nodes in this mode. */
    public String wireKey() {
        return wireKey;
    }

    /** Parses a command-line name ({@code names} or {@code nodes}). */
    public static NodeMode parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.flag.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--modes: unknown node mode '" + text
                        + "' (expected names or nodes)"));
    }
}
