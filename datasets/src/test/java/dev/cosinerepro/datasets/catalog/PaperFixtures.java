package dev.cosinerepro.datasets.catalog;

import dev.cosinerepro.datasets.catalog.FakeFiles.Members;
import dev.cosinerepro.datasets.io.Checksum;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Generated stand-ins for the paper's five datasets, each with its real class count in its real
 * on-disk layout (archives, annotation files, MATLAB files, CIFAR's binary records) and a few tiny
 * images per class: CUB-200-2011, Flowers-102 and CIFAR-100 to be served at their official
 * addresses (paths {@code /HOST/PATH}), NABirds and Stanford Cars placed where a user puts them.
 * {@link #mirror} says where each file is and its checksum, for a {@link DatasetMirror}.
 */
public final class PaperFixtures {
  /** Training images per class of CUB and CIFAR-100: a rehearsal's largest subset rank. */
  public static final int RANKED_TRAIN_PER_CLASS = 8;

  /** What was generated. */
  public record Generated(Map<String, byte[]> served, Properties checksums) {
    /** The mirror file's content for a server whose base address is {@code base}. */
    public String mirror(URI base) {
      StringBuilder out = new StringBuilder("base=").append(base).append('\n');
      checksums.stringPropertyNames().stream()
          .sorted()
          .forEach(key -> out.append(key).append('=').append(checksums.get(key)).append('\n'));
      return out.toString();
    }
  }

  private final Map<String, byte[]> served = new LinkedHashMap<>();
  private final Properties checksums = new Properties();

  private PaperFixtures() {}

  /**
   * Generates the five datasets: the downloadable ones in memory, to be served; NABirds and Cars
   * into {@code dataHome/datasets/<name>/}.
   */
  public static Generated write(Path dataHome) throws IOException {
    PaperFixtures fixtures = new PaperFixtures();
    Path staging = Files.createTempDirectory("paper-fixtures");
    fixtures.cub(staging);
    fixtures.flowers(staging);
    fixtures.cifar(staging);
    fixtures.nabirds(dataHome.resolve("datasets/nabirds"));
    fixtures.cars(dataHome.resolve("datasets/cars"));
    return new Generated(fixtures.served, fixtures.checksums);
  }

  private void serve(String dataset, DatasetFile declared, Path file) throws IOException {
    URI official = declared.source().orElseThrow();
    served.put("/" + official.getHost() + official.getRawPath(), Files.readAllBytes(file));
    place(dataset, declared, file);
  }

  private void place(String dataset, DatasetFile declared, Path file) {
    String md5 = Checksum.md5("0".repeat(32)).compute(file);
    checksums.setProperty(dataset + "/" + declared.name(), "MD5 " + md5);
  }

  private void cub(Path staging) throws IOException {
    String b = "CUB_200_2011/";
    StringBuilder classes = new StringBuilder();
    StringBuilder images = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    StringBuilder split = new StringBuilder();
    Members members = new Members();
    int id = 0;
    for (int c = 1; c <= 200; c++) {
      String folder = String.format("%03d.Species_%d", c, c);
      classes.append(c).append(' ').append(folder).append('\n');
      for (int i = 0; i <= RANKED_TRAIN_PER_CLASS; i++) {
        id++;
        String path = folder + "/img_" + id + ".jpg";
        images.append(id).append(' ').append(path).append('\n');
        labels.append(id).append(' ').append(c).append('\n');
        split.append(id).append(' ').append(i < RANKED_TRAIN_PER_CLASS ? 1 : 0).append('\n');
        members.image(b + "images/" + path);
      }
    }
    members
        .text(b + "classes.txt", classes.toString())
        .text(b + "images.txt", images.toString())
        .text(b + "image_class_labels.txt", labels.toString())
        .text(b + "train_test_split.txt", split.toString());
    Path archive = staging.resolve("CUB_200_2011.tgz");
    FakeFiles.tarGz(archive, members);
    serve("cub200", Cub200.FILES.get(0), archive);
  }

  private void flowers(Path staging) throws IOException {
    Members jpg = new Members();
    int[] labels = new int[102 * 3];
    int[] trnid = new int[102];
    int[] valid = new int[102];
    int[] tstid = new int[102];
    for (int c = 1; c <= 102; c++) {
      for (int i = 0; i < 3; i++) {
        int image = 3 * (c - 1) + i + 1;
        labels[image - 1] = c;
        jpg.image(String.format("jpg/image_%05d.jpg", image));
      }
      trnid[c - 1] = 3 * c - 2;
      valid[c - 1] = 3 * c - 1;
      tstid[c - 1] = 3 * c;
    }
    Path archive = staging.resolve("102flowers.tgz");
    FakeFiles.tarGz(archive, jpg);
    serve("flowers102", Flowers102.FILES.get(0), archive);
    Path labelFile = staging.resolve("imagelabels.mat");
    Files.write(labelFile, FakeFiles.mat(Map.of("labels", FakeFiles.row(labels))));
    serve("flowers102", Flowers102.FILES.get(1), labelFile);
    Path setid = staging.resolve("setid.mat");
    Files.write(
        setid,
        FakeFiles.mat(
            Map.of(
                "trnid",
                FakeFiles.row(trnid),
                "valid",
                FakeFiles.row(valid),
                "tstid",
                FakeFiles.row(tstid))));
    serve("flowers102", Flowers102.FILES.get(2), setid);
  }

  private void cifar(Path staging) throws IOException {
    String b = "cifar-100-binary/";
    // The hierarchy's names file names every node; the fine labels are ids 0..99.
    String[] names = new String[100];
    try (InputStream in =
        PaperFixtures.class.getResourceAsStream(
            "/dev/cosinerepro/datasets/hierarchy/cifar100/class_names.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] parts = line.strip().split("\\s+", 2);
        if (parts.length == 2 && Integer.parseInt(parts[0]) < 100) {
          names[Integer.parseInt(parts[0])] = parts[1];
        }
      }
    }
    int[] train = new int[100 * RANKED_TRAIN_PER_CLASS];
    int[] test = new int[100];
    for (int c = 0; c < 100; c++) {
      for (int i = 0; i < RANKED_TRAIN_PER_CLASS; i++) {
        train[c * RANKED_TRAIN_PER_CLASS + i] = c;
      }
      test[c] = c;
    }
    Path archive = staging.resolve("cifar-100-binary.tar.gz");
    FakeFiles.tarGz(
        archive,
        new Members()
            .text(b + "fine_label_names.txt", String.join("\n", List.of(names)) + "\n")
            .text(b + "coarse_label_names.txt", "all\n")
            .bytes(b + "train.bin", cifarRecords(train, 1))
            .bytes(b + "test.bin", cifarRecords(test, 2)));
    serve("cifar100", Cifar100.FILES.get(0), archive);
  }

  /** CIFAR's binary records (coarse label, fine label, 3 x 32 x 32 pixels) with seeded pixels. */
  private static byte[] cifarRecords(int[] fineLabels, long seed) {
    java.util.Random random = new java.util.Random(seed);
    byte[] out = new byte[fineLabels.length * 3074];
    for (int i = 0; i < fineLabels.length; i++) {
      out[i * 3074] = 0;
      out[i * 3074 + 1] = (byte) fineLabels[i];
      for (int p = 2; p < 3074; p++) {
        out[i * 3074 + p] = (byte) (fineLabels[i] + random.nextInt(64));
      }
    }
    return out;
  }

  private void nabirds(Path folder) throws IOException {
    String b = "nabirds/";
    StringBuilder classes = new StringBuilder("0 Birds\n");
    StringBuilder hierarchy = new StringBuilder();
    for (int order = 1; order <= 5; order++) {
      classes.append(order).append(" Order ").append(order).append('\n');
      hierarchy.append(order).append(" 0\n");
    }
    for (int family = 10; family < 60; family++) {
      classes.append(family).append(" Family ").append(family).append('\n');
      hierarchy.append(family).append(' ').append(1 + family % 5).append('\n');
    }
    StringBuilder images = new StringBuilder();
    StringBuilder labels = new StringBuilder();
    StringBuilder split = new StringBuilder();
    Members members = new Members();
    for (int leaf = 1000; leaf < 1555; leaf++) {
      classes.append(leaf).append(" Species ").append(leaf).append('\n');
      hierarchy.append(leaf).append(' ').append(10 + leaf % 50).append('\n');
      for (int i = 0; i < 2; i++) {
        String image = "im-" + leaf + "-" + i;
        String path = String.format("%04d/%s.jpg", leaf, image);
        images.append(image).append(' ').append(path).append('\n');
        labels.append(image).append(' ').append(leaf).append('\n');
        split.append(image).append(' ').append(i == 0 ? 1 : 0).append('\n');
        members.image(b + "images/" + path);
      }
    }
    members
        .text(b + "classes.txt", classes.toString())
        .text(b + "hierarchy.txt", hierarchy.toString())
        .text(b + "images.txt", images.toString())
        .text(b + "image_class_labels.txt", labels.toString())
        .text(b + "train_test_split.txt", split.toString());
    Path archive = folder.resolve("nabirds.tar.gz");
    FakeFiles.tarGz(archive, members);
    place("nabirds", NaBirds.FILES.get(0), archive);
  }

  private void cars(Path folder) throws IOException {
    String[] names = new String[196];
    String[] trainNames = new String[196];
    String[] testNames = new String[196];
    int[] classes = new int[196];
    Members train = new Members();
    Members test = new Members();
    for (int c = 1; c <= 196; c++) {
      names[c - 1] = "Make Model " + c;
      trainNames[c - 1] = String.format("%05d.jpg", c);
      testNames[c - 1] = String.format("%05d.jpg", c);
      classes[c - 1] = c;
      train.image("cars_train/" + trainNames[c - 1]);
      test.image("cars_test/" + testNames[c - 1]);
    }
    Path devkit = folder.resolve("car_devkit.tgz");
    FakeFiles.tarGz(
        devkit,
        new Members()
            .bytes(
                "devkit/cars_meta.mat",
                FakeFiles.mat(Map.of("class_names", FakeFiles.strings(names))))
            .bytes(
                "devkit/cars_train_annos.mat",
                FakeFiles.mat(Map.of("annotations", FakeFiles.carAnnotations(trainNames, classes))))
            .text("devkit/README.txt", "devkit"));
    place("cars", StanfordCars.FILES.get(0), devkit);
    Path trainArchive = folder.resolve("cars_train.tgz");
    FakeFiles.tarGz(trainArchive, train);
    place("cars", StanfordCars.FILES.get(1), trainArchive);
    Path testArchive = folder.resolve("cars_test.tgz");
    FakeFiles.tarGz(testArchive, test);
    place("cars", StanfordCars.FILES.get(2), testArchive);
    Path annotations = folder.resolve("cars_test_annos_withlabels.mat");
    Files.write(
        annotations,
        FakeFiles.mat(Map.of("annotations", FakeFiles.carAnnotations(testNames, classes))));
    place("cars", StanfordCars.FILES.get(3), annotations);
  }

  static {
    // The generator writes JPEGs through ImageIO: no display is needed.
    System.setProperty("java.awt.headless", "true");
  }
}
