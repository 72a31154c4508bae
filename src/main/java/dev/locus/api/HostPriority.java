package dev.locus.api;

/** One entry of a prioritize reply: a node and its score, 0..10 (MaxExtenderPriority). */
public record HostPriority(String host, int score) {
    public static final int MIN_SCORE = 0;
    public static final int MAX_SCORE = 10;
}
