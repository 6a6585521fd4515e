package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.io.TextTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The annotation layout shared by CUB-200-2011 and NABirds: {@code images.txt} (image id, path
 * under {@code images/}), {@code image_class_labels.txt} (image id, class id), {@code
 * train_test_split.txt} (image id, 1 = train) and {@code classes.txt} (class id, name). Class ids
 * are made 0-based by {@link Labels#dense} over the ids used by any image, so CUB's 1..200 become
 * 0..199 and NABirds' 555 leaf ids 0..554.
 */
final class CubStyleLayout {
  private CubStyleLayout() {}

  static ImageFileList index(Path base, Split split) {
    Path imagesFile = base.resolve("images.txt");
    Map<String, String> images = TextTables.pairs(imagesFile);
    Path labelsFile = base.resolve("image_class_labels.txt");
    Map<String, String> classOf = TextTables.pairs(labelsFile);
    Path splitFile = base.resolve("train_test_split.txt");
    Map<String, String> isTrain = TextTables.pairs(splitFile);
    Path classesFile = base.resolve("classes.txt");
    Map<String, String> classNames = TextTables.pairs(classesFile);

    SortedSet<Integer> used = new TreeSet<>();
    for (String id : images.keySet()) {
      String label = classOf.get(id);
      if (label == null) {
        throw missingId(labelsFile, id, imagesFile);
      }
      int classId = TextTables.integer(label, labelsFile);
      if (!classNames.containsKey(Integer.toString(classId))) {
        throw new DatasetException(
            labelsFile
                + " gives image "
                + id
                + " class "
                + classId
                + ", which "
                + classesFile
                + " does not list; replace the annotation files with an intact copy.");
      }
      used.add(classId);
      if (!isTrain.containsKey(id)) {
        throw missingId(splitFile, id, imagesFile);
      }
    }
    if (classOf.size() != images.size() || isTrain.size() != images.size()) {
      throw new DatasetException(
          imagesFile
              + " lists "
              + images.size()
              + " images but "
              + labelsFile
              + " has "
              + classOf.size()
              + " and "
              + splitFile
              + " "
              + isTrain.size()
              + " entries; replace the annotation files with an intact copy.");
    }
    Map<Integer, Integer> dense = Labels.dense(used);
    List<String> names = new ArrayList<>();
    for (int classId : used) {
      names.add(classNames.get(Integer.toString(classId)));
    }
    String wanted = split == Split.TRAIN ? "1" : "0";
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Path imageRoot = base.resolve("images");
    for (Map.Entry<String, String> image : images.entrySet()) {
      String flag = isTrain.get(image.getKey());
      if (!flag.equals("0") && !flag.equals("1")) {
        throw new DatasetException(
            splitFile
                + " marks image "
                + image.getKey()
                + " with '"
                + flag
                + "' instead of 0 or 1; replace it with an intact copy.");
      }
      if (flag.equals(wanted)) {
        Path file = imageRoot.resolve(image.getValue());
        if (!file.normalize().startsWith(imageRoot) || !Files.isRegularFile(file)) {
          throw new DatasetException(
              "Image "
                  + file
                  + " listed in "
                  + imagesFile
                  + " is missing; extract the dataset archive again.");
        }
        files.add(file);
        labels.add(dense.get(TextTables.integer(classOf.get(image.getKey()), labelsFile)));
      }
    }
    return ImageFileList.create(
        files, labels.stream().mapToInt(Integer::intValue).toArray(), names);
  }

  private static DatasetException missingId(Path file, String id, Path imagesFile) {
    return new DatasetException(
        file
            + " has no entry for image "
            + id
            + " of "
            + imagesFile
            + "; replace the annotation files with an intact copy.");
  }
}
