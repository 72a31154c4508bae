package dev.locus.admission.certs;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code locus webhook-certs}: the Secret and caBundle of the webhook without cert-manager
 * (see {@link WebhookCertificates}). Run once by the Job in deploy/, and again by its
 * CronJob to renew; exit code 0 when everything is in place, 2 for bad flags, 1 when the API
 * server refused or could not be reached.
 */
public final class CertificatesCommand {

    public static final String NAME = "webhook-certs";

    static final String USAGE = """
            usage: java -jar locus.jar webhook-certs [options]
              --namespace NS            namespace of the Secret and the Service (default locus-system)
              --secret NAME             Secret holding the CA and serving certificate (default locus-webhook-tls)
              --service NAME            the webhook's Service; its DNS names go into the certificate,
                                        its endpoints are checked after a CA rotation
                                        (default locus-webhook)
              --name NAME               another DNS name or IP address for the certificate (repeatable)
              --configuration NAME      MutatingWebhookConfiguration whose caBundle is set
                                        (default locus-scheduler-name)
              --ca-days N               CA lifetime in days (default 3650)
              --days N                  serving certificate lifetime in days (default 365)
            """;

    private CertificatesCommand() {
    }

    /** Runs with {@code args} (after the command name); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (java.util.Arrays.asList(args).contains("--help")) {
            out.print(USAGE);
            return 0;
        }
        WebhookCertificates.Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("locus webhook-certs: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            WebhookCertificates.Result result = new WebhookCertificates(client).ensure(request, Instant.now());
            out.println("locus webhook-certs: Secret " + request.namespace() + "/" + request.secret()
                    + (result.caIssued() ? ": new CA" : ": CA kept")
                    + (result.servingIssued() ? ", new serving certificate for " + request.names()
                    : ", serving certificate kept")
                    + "; caBundle of " + request.configuration() + ": "
                    + (result.bundlesPatched() == 0 ? "already right" : result.bundlesPatched() + " webhook(s) updated")
                    + (result.previousCaTrusted() ? "; trusting the previous CA too: "
                    + String.join("; ", result.previousCaKeptFor()) : ""));
            return 0;
        } catch (KubernetesClientException | IllegalStateException e) {
            err.println("locus webhook-certs: " + e.getMessage());
            return 1;
        }
    }

    /** The request {@code args} (after the command name) describe; throws IllegalArgumentException naming a bad flag. */
    public static WebhookCertificates.Request parse(String[] args) {
        String namespace = "locus-system";
        String secret = "locus-webhook-tls";
        String service = "locus-webhook";
        String configuration = "locus-scheduler-name";
        List<String> extra = new ArrayList<>();
        long caDays = 3650;
        long days = 365;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--namespace" -> namespace = value(args, ++i, flag);
                case "--secret" -> secret = value(args, ++i, flag);
                case "--service" -> service = value(args, ++i, flag);
                case "--name" -> extra.add(value(args, ++i, flag));
                case "--configuration" -> configuration = value(args, ++i, flag);
                case "--ca-days" -> caDays = days(value(args, ++i, flag), flag);
                case "--days" -> days = days(value(args, ++i, flag), flag);
                default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
            }
        }
        if (days > caDays) {
            throw new IllegalArgumentException("--days " + days + " must not exceed --ca-days " + caDays);
        }
        List<String> names = new ArrayList<>(List.of(service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local", service + "." + namespace, service));
        names.addAll(extra);
        return new WebhookCertificates.Request(namespace, secret, service, names, configuration,
                Duration.ofDays(caDays), Duration.ofDays(days));
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--") || args[i].isBlank()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static long days(String text, String flag) {
        try {
            long value = Long.parseLong(text);
            if (value < 1 || value > 36_500) {
                throw new IllegalArgumentException(flag + " must be in 1..36500 days, got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + text + "'");
        }
    }
}
