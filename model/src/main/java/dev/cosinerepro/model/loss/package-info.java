/**
 * The training objectives of the paper as DJL {@link ai.djl.training.loss.Loss} subclasses: the
 * cosine loss against class embeddings, softmax cross-entropy with label smoothing over the other
 * classes, and their weighted sum; plus the class embeddings themselves.
 */
package dev.cosinerepro.model.loss;
