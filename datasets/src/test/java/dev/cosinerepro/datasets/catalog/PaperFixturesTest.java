package dev.cosinerepro.datasets.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cosinerepro.datasets.DatasetException;
import dev.cosinerepro.datasets.Split;
import dev.cosinerepro.datasets.hierarchy.HierarchyRegistry;
import dev.cosinerepro.datasets.image.ImageSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five paper datasets, generated in their real layouts with their real class counts, found
 * through the real registry: CUB, Flowers-102 and CIFAR-100 downloaded from a loopback mirror of
 * their official addresses, NABirds and Cars from the user's files; and each semantic hierarchy
 * matched to its dataset's classes.
 */
class PaperFixturesTest {
  @TempDir Path home;

  @AfterEach
  void clearMirror() {
    System.clearProperty(DatasetMirror.PROPERTY);
  }

  @Test
  void everyPaperDatasetDownloadsVerifiesAndLoadsWithItsClasses() throws IOException {
    PaperFixtures.Generated fixtures = PaperFixtures.write(home);
    try (LocalServer server = LocalServer.start()) {
      fixtures.served().forEach(server::put);
      Path mirror = home.resolve("mirror.properties");
      Files.writeString(mirror, fixtures.mirror(server.uri("/")));
      System.setProperty(DatasetMirror.PROPERTY, mirror.toString());

      Map<String, Integer> classes =
          Map.of("cub200", 200, "nabirds", 555, "cars", 196, "flowers102", 102, "cifar100", 100);
      for (Map.Entry<String, Integer> expected : classes.entrySet()) {
        Dataset dataset = DatasetRegistry.byName(expected.getKey());
        Path root = dataset.locate(home, true);
        List<String> names = classNames(dataset, root);
        assertThat(names).as(expected.getKey()).hasSize(expected.getValue());
        assertThat(dataset.fileChecksums())
            .allSatisfy((file, sum) -> assertThat(sum).startsWith("MD5 "));
        if (expected.getKey().equals("cub200")) {
          assertThat(names.get(0)).isEqualTo("001.Species_1");
          for (String hierarchy : List.of("cub-flat", "cub-wikispecies", "cub-deep")) {
            HierarchyRegistry.byName(hierarchy, home).requireClassesOf(names);
          }
        }
        if (expected.getKey().equals("cifar100")) {
          HierarchyRegistry.byName("cifar100", home).requireClassesOf(names);
        }
        if (expected.getKey().equals("nabirds")) {
          HierarchyRegistry.byName("nabirds", home).requireClassesOf(names);
        }
      }
      assertThat(server.requests()).isEqualTo(5);
    }
  }

  @Test
  void aMirrorOffLoopbackIsRefused() {
    assertThatThrownBy(
            () -> new DatasetMirror(URI.create("http://example.org/"), new java.util.Properties()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("is not a loopback address");
  }

  private static List<String> classNames(Dataset dataset, Path root) {
    if (dataset instanceof FileDataset files) {
      return files.index(root, Split.TRAIN).classNames();
    }
    ImageSet set = ((ArrayDataset) dataset).load(root, Split.TRAIN);
    return set.classNames();
  }
}
