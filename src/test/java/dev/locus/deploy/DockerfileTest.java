package dev.locus.deploy;

import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.locus.deploy.PodChecks.container;
import static dev.locus.deploy.PodChecks.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile at the repository root (no Docker engine here, so it is checked as
 * text): the runtime stage runs the jar Maven builds, as a numeric non-root user, with
 * the command line the Deployment relies on.
 */
class DockerfileTest {

    /** Instructions of the last stage (after the last FROM), comments and blanks removed. */
    private static List<String> runtimeStage() {
        List<String> stage = new ArrayList<>();
        for (String line : DeployFiles.read(DeployFiles.path("Dockerfile")).split("\n")) {
            String l = line.strip();
            if (l.startsWith("FROM ")) {
                stage.clear();
            }
            if (!l.isEmpty() && !l.startsWith("#")) {
                stage.add(l);
            }
        }
        return stage;
    }

    private static String instruction(String name) {
        List<String> found = runtimeStage().stream().filter(l -> l.startsWith(name + " ")).toList();
        assertTrue(!found.isEmpty(), "no " + name + " in the runtime stage");
        return found.get(found.size() - 1).substring(name.length() + 1).strip();
    }

    private static List<String> execForm(String name) throws IOException {
        return List.of(new ObjectMapper().readValue(instruction(name), String[].class));
    }

    @Test
    void runtimeStageRunsAsANumericNonRootUser() {
        Matcher user = Pattern.compile("(\\d+)(:\\d+)?").matcher(instruction("USER"));
        assertTrue(user.matches(), "numeric USER, so runAsNonRoot can verify it: " + instruction("USER"));
        assertTrue(Integer.parseInt(user.group(1)) > 0, "non-root");
    }

    @Test
    void runsTheBuiltJarWithTheDeploymentsArguments() throws IOException {
        assertTrue(instruction("COPY").matches("--from=\\S+ \\S*target/locus\\.jar /app/locus\\.jar"), instruction("COPY"));
        assertEquals(List.of("java", "-jar", "/app/locus.jar"), execForm("ENTRYPOINT"));
        List<String> args = container(podSpec(LocusDeploymentTest.BASE), "locus").getArgs();
        assertEquals(args, execForm("CMD"));
    }

    @Test
    void runtimeJavaIsAtLeastTheCompilerRelease() {
        Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)<")
                .matcher(DeployFiles.read(DeployFiles.path("pom.xml")));
        Matcher runtime = Pattern.compile("FROM eclipse-temurin:(\\d+)-jre").matcher(runtimeStage().get(0));
        assertTrue(release.find() && runtime.find(), runtimeStage().get(0));
        assertTrue(Integer.parseInt(runtime.group(1)) >= Integer.parseInt(release.group(1)));
    }
}
