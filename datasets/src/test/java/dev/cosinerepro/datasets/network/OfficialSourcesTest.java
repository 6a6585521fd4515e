package dev.cosinerepro.datasets.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cosinerepro.datasets.catalog.Cifar100;
import dev.cosinerepro.datasets.catalog.Cub200;
import dev.cosinerepro.datasets.catalog.DatasetFile;
import dev.cosinerepro.datasets.catalog.FashionMnist;
import dev.cosinerepro.datasets.catalog.Flowers102;
import dev.cosinerepro.datasets.io.Downloader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks that need the internet, OFF by default: every declared download source answers, and
 * (with {@code -Dnetwork.full=true}) its file downloads and matches the declared checksum. Run them
 * on a machine with internet access: {@code mvn -pl datasets test -Dtest=OfficialSourcesTest
 * -Dnetwork=true [-Dnetwork.full=true]}. They were never run on the development machines, which
 * reach no host but the package registries.
 */
@EnabledIfSystemProperty(named = "network", matches = "true")
class OfficialSourcesTest {
  @TempDir Path folder;

  static Stream<DatasetFile> sources() {
    List<DatasetFile> files = new ArrayList<>();
    files.addAll(Cub200.FILES);
    files.addAll(Flowers102.FILES);
    files.addAll(Cifar100.FILES);
    for (FashionMnist.DataFile file : FashionMnist.FILES) {
      files.add(
          DatasetFile.download(
              file.name() + ".gz",
              FashionMnist.DOWNLOAD_BASE.resolve(file.name() + ".gz").toString(),
              file.checksum(),
              false));
    }
    return files.stream().filter(file -> file.source().isPresent());
  }

  @ParameterizedTest
  @MethodSource("sources")
  void theSourceAnswersAndItsFileMatchesTheChecksum(DatasetFile file) throws Exception {
    URI uri = file.source().orElseThrow();
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<Void> head =
        client.send(
            HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).as(uri.toString()).isBetween(200, 399);
    if (Boolean.getBoolean("network.full")) {
      Path target = Downloader.create().fetch(uri, folder.resolve(file.name()), file.checksum());
      assertThat(file.checksum().matches(target)).isTrue();
    }
  }
}
