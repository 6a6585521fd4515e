package dev.cosinerepro.datasets.image;

/**
 * A view of one uint8 image in HWC order: {@code height * width * channels} bytes of {@code data}
 * from {@code offset}. The array may be shared (an image set's whole pixel array): readers must not
 * modify it.
 *
 * @param height image height
 * @param width image width
 * @param channels channels (1 or 3)
 * @param data the bytes holding the image
 * @param offset where the image starts in {@code data}
 */
public record Pixels(int height, int width, int channels, byte[] data, int offset) {}
