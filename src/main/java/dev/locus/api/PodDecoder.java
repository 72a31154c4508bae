package dev.locus.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of a v1.Pod that placement needs, streaming, skipping the rest: metadata
 * name/namespace/annotations and the claims among spec.volumes. Field names match
 * case-insensitively, as Go's decoder matches them.
 */
final class PodDecoder {

    private PodDecoder() {
    }

    static PodInfo decode(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException("Pod must be a Pod object, got " + ExtenderArgsDecoder.describe(p));
        }
        String name = "";
        String namespace = "";
        Map<String, String> annotations = Map.of();
        List<String[]> volumes = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("metadata".equalsIgnoreCase(key)) {
                expectObject(p, "Pod.metadata");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("name".equalsIgnoreCase(field)) {
                        name = string(p, "Pod.metadata.name");
                    } else if ("namespace".equalsIgnoreCase(field)) {
                        namespace = string(p, "Pod.metadata.namespace");
                    } else if ("annotations".equalsIgnoreCase(field)) {
                        annotations = ExtenderArgsDecoder.readStringMap(p, "Pod.metadata.annotations");
                    } else {
                        p.skipChildren();
                    }
                }
            } else if ("spec".equalsIgnoreCase(key)) {
                volumes = readSpecVolumes(p);
            } else {
                p.skipChildren();
            }
        }
        List<String> claims = new ArrayList<>(volumes.size());
        for (String[] volume : volumes) {
            // volume = {volumeName, claimName or null for an ephemeral volume}
            claims.add(volume[1] != null ? volume[1] : name + "-" + volume[0]);
        }
        return new PodInfo(namespace.isEmpty() ? "default" : namespace, name, annotations, claims);
    }

    /** Claim-backed volumes of Pod.spec as {volumeName, claimName} (claimName null: ephemeral). */
    private static List<String[]> readSpecVolumes(JsonParser p) throws IOException {
        expectObject(p, "Pod.spec");
        List<String[]> volumes = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (!"volumes".equalsIgnoreCase(key) || p.currentToken() == JsonToken.VALUE_NULL) {
                p.skipChildren();
                continue;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadRequestException("Pod.spec.volumes must be an array, got "
                        + ExtenderArgsDecoder.describe(p));
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String[] volume = readVolume(p, "Pod.spec.volumes[" + index++ + "]");
                if (volume != null) {
                    volumes.add(volume);
                }
            }
        }
        return volumes;
    }

    private static String[] readVolume(JsonParser p, String what) throws IOException {
        expectObject(p, what);
        String volumeName = null;
        String claimName = null;
        boolean ephemeral = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("name".equalsIgnoreCase(key)) {
                volumeName = string(p, what + ".name");
            } else if ("persistentVolumeClaim".equalsIgnoreCase(key) && p.currentToken() != JsonToken.VALUE_NULL) {
                claimName = readClaimName(p, what + ".persistentVolumeClaim");
            } else if ("ephemeral".equalsIgnoreCase(key) && p.currentToken() != JsonToken.VALUE_NULL) {
                expectObject(p, what + ".ephemeral");
                p.skipChildren();
                ephemeral = true;
            } else {
                p.skipChildren();
            }
        }
        if (claimName != null) {
            return new String[] {volumeName, claimName};
        }
        if (ephemeral && volumeName != null && !volumeName.isEmpty()) {
            return new String[] {volumeName, null};
        }
        return null;
    }

    private static String readClaimName(JsonParser p, String what) throws IOException {
        expectObject(p, what);
        String claimName = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("claimName".equalsIgnoreCase(key)) {
                claimName = string(p, what + ".claimName");
            } else {
                p.skipChildren();
            }
        }
        if (claimName == null || claimName.isEmpty()) {
            throw new BadRequestException(what + ".claimName must be a non-empty string");
        }
        return claimName;
    }

    private static void expectObject(JsonParser p, String what) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException(what + " must be an object, got " + ExtenderArgsDecoder.describe(p));
        }
    }

    private static String string(JsonParser p, String what) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return "";
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new BadRequestException(what + " must be a string, got " + ExtenderArgsDecoder.describe(p));
        }
        return p.getText();
    }
}
