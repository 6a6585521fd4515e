package dev.cosinerepro.datasets.cache;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.catalog.ImageFileList;
import dev.cosinerepro.datasets.image.ImageDecoding;
import dev.cosinerepro.datasets.image.Pixels;
import dev.cosinerepro.datasets.image.SampleSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Random access to the images of one split of a file dataset, for the batch loader: either from the
 * prepared shard cache ({@link #cached}: a positional read and a CRC check per image, plus a JPEG
 * decode for JPEG caches) or straight from the original files ({@link #decoding}: a decode per
 * image per epoch, for comparison and for datasets not prepared). Safe for concurrent use; close it
 * to release the open shard files.
 */
public abstract class ImageSource implements SampleSource, Closeable {
  ImageSource() {}

  /** Number of images. */
  public abstract int size();

  /** The 0-based label of image {@code index}. */
  public abstract int label(int index);

  /** Every image's label, in order. */
  public int[] labels() {
    int[] labels = new int[size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = label(i);
    }
    return labels;
  }

  /**
   * A view of some of the images, in the given order (a seeded subset of a training split). Closing
   * the view closes this source.
   *
   * @param indices positions in this source
   * @return the view
   */
  public ImageSource select(int[] indices) {
    int[] chosen = indices.clone();
    for (int index : chosen) {
      if (index < 0 || index >= size()) {
        throw new DatasetException(
            "Image "
                + index
                + " is outside this split of "
                + size()
                + " images; the subset is stale.");
      }
    }
    ImageSource all = this;
    return new ImageSource() {
      @Override
      public int size() {
        return chosen.length;
      }

      @Override
      public int label(int index) {
        return all.label(chosen[index]);
      }

      @Override
      public Pixels pixels(int index) {
        return all.pixels(chosen[index]);
      }

      @Override
      public void close() throws IOException {
        all.close();
      }
    };
  }

  /** The RGB pixels of image {@code index}, a fresh array of their own. */
  @Override
  public abstract Pixels pixels(int index);

  /** Always 3: the cache stores RGB. */
  @Override
  public int channels() {
    return 3;
  }

  /**
   * The images of a split of a prepared cache.
   *
   * @param cache a cache of a file dataset
   * @param split the split
   * @return the source; close it when done
   * @throws DatasetException if the cache is not sharded, lacks the split, or a shard is damaged
   */
  public static ImageSource cached(ImageCache cache, Split split) {
    if (!cache.isSharded()) {
      throw new DatasetException(
          "The cache "
              + cache.folder()
              + " holds small images in memory form; batch the dataset's image sets instead.");
    }
    List<ImageShard.Reader> readers = new ArrayList<>();
    try {
      for (Path file : cache.files(split)) {
        readers.add(ImageShard.open(file));
      }
    } catch (RuntimeException e) {
      for (ImageShard.Reader r : readers) {
        try {
          r.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new Sharded(readers);
  }

  /**
   * The images of a file list, decoded from the original files on every access.
   *
   * @param list the files
   * @return the source
   */
  public static ImageSource decoding(ImageFileList list) {
    return new Decoding(list);
  }

  private static final class Sharded extends ImageSource {
    private final List<ImageShard.Reader> readers;
    private final int[] starts;
    private final int size;

    Sharded(List<ImageShard.Reader> readers) {
      this.readers = List.copyOf(readers);
      this.starts = new int[readers.size()];
      int total = 0;
      for (int i = 0; i < readers.size(); i++) {
        starts[i] = total;
        total += readers.get(i).size();
      }
      this.size = total;
    }

    @Override
    public int size() {
      return size;
    }

    private int shardOf(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException("Image " + index + " is outside 0.." + (size - 1));
      }
      int lo = 0;
      int hi = starts.length - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (starts[mid] <= index) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    @Override
    public int label(int index) {
      int s = shardOf(index);
      return readers.get(s).label(index - starts[s]);
    }

    @Override
    public Pixels pixels(int index) {
      int s = shardOf(index);
      ImageShard.Entry e = readers.get(s).read(index - starts[s]);
      return new Pixels(e.height(), e.width(), 3, e.rgb(), 0);
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (ImageShard.Reader r : readers) {
        try {
          r.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  private static final class Decoding extends ImageSource {
    private final ImageFileList list;

    Decoding(ImageFileList list) {
      this.list = list;
    }

    @Override
    public int size() {
      return list.size();
    }

    @Override
    public int label(int index) {
      return list.label(index);
    }

    @Override
    public Pixels pixels(int index) {
      ImageDecoding.Rgb rgb = ImageDecoding.decode(list.file(index));
      return new Pixels(rgb.height(), rgb.width(), 3, rgb.pixels(), 0);
    }

    @Override
    public void close() {}
  }
}
