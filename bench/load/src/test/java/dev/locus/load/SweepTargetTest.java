package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a committed report says about the Locus it measured. */
class SweepTargetTest {

    @Test
    void aChildProcessIsDescribedWithoutTheMachinesJvmPath() {
        Sweep.Target target = Sweep.Target.child(List.of("/opt/some-jdk/bin/java", "-Xmx768m", "-jar", "target/locus.jar"));
        assertEquals("child process per cluster: java -Xmx768m -jar target/locus.jar serve --manifests DIR",
                target.describe());
    }
}
