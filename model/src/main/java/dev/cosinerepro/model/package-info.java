/**
 * The model module's public face: networks by name ({@link dev.cosinerepro.model.Architectures}), a
 * run's hyper-parameters ({@link dev.cosinerepro.model.TrainerConfig}), the epoch-by-epoch trainer
 * with resumable checkpoints ({@link dev.cosinerepro.model.ModelTrainer}) and a network summary
 * ({@link dev.cosinerepro.model.ModelSummary}).
 *
 * <p>It reproduces the training recipe of Barz &amp; Denzler, "Deep Learning on Small Datasets
 * without Pre-Training using Cosine Loss" (WACV 2020): cosine loss, cross-entropy with and without
 * label smoothing, and their combination; SGD with momentum, global-norm clipping and SGDR.
 */
package dev.cosinerepro.model;
