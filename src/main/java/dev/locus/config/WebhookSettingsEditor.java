package dev.locus.config;

import java.util.List;

/**
 * The public face of the webhook's settings builder, handed out by
 * {@link LocusConfig.Builder#webhook}: each setter validates its value and names the key.
 */
public final class WebhookSettingsEditor {

    private final WebhookSettings.Builder builder;

    WebhookSettingsEditor(WebhookSettings.Builder builder) {
        this.builder = builder;
    }

    /** @param value 0..65535, 0 = no webhook */
    public WebhookSettingsEditor port(long value) {
        builder.port(value);
        return this;
    }

    /** @param value a readable PEM file */
    public WebhookSettingsEditor certFile(String value) {
        builder.certFile(value);
        return this;
    }

    /** @param value a readable PEM file */
    public WebhookSettingsEditor keyFile(String value) {
        builder.keyFile(value);
        return this;
    }

    /** @param value a lower-case DNS subdomain other than default-scheduler */
    public WebhookSettingsEditor schedulerName(String value) {
        builder.schedulerName(value);
        return this;
    }

    /** @param values provisioner names, none empty */
    public WebhookSettingsEditor provisioners(List<String> values) {
        builder.provisioners(values);
        return this;
    }

    /** @param value milliseconds, 0..10000 */
    public WebhookSettingsEditor cacheWaitMillis(long value) {
        builder.cacheWaitMillis(value);
        return this;
    }
}
