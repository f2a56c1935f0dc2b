package org.flattenexplorer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected tokens worked out by hand from Keras's text_to_word_sequence source. */
class KerasTokenizerTest {

    @Test
    void lowerCasesAndSplitsOnSpaces() {
        assertThat(KerasTokenizer.tokenize("This Movie WAS")).containsExactly("this", "movie", "was");
    }

    @Test
    void lineBreakMarkupBecomesTheTokenBr() {
        assertThat(KerasTokenizer.tokenize("Great!<br /><br />I don't know."))
                .containsExactly("great", "br", "br", "i", "don't", "know");
    }

    @Test
    void apostrophesStayInsideTokens() {
        assertThat(KerasTokenizer.tokenize("don't 'quoted' it's")).containsExactly("don't", "'quoted'", "it's");
    }

    @Test
    void punctuationWithoutSpacesSplitsWords() {
        assertThat(KerasTokenizer.tokenize("Hello,world;(again)")).containsExactly("hello", "world", "again");
    }

    @Test
    void numbersAndRatingsAreSplitAtSlashes() {
        assertThat(KerasTokenizer.tokenize("It's 10/10 -- the best!")).containsExactly("it's", "10", "10", "the", "best");
    }

    @Test
    void tabsAndNewlinesAreFiltered() {
        assertThat(KerasTokenizer.tokenize("a\tb\nc")).containsExactly("a", "b", "c");
    }

    @Test
    void carriageReturnIsNotASeparator() {
        assertThat(KerasTokenizer.tokenize("a\rb c")).containsExactly("a\rb", "c");
    }

    @Test
    void repeatedSeparatorsGiveNoEmptyTokens() {
        assertThat(KerasTokenizer.tokenize("  a   ...  b  ")).containsExactly("a", "b");
    }

    @Test
    void emptyOrPunctuationOnlyTextGivesNoTokens() {
        assertThat(KerasTokenizer.tokenize("")).isEmpty();
        assertThat(KerasTokenizer.tokenize("?!... --")).isEmpty();
    }

    @Test
    void nonAsciiLettersAreKeptAndLowerCased() {
        assertThat(KerasTokenizer.tokenize("Café ÜBER naïve")).containsExactly("café", "über", "naïve");
    }

    @Test
    void everyDefaultFilterCharacterSeparates() {
        for (char c : KerasTokenizer.DEFAULT_FILTERS.toCharArray()) {
            assertThat(KerasTokenizer.tokenize("a" + c + "b")).as("filter %s", (int) c).containsExactly("a", "b");
        }
    }
}
