package dev.locus.admission;

import tools.jackson.databind.JsonNode;

/**
 * The fields of an AdmissionReview's {@code request} the webhook reads, decoded once.
 *
 * @param uid         echoed in the response; the API server matches answers by it
 * @param group       {@code request.kind.group}, "" for core
 * @param kind        {@code request.kind.kind}, e.g. "Pod"
 * @param subResource {@code request.subResource}, or null
 * @param operation   CREATE, UPDATE, DELETE or CONNECT
 * @param namespace   {@code request.namespace}, or null
 * @param dryRun      true for a dry run (the answer must have no side effects; this webhook has none)
 * @param object      {@code request.object}, the object as it would be stored (may be a NullNode)
 */
public record AdmissionRequest(String uid, String group, String kind, String subResource, String operation,
                               String namespace, boolean dryRun, JsonNode object) {

    /** True for the creation of a pod itself (not one of its subresources). */
    public boolean podCreate() {
        return "".equals(group) && "Pod".equals(kind) && subResource == null && "CREATE".equals(operation);
    }
}
