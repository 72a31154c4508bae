package dev.locus.cluster;

/**
 * How current one watched kind is, for metrics and logs.
 *
 * @param kind        the API kind (Node, PersistentVolume, Replica, ...)
 * @param synced      the first full list has completed
 * @param watching    a watch on the API server is open right now
 * @param ageSeconds  seconds since the kind was last known in sync with the API server:
 *                    0 while its watch is open; otherwise the time since the watch was last
 *                    seen open or an event last arrived (since start when never synced)
 * @param relists     full lists after the first one (a lost watch re-established with a relist)
 * @param errors      list or watch failures the informer reported and will retry
 * @param watchRestarts times the watch was seen open again after being seen closed, once synced
 *                    (sampled once a second: a reconnect quicker than that goes uncounted)
 */
public record KindStatus(String kind, boolean synced, boolean watching, double ageSeconds, long relists,
                         long errors, long watchRestarts) {

    /** A status without watch restart counts (a source that has no watches). */
    public KindStatus(String kind, boolean synced, boolean watching, double ageSeconds, long relists, long errors) {
        this(kind, synced, watching, ageSeconds, relists, errors, 0);
    }
}
