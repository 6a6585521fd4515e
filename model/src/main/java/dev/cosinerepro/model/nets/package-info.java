/**
 * The network definitions: the CIFAR ResNet family with parameter-free shortcuts, the objective
 * heads stacked on a backbone, BatchNorm settings (by default the reference's Keras values), and
 * parameter counting.
 */
package dev.cosinerepro.model.nets;
