/**
 * Everything between a folder of IMDB reviews and the padded integer matrices a network reads:
 * reading aclImdb folders, Keras-faithful tokenizing, vocabularies and padding, seeded stratified
 * splits, synthetic reviews, and downloading the official archive. Plain Java: no JavaFX, no DL4J.
 */
package org.flattenexplorer.data;
