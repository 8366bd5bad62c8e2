package dev.schemaguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemaguard.GuardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * examples/docker and examples/kubernetes hold what their READMEs promise (no Docker engine or
 * cluster runs here; the entrypoint script itself is run by EntrypointScriptIT).
 */
class ContainerExamplesTest {
    private static final Path EXAMPLES = Path.of("../examples");
    private static final long DEADLINE_S = GuardConfig.DEFAULT_DEADLINE.toSeconds();

    @Test
    void theDockerfileUsesExecFormForTheEntrypointScriptAndTheService() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLES.resolve("docker/Dockerfile"));

        assertTrue(lines.contains("ENTRYPOINT [\"/app/entrypoint.sh\"]"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("CMD [\"java\", ")), lines.toString());
        assertTrue(Files.isExecutable(EXAMPLES.resolve("docker/entrypoint.sh")), "the script is executable in git");
    }

    @Test
    void theInitContainerLeavesItsVerdictAsTheTerminationMessage_andTheStartupProbeOutlastsTheDeadline() throws Exception {
        Map<String, Object> pod = map(map(map(yaml("deployment.yaml"), "spec"), "template"), "spec");
        Map<String, Object> guard = list(pod, "initContainers").get(0);
        Map<String, Object> service = list(pod, "containers").get(0);

        assertTermination(guard);
        Map<String, Object> probe = map(service, "startupProbe");
        long window = ((Number) probe.get("periodSeconds")).longValue() * ((Number) probe.get("failureThreshold")).longValue();
        assertTrue(window > DEADLINE_S, "startupProbe " + window + " s must outlast the guard's deadline " + DEADLINE_S + " s");
    }

    @Test
    void theReleaseJobRunsTheGuardOnce_withADeadlineLongerThanTheGuards() throws Exception {
        Map<String, Object> job = map(yaml("release-job.yaml"), "spec");
        Map<String, Object> guard = list(map(map(job, "template"), "spec"), "containers").get(0);

        assertEquals(0, job.get("backoffLimit"));
        assertTrue(((Number) job.get("activeDeadlineSeconds")).longValue() > DEADLINE_S);
        assertTermination(guard);
    }

    private static void assertTermination(Map<String, Object> container) {
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) container.get("command");
        assertTrue(command.contains("boot"), command.toString());
        assertEquals(container.get("terminationMessagePath"), command.get(command.indexOf("--termination-log") + 1),
                "the guard writes its verdict where Kubernetes reads the termination message");
        assertEquals("FallbackToLogsOnError", container.get("terminationMessagePolicy"));
    }

    private static Map<String, Object> yaml(String file) throws Exception {
        return new Yaml().load(Files.readString(EXAMPLES.resolve("kubernetes").resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        return (List<Map<String, Object>>) parent.get(key);
    }
}
