package dev.locus.e2e;

/** The scenarios with full Node objects on the wire ({@code nodeCacheCapable: false}). */
class NodesModeE2E extends PlacementScenarios {

    @Override
    String schedulerFile() {
        return "http-nodes.yaml";
    }
}
