package org.flattenexplorer.data;

/**
 * Maps review text to the integer indices an Embedding layer reads, and back. Index 0 is always
 * padding; no real token is ever encoded as 0, which is what the features mask relies on.
 */
public interface Vocabulary {
    String PAD = "<pad>";
    String OOV = "<oov>";
    String START = "<start>";

    /** The indices of a text's tokens, unpadded. */
    int[] encode(String text);

    /** The word an index stands for: 0 is "&lt;pad&gt;", an out-of-vocabulary index "&lt;oov&gt;". */
    String word(int index);

    /** The Embedding layer's input_dim: the largest index this vocabulary can emit, plus one. */
    int inputDim();

    /** Everything that determines the encoding, in one line; part of the dataset identity. */
    String describe();

    /** JSON from which {@link Vocabularies#fromJson} rebuilds an equal vocabulary. */
    String toJson();
}
