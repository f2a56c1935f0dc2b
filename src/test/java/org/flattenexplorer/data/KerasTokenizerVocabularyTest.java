package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenizer.to_json() as Keras writes it: word_index a JSON string inside the config; num_words and oov_token kept. */
class KerasTokenizerVocabularyTest {
    @TempDir
    Path tmp;

    private Path tokenizer(String numWords, String oov) throws Exception {
        String index = "{\\\"<OOV>\\\": 1, \\\"the\\\": 2, \\\"film\\\": 3, \\\"great\\\": 4, \\\"dull\\\": 5}";
        return Files.writeString(tmp.resolve("tokenizer.json"), "{\"class_name\": \"Tokenizer\", \"config\": {"
                + "\"num_words\": " + numWords + ", \"filters\": \"!\\\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n\", "
                + "\"lower\": true, \"split\": \" \", \"char_level\": false, \"oov_token\": " + oov + ", "
                + "\"document_count\": 2, \"word_index\": \"" + index + "\"}}");
    }

    @Test
    void encodesLikeTextsToSequences() throws Exception {
        KerasTokenizerVocabulary all = KerasTokenizerVocabulary.load(tokenizer("null", "null"));
        assertThat(all.encode("The film, GREAT! unknown")).containsExactly(2, 3, 4);
        assertThat(all.inputDim()).isEqualTo(6);
        assertThat(all.word(3)).isEqualTo("film");
        assertThat(all.word(0)).isEqualTo(Vocabulary.PAD);

        KerasTokenizerVocabulary capped = KerasTokenizerVocabulary.load(tokenizer("4", "\"<OOV>\""));
        // indices at or above num_words and unknown words become the oov index
        assertThat(capped.encode("the great dull unknown")).containsExactly(2, 1, 1, 1);
        assertThat(capped.inputDim()).isEqualTo(4);
    }

    @Test
    void aPlainWordIndexWorksAndOtherJsonIsRefused() throws Exception {
        Path plain = Files.writeString(tmp.resolve("word_index.json"), "{\"good\": 1, \"bad\": 2}");
        assertThat(KerasTokenizerVocabulary.load(plain).encode("good and bad")).containsExactly(1, 2);
        Path other = Files.writeString(tmp.resolve("config.json"), "{\"class_name\": \"Sequential\", \"config\": {}}");
        assertThatThrownBy(() -> KerasTokenizerVocabulary.load(other)).hasMessageContaining("not a Keras Tokenizer");
        Path notJson = Files.writeString(tmp.resolve("t.json"), "hello");
        assertThatThrownBy(() -> KerasTokenizerVocabulary.load(notJson)).hasMessageContaining("it is not JSON");
    }
}
