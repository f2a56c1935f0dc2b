package org.flattenexplorer.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Rebuilds any saved {@link Vocabulary} from the JSON its {@code toJson()} wrote. */
public final class Vocabularies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Vocabularies() {}

    public static Vocabulary fromJson(String json) {
        String type;
        try {
            var root = JSON.readTree(json);
            type = root == null ? "" : root.path("type").asText();
        } catch (JsonProcessingException e) {
            throw new DataException("Malformed saved vocabulary JSON: " + e.getOriginalMessage(), e);
        }
        return switch (type) {
            case FittedVocabulary.TYPE -> FittedVocabulary.fromJson(json);
            case KerasWordIndexVocabulary.TYPE -> KerasWordIndexVocabulary.fromJson(json);
            default -> throw new DataException("Unknown saved vocabulary type: \"" + type + "\"");
        };
    }
}
