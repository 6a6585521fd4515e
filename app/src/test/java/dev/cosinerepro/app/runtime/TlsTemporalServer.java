package dev.cosinerepro.app.runtime;

import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal Java test server (real time) behind a Netty TLS listener on 127.0.0.1 that demands a
 * client certificate signed by the test CA and records the authorization header of every call: a
 * stand-in for a Temporal service that takes mutual TLS and an API key.
 */
public final class TlsTemporalServer implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TestServicesStarter services;
  private final Server server;
  private final List<String> authorizations;

  private TlsTemporalServer(
      TestServicesStarter services, Server server, List<String> authorizations) {
    this.services = services;
    this.server = server;
    this.authorizations = authorizations;
  }

  /** Starts a server with the certificates' server certificate, trusting their CA. */
  public static TlsTemporalServer start(TestCertificates certs) throws Exception {
    TestServicesStarter services = new TestServicesStarter(true, 0L);
    List<String> authorizations = new CopyOnWriteArrayList<>();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.forServer(certs.serverCert.toFile(), certs.serverKey.toFile())
                    .trustManager(certs.caCert.toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build());
    ServerInterceptor recordAuthorization =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            String value = headers.get(AUTHORIZATION);
            authorizations.add(value == null ? "" : value);
            return next.startCall(call, headers);
          }
        };
    for (BindableService service : services.getServices()) {
      builder.addService(ServerInterceptors.intercept(service.bindService(), recordAuthorization));
    }
    return new TlsTemporalServer(services, builder.build().start(), authorizations);
  }

  /** The address clients connect to, {@code 127.0.0.1:PORT}. */
  public String target() {
    return "127.0.0.1:" + ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  /** The authorization header of every call so far, empty for a call without one. */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    services.close();
  }
}
