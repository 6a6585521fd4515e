package dev.cosinerepro.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.catalog.FakeFiles.Members;
import dev.cosinerepro.datasets.image.ImageSet;
import dev.cosinerepro.datasets.io.Checksum;
import dev.cosinerepro.datasets.io.Downloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared harness: every dataset, every split, on tiny fake files written in the real on-disk
 * layout (archives included) and run through the real locate (verify + extract) and parse path.
 */
public class DatasetHarnessTest {
  @TempDir Path dir;

  private static final Supplier<Downloader> NO_DOWNLOADS =
      () -> {
        throw new AssertionError("the harness must not download");
      };

  /** What a fake dataset must yield. */
  record Expected(int train, int test, List<String> classNames, int firstTrainLabel) {}

  /** Writes the declared files of a fake dataset into {@code folder}; returns the dataset. */
  interface Fake {
    Dataset write(Path folder) throws IOException;
  }

  static Stream<Arguments> datasets() {
    return Stream.of(
        Arguments.of(
            "cub200",
            (Fake) DatasetHarnessTest::cub,
            new Expected(3, 2, List.of("001.Albatross", "002.Auklet", "003.Crow"), 1)),
        Arguments.of(
            "nabirds",
            (Fake) DatasetHarnessTest::nabirds,
            new Expected(2, 2, List.of("Heron", "Loon", "Owl"), 2)),
        Arguments.of(
            "cars",
            (Fake) DatasetHarnessTest::cars,
            new Expected(3, 2, List.of("AM General Hummer", "Acura RL", "Audi R8"), 2)),
        Arguments.of("flowers102", (Fake) DatasetHarnessTest::flowers, new Expected(4, 2, null, 0)),
        Arguments.of(
            "cifar100",
            (Fake) DatasetHarnessTest::cifar,
            new Expected(4, 3, List.of("apple", "bee", "cup"), 2)),
        Arguments.of(
            "fashion-mnist",
            (Fake) DatasetHarnessTest::fashion,
            new Expected(20, 10, FashionMnist.CLASS_NAMES, 0)),
        Arguments.of(
            "folder",
            (Fake) DatasetHarnessTest::folder,
            new Expected(3, 1, List.of("cat", "dog"), 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("datasets")
  void everySplitLoadsWithZeroBasedLabels(String name, Fake fake, Expected expected)
      throws IOException {
    Path dataHome = dir.resolve("home");
    Dataset dataset = fake.write(dataHome.resolve("datasets").resolve(name));
    Path root = dataset.locate(dataHome, false);
    assertThat(dataset.locate(dataHome, false)).isEqualTo(root); // second call: already prepared
    for (Split split : Split.values()) {
      int size;
      int[] labels;
      List<String> classNames;
      if (dataset instanceof FileDataset files) {
        ImageFileList list = files.index(root, split);
        size = list.size();
        labels = list.labels();
        classNames = list.classNames();
        for (Path file : list.files()) {
          assertThat(file).isRegularFile();
        }
      } else {
        ImageSet set = ((ArrayDataset) dataset).load(root, split);
        size = set.size();
        labels = set.labels();
        classNames = set.classNames();
      }
      assertThat(size)
          .as(split.toString())
          .isEqualTo(split == Split.TRAIN ? expected.train() : expected.test());
      assertThat(Arrays.stream(labels).allMatch(l -> l >= 0 && l < classNames.size())).isTrue();
      if (expected.classNames() != null) {
        assertThat(classNames).isEqualTo(expected.classNames());
      }
      if (split == Split.TRAIN) {
        assertThat(labels[0]).isEqualTo(expected.firstTrainLabel());
      }
    }
  }

  // ---- fakes in the real layouts ----

  public static Dataset cub(Path folder) throws IOException {
    String b = "CUB_200_2011/";
    FakeFiles.tarGz(
        folder.resolve("CUB_200_2011.tgz"),
        new Members()
            .text("attributes.txt", "1 has_bill_shape::curved\n")
            .text(b + "classes.txt", "1 001.Albatross\n2 002.Auklet\n3 003.Crow\n")
            .text(
                b + "images.txt",
                "1 002.Auklet/a.jpg\n2 001.Albatross/b.jpg\n3 003.Crow/c.jpg\n4 001.Albatross/d.jpg\n5 003.Crow/e.jpg\n")
            .text(b + "image_class_labels.txt", "1 2\n2 1\n3 3\n4 1\n5 3\n")
            .text(b + "train_test_split.txt", "1 1\n2 0\n3 1\n4 1\n5 0\n")
            .image(b + "images/002.Auklet/a.jpg")
            .image(b + "images/001.Albatross/b.jpg")
            .image(b + "images/003.Crow/c.jpg")
            .image(b + "images/001.Albatross/d.jpg")
            .image(b + "images/003.Crow/e.jpg"));
    return new Cub200(FakeFiles.rechecksum(Cub200.FILES, folder), NO_DOWNLOADS);
  }

  public static Dataset nabirds(Path folder) throws IOException {
    String b = "nabirds/";
    FakeFiles.tarGz(
        folder.resolve("nabirds.tar.gz"),
        new Members()
            .text(b + "classes.txt", "0 Birds\n22 Owls\n295 Heron\n817 Loon\n1010 Owl\n")
            .text(b + "hierarchy.txt", "22 0\n295 0\n817 0\n1010 22\n")
            .text(
                b + "images.txt",
                "aa-1 1010/aa1.jpg\nbb-2 0295/bb2.jpg\ncc-3 0817/cc3.jpg\ndd-4 1010/dd4.jpg\n")
            .text(b + "image_class_labels.txt", "aa-1 1010\nbb-2 295\ncc-3 817\ndd-4 1010\n")
            .text(b + "train_test_split.txt", "aa-1 1\nbb-2 0\ncc-3 1\ndd-4 0\n")
            .image(b + "images/1010/aa1.jpg")
            .image(b + "images/0295/bb2.jpg")
            .image(b + "images/0817/cc3.jpg")
            .image(b + "images/1010/dd4.jpg"));
    return new NaBirds(FakeFiles.rechecksum(NaBirds.FILES, folder), NO_DOWNLOADS);
  }

  public static Dataset cars(Path folder) throws IOException {
    FakeFiles.tarGz(
        folder.resolve("car_devkit.tgz"),
        new Members()
            .bytes(
                "devkit/cars_meta.mat",
                FakeFiles.mat(
                    Map.of(
                        "class_names",
                        FakeFiles.strings("AM General Hummer", "Acura RL", "Audi R8"))))
            .bytes(
                "devkit/cars_train_annos.mat",
                FakeFiles.mat(
                    Map.of(
                        "annotations",
                        FakeFiles.carAnnotations(
                            new String[] {"00001.jpg", "00002.jpg", "00003.jpg"},
                            new int[] {3, 1, 2}))))
            .text("devkit/README.txt", "devkit"));
    FakeFiles.tarGz(
        folder.resolve("cars_train.tgz"),
        new Members()
            .image("cars_train/00001.jpg")
            .image("cars_train/00002.jpg")
            .image("cars_train/00003.jpg"));
    FakeFiles.tarGz(
        folder.resolve("cars_test.tgz"),
        new Members().image("cars_test/00001.jpg").image("cars_test/00002.jpg"));
    Files.write(
        folder.resolve("cars_test_annos_withlabels.mat"),
        FakeFiles.mat(
            Map.of(
                "annotations",
                FakeFiles.carAnnotations(
                    new String[] {"00002.jpg", "00001.jpg"}, new int[] {1, 3}))));
    return new StanfordCars(FakeFiles.rechecksum(StanfordCars.FILES, folder), NO_DOWNLOADS);
  }

  public static Dataset flowers(Path folder) throws IOException {
    Members jpg = new Members();
    for (int i = 1; i <= 8; i++) {
      jpg.image(String.format("jpg/image_%05d.jpg", i));
    }
    FakeFiles.tarGz(folder.resolve("102flowers.tgz"), jpg);
    Files.write(
        folder.resolve("imagelabels.mat"),
        FakeFiles.mat(Map.of("labels", FakeFiles.row(1, 102, 5, 5, 1, 2, 77, 1))));
    Files.write(
        folder.resolve("setid.mat"),
        FakeFiles.mat(
            Map.of(
                "trnid",
                FakeFiles.row(5, 1),
                "valid",
                FakeFiles.row(3, 2),
                "tstid",
                FakeFiles.row(8, 7))));
    return new Flowers102(FakeFiles.rechecksum(Flowers102.FILES, folder), NO_DOWNLOADS);
  }

  static byte[] cifarRecords(int... fineLabels) {
    byte[] out = new byte[fineLabels.length * 3074];
    for (int i = 0; i < fineLabels.length; i++) {
      out[i * 3074] = 9;
      out[i * 3074 + 1] = (byte) fineLabels[i];
      Arrays.fill(out, i * 3074 + 2, i * 3074 + 1026, (byte) 10); // red plane
      Arrays.fill(out, i * 3074 + 1026, i * 3074 + 2050, (byte) 20); // green plane
      Arrays.fill(out, i * 3074 + 2050, i * 3074 + 3074, (byte) 30); // blue plane
    }
    return out;
  }

  public static Dataset cifar(Path folder) throws IOException {
    String b = "cifar-100-binary/";
    FakeFiles.tarGz(
        folder.resolve("cifar-100-binary.tar.gz"),
        new Members()
            .text(b + "fine_label_names.txt", "apple\nbee\ncup\n")
            .text(b + "coarse_label_names.txt", "fruit\ninsects\n")
            .bytes(b + "train.bin", cifarRecords(2, 0, 1, 2))
            .bytes(b + "test.bin", cifarRecords(0, 1, 2)));
    return new Cifar100(FakeFiles.rechecksum(Cifar100.FILES, folder), NO_DOWNLOADS);
  }

  public static Dataset fashion(Path folder) throws IOException {
    FakeIdx.writeDataset(folder, 20, 10, true);
    List<FashionMnist.DataFile> files = new ArrayList<>();
    for (FashionMnist.DataFile real : FashionMnist.FILES) {
      Checksum any = Checksum.sha256OfGunzipped("0".repeat(64));
      String hex = any.compute(folder.resolve(real.name() + ".gz"));
      files.add(new FashionMnist.DataFile(real.name(), Checksum.sha256OfGunzipped(hex)));
    }
    return new DatasetRegistry.FashionMnistDataset(
        new FashionMnist.Sources(
            folder.resolve("no-system-folder"), FashionMnist.DOWNLOAD_BASE, files, NO_DOWNLOADS));
  }

  public static Dataset folder(Path folder) throws IOException {
    for (String f :
        List.of(
            "train/cat/1.jpg",
            "train/cat/2.PNG",
            "train/dog/3.jpg",
            "train/dog/notes.txt",
            "test/dog/4.jpeg")) {
      Files.createDirectories(folder.resolve(f).getParent());
      Files.writeString(folder.resolve(f), "x");
    }
    return DatasetRegistry.byName("folder:" + folder);
  }

  // ---- specific checks ----

  @Test
  void cifarPixelsBecomeHwc() throws IOException {
    Path home = dir.resolve("h");
    Cifar100 cifar = (Cifar100) cifar(home.resolve("datasets/cifar100"));
    ImageSet test = cifar.load(cifar.locate(home, false), Split.TEST);
    assertThat(test.height()).isEqualTo(32);
    assertThat(test.channels()).isEqualTo(3);
    assertThat(Arrays.copyOf(test.image(0), 6)).containsExactly(10, 20, 30, 10, 20, 30);
  }

  @Test
  void flowersTrainIsTrnidPlusValidSorted() throws IOException {
    Path home = dir.resolve("h");
    Flowers102 flowers = (Flowers102) flowers(home.resolve("datasets/flowers102"));
    ImageFileList train = flowers.index(flowers.locate(home, false), Split.TRAIN);
    assertThat(train.files().stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "image_00001.jpg", "image_00002.jpg", "image_00003.jpg", "image_00005.jpg");
    assertThat(train.labels()).containsExactly(0, 101, 4, 0);
    assertThat(train.numClasses()).isEqualTo(102);
  }

  @Test
  void missingUserSuppliedFileSaysHowToGetIt() {
    assertThatThrownBy(() -> new NaBirds().locate(dir, false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(dir.resolve("datasets/nabirds/nabirds.tar.gz").toString())
        .hasMessageContaining("df21a9e4db349a14e2b08adfd45873bd")
        .hasMessageContaining("dl.allaboutbirds.org");
    assertThatThrownBy(() -> new Cub200().locate(dir, false))
        .hasMessageContaining("allow downloading or download https://data.caltech.edu");
  }

  @Test
  void damagedArchiveIsNotExtracted() throws IOException {
    Path home = dir.resolve("h");
    Path folder = home.resolve("datasets/cub200");
    cub(folder);
    List<DatasetFile> files = FakeFiles.rechecksum(Cub200.FILES, folder);
    Files.writeString(folder.resolve("CUB_200_2011.tgz"), "damaged");
    Cub200 cub = new Cub200(files, NO_DOWNLOADS);
    assertThatThrownBy(() -> cub.locate(home, false))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("CUB_200_2011.tgz has SHA-256");
    assertThat(folder.resolve("extracted")).doesNotExist();
  }

  @Test
  void malformedAnnotationsAreNamed() throws IOException {
    Path home = dir.resolve("h");
    Cub200 cub = (Cub200) cub(home.resolve("datasets/cub200"));
    Path root = cub.locate(home, false);
    Path labels =
        DataFolder.extracted(root, "CUB_200_2011.tgz")
            .resolve("CUB_200_2011/image_class_labels.txt");
    Files.writeString(labels, "1 2\n2 1\n3 9\n4 1\n5 3\n");
    assertThatThrownBy(() -> cub.index(root, Split.TRAIN))
        .hasMessageContaining("class 9, which")
        .hasMessageContaining("classes.txt does not list");
    Files.writeString(labels, "1 2\n2 1\n3 3\n4 1\n");
    assertThatThrownBy(() -> cub.index(root, Split.TRAIN))
        .hasMessageContaining("has no entry for image 5");
  }

  @Test
  void registryKnowsEveryNameAndListsThemOnError() {
    List<String> found = new ArrayList<>();
    for (String name : DatasetRegistry.NAMES) {
      found.add(DatasetRegistry.byName(name).name());
    }
    assertThat(found)
        .containsExactly("cub200", "nabirds", "cars", "flowers102", "cifar100", "fashion-mnist");
    assertThat(DatasetRegistry.byName("folder:/data/x")).isInstanceOf(ImageFolder.class);
    assertThatThrownBy(() -> DatasetRegistry.byName("imagenet"))
        .isInstanceOf(DatasetException.class)
        .hasMessage(
            "Unknown dataset 'imagenet'; use one of cub200, nabirds, cars, flowers102, cifar100, fashion-mnist or folder:PATH.");
  }

  @Test
  void folderWithoutSplitsHasOnlyTraining() throws IOException {
    Files.createDirectories(dir.resolve("f/a"));
    Files.writeString(dir.resolve("f/a/1.jpg"), "x");
    Files.createDirectories(dir.resolve("f/b"));
    Files.writeString(dir.resolve("f/b/2.jpg"), "x");
    Dataset folder = DatasetRegistry.byName("folder:" + dir.resolve("f"));
    Path root = folder.locate(dir, false);
    assertThat(((FileDataset) folder).index(root, Split.TRAIN).size()).isEqualTo(2);
    assertThatThrownBy(() -> ((FileDataset) folder).index(root, Split.TEST))
        .hasMessageContaining("no test split");
    assertThatThrownBy(
            () -> DatasetRegistry.byName("folder:" + dir.resolve("none")).locate(dir, false))
        .hasMessageContaining("does not exist");
  }
}
