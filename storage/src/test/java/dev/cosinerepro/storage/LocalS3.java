package dev.cosinerepro.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** An s3proxy server with the filesystem blob store on 127.0.0.1 and an ephemeral port. */
public final class LocalS3 implements AutoCloseable {

  static final String ACCESS_KEY = "test-access";
  static final String SECRET_KEY = "test-secret-0123456789";

  private final S3Proxy proxy;

  private LocalS3(S3Proxy proxy) {
    this.proxy = proxy;
  }

  public static LocalS3 start(Path folder) throws Exception {
    return start(folder, UnaryOperator.identity());
  }

  /**
   * Starts a server whose blob store is wrapped, for tests that count or fail requests (extend
   * {@link org.gaul.s3proxy.blobstore.ForwardingBlobStore}).
   */
  public static LocalS3 start(Path folder, UnaryOperator<BlobStore> decorate) throws Exception {
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(decorate.apply(new FilesystemNio2BlobStore(folder.toString())))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .stopTimeout(0)
            .build();
    proxy.start();
    return new LocalS3(proxy);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  public S3Settings settings(String bucket) {
    return new S3Settings(endpoint(), ACCESS_KEY, SECRET_KEY, bucket);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
