package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A user's image folder ({@code folder:PATH}): one sub-folder per class (its name is the class
 * name, classes sorted by name), holding image files ({@code .jpg .jpeg .png .bmp .gif}, in
 * sub-folders too). With {@code train/} and {@code test/} sub-folders those are the splits (the
 * classes are those of {@code train/}); without them the whole folder is the training split and
 * there is no test split.
 */
public final class ImageFolder implements FileDataset {
  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

  private final Path folder;

  /**
   * A dataset over a folder.
   *
   * @param folder the folder
   */
  public ImageFolder(Path folder) {
    this.folder = folder;
  }

  /** The folder, as given. */
  public Path folder() {
    return folder;
  }

  /** Whether the folder located at {@code root} has {@code train/} and {@code test/} splits. */
  public boolean hasTestSplit(Path root) {
    return Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"));
  }

  @Override
  public Optional<DatasetFacts> facts() {
    return Optional.empty();
  }

  @Override
  public String name() {
    return "folder:" + folder;
  }

  /**
   * Returns the folder after checking that it exists and holds at least two class sub-folders (in
   * {@code train/} when it has splits); never downloads.
   */
  @Override
  public Path locate(Path dataHome, boolean allowDownload) {
    if (!Files.isDirectory(folder)) {
      throw new DatasetException(
          "Image folder " + folder + " does not exist; create it with one sub-folder per class.");
    }
    Path trainRoot = hasTestSplit(folder) ? folder.resolve("train") : folder;
    List<String> classes = classFolders(trainRoot);
    if (classes.size() < 2) {
      throw new DatasetException(
          "Image folder "
              + trainRoot
              + " has only one class sub-folder ("
              + classes.get(0)
              + "); a classifier needs at least two: add one sub-folder per class.");
    }
    return folder;
  }

  @Override
  public ImageFileList index(Path root, Split split) {
    boolean hasSplits =
        Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("test"));
    Path trainRoot = hasSplits ? root.resolve("train") : root;
    if (split == Split.TEST && !hasSplits) {
      throw new DatasetException(
          "Image folder "
              + root
              + " has no test split; put the class folders into train/ and"
              + " test/ sub-folders.");
    }
    List<String> classes = classFolders(trainRoot);
    Path splitRoot = split == Split.TRAIN ? trainRoot : root.resolve("test");
    if (split == Split.TEST) {
      for (String name : classFolders(splitRoot)) {
        if (!classes.contains(name)) {
          throw new DatasetException(
              "Class folder "
                  + splitRoot.resolve(name)
                  + " has no counterpart in "
                  + trainRoot
                  + "; test classes must be training classes.");
        }
      }
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path classFolder = splitRoot.resolve(classes.get(c));
      if (!Files.isDirectory(classFolder)) {
        continue;
      }
      for (Path image : images(classFolder)) {
        files.add(image);
        labels.add(c);
      }
    }
    if (files.isEmpty()) {
      throw new DatasetException(
          "Image folder "
              + splitRoot
              + " holds no images ("
              + EXTENSIONS
              + "); put images into its class sub-folders.");
    }
    return ImageFileList.create(
        files, labels.stream().mapToInt(Integer::intValue).toArray(), classes);
  }

  private static List<String> classFolders(Path root) {
    try (Stream<Path> children = Files.list(root)) {
      List<String> names =
          children
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.startsWith("."))
              .sorted()
              .toList();
      if (names.isEmpty()) {
        throw new DatasetException(
            "Image folder " + root + " has no class sub-folders; create one per class.");
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException("Listing " + root + " failed", e);
    }
  }

  private static List<Path> images(Path classFolder) {
    try (Stream<Path> walk = Files.walk(classFolder)) {
      return walk.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Listing " + classFolder + " failed", e);
    }
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
