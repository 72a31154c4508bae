package dev.locus.e2e;

/** The scenarios under the recommended configuration: NodeNames mode ({@code nodeCacheCapable: true}). */
class NodeNamesModeE2E extends PlacementScenarios {

    @Override
    String schedulerFile() {
        return "http-nodenames.yaml";
    }
}
