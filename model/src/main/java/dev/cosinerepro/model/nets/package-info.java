/**
 * The network definitions: the CIFAR ResNet family with parameter-free shortcuts, the objective
 * heads stacked on a backbone, BatchNorm with the reference's Keras settings, and parameter
 * counting.
 */
package dev.cosinerepro.model.nets;
