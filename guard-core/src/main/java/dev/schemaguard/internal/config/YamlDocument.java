package dev.schemaguard.internal.config;

import dev.schemaguard.GuardConfigException;
import dev.schemaguard.internal.io.Utf8Text;
import dev.schemaguard.internal.text.ControlChars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A YAML mapping read with its line numbers, so that every error can name file:line.
 * SnakeYAML's node tree (not its object mapping) is used because only nodes keep their marks.
 */
public final class YamlDocument {
    private final Path file;
    private final Map<String, Node> entries;

    private YamlDocument(Path file, Map<String, Node> entries) {
        this.file = file;
        this.entries = entries;
    }

    public static YamlDocument read(Path file) {
        if (!Files.exists(file)) {
            throw new GuardConfigException(file + ": file not found. Pass the path of your schema-guard.yaml with --config.");
        }
        String text = Utf8Text.read(file, "the configuration");
        try {
            Node root = compose(text);
            return of(file, root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new GuardConfigException(file + ":" + line + ": not valid YAML: " + ControlChars.escape(e.getProblem())
                    + ". Fix the YAML syntax at that line.");
        } catch (ReaderException e) {
            throw new GuardConfigException(file + ":" + lineAt(text, e.getPosition()) + ": not valid YAML: the character "
                    + ControlChars.escape(new String(Character.toChars(e.getCodePoint()))) + " (U+"
                    + String.format("%04X", e.getCodePoint()) + ") is not allowed. Remove it.");
        } catch (YAMLException e) {
            // Limits that protect the reader (aliases, nesting depth, document size) end here.
            throw new GuardConfigException(file + ":1: not a configuration Schema Guard reads: "
                    + ControlChars.escape(firstLine(e.getMessage())) + ". Write plain keys and values (no aliases, no deep nesting).");
        }
    }

    private static int lineAt(String text, int codePointIndex) {
        int end = codePointIndex <= 0 ? 0 : text.offsetByCodePoints(0, Math.min(codePointIndex, text.codePointCount(0, text.length())));
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("").strip();
    }

    /**
     * The node tree alone, as {@code new Yaml(...).compose(...)} builds it, without creating the
     * object constructor, representer and dumper settings a {@code Yaml} also sets up: every boot
     * reads a config, and those would be loaded and initialized for nothing.
     */
    private static Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        return new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options).getSingleNode();
    }

    static YamlDocument of(Path file, Node root) {
        if (root == null) {
            return new YamlDocument(file, Map.of());
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new GuardConfigException(file + ":" + line(root) + ": expected a mapping of keys (database:, changelog:, ...).");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar)) {
                throw new GuardConfigException(file + ":" + line(key) + ": keys must be plain names.");
            }
            if (entries.put(scalar.getValue(), tuple.getValueNode()) != null) {
                throw new GuardConfigException(file + ":" + line(key) + ": key '" + scalar.getValue() + "' appears twice; keep one.");
            }
        }
        return new YamlDocument(file, entries);
    }

    public Path file() {
        return file;
    }

    public Iterable<String> keys() {
        return entries.keySet();
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public int lineOf(String key) {
        return line(entries.get(key));
    }

    /** The scalar value of a key, or null when the key is absent or explicitly null. */
    public String scalar(String key) {
        Node node = entries.get(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw error(key, "expected a single value");
        }
        return "null".equals(scalar.getTag().getValue().replace("tag:yaml.org,2002:", "")) ? null : printable(key, scalar);
    }

    /** A list of scalars (a YAML sequence), or an empty list when absent. */
    public List<String> scalars(String key) {
        Node node = entries.get(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(key, "expected a list (one '- item' per line)");
        }
        List<String> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw new GuardConfigException(file + ":" + line(item) + ": '" + key + "' items must be plain values.");
            }
            values.add(printable(key, scalar));
        }
        return values;
    }

    /** A value with a control character (a "\x00" escape in YAML) names no file, table or migration: refused. */
    private String printable(String key, ScalarNode scalar) {
        String value = scalar.getValue();
        int control = ControlChars.indexOfControl(value);
        if (control >= 0) {
            throw new GuardConfigException(file + ":" + line(scalar) + ": " + key + ": the value '" + ControlChars.escape(value)
                    + "' contains a control character (" + ControlChars.escape(value.substring(control, control + 1))
                    + "). Remove it.");
        }
        return value;
    }

    /** Whether the key holds a nested mapping rather than a single value. */
    public boolean isMapping(String key) {
        return entries.get(key) instanceof org.yaml.snakeyaml.nodes.MappingNode;
    }

    /** A nested mapping, or null when absent. */
    public YamlDocument mapping(String key) {
        Node node = entries.get(key);
        return node == null ? null : of(file, node);
    }

    /** A list of nested mappings, or an empty list when absent. */
    public List<YamlDocument> mappings(String key) {
        Node node = entries.get(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(key, "expected a list of mappings");
        }
        List<YamlDocument> values = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            values.add(of(file, item));
        }
        return values;
    }

    /** An error at a key's line; {@code key} may be written with its parent ("integrity.mode") for the message. */
    public GuardConfigException error(String key, String problem) {
        String local = key.substring(key.lastIndexOf('.') + 1);
        return new GuardConfigException(file + ":" + lineOf(local) + ": " + key + ": " + problem + ".");
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
