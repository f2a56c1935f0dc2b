package org.flattenexplorer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flattenexplorer.model.Preset;

/** {@code presets}: every preset's complete spec as JSON (what sample-data/presets.json holds). */
final class PresetsCommand {
    private PresetsCommand() {}

    static int run(PrintStream out) {
        out.println(json());
        return 0;
    }

    static String json() {
        Map<String, Object> presets = new LinkedHashMap<>();
        for (Preset p : Preset.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("title", p.title());
            entry.put("description", p.description());
            entry.put("spec", p.spec());
            presets.put(p.id(), entry);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(presets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
