# The repro worker image, CUDA flavour: `mvn -P cuda` (DJL 0.33.0, libtorch 2.5.1 with CUDA 12.4 and cuDNN 9, a
# 2.4 GB native jar) inside the jar, so a GPU worker never downloads at run time. Needs the NVIDIA container
# toolkit on the host (driver 550 or newer for CUDA 12.4).
#   docker build -f docker/worker-cuda.Dockerfile -t cosine-repro/worker:cuda .  (from the repository root)
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -P cuda -DskipTests -Dspotless.check.skip=true package

FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /var/lib/repro repro
COPY --from=build /src/app/target/repro.jar /opt/repro/repro.jar
# the jar names its libraries in its manifest (Class-Path lib/...): they travel beside it
COPY --from=build /src/app/target/lib /opt/repro/lib
ENV DJL_OFFLINE=true OPT_OUT_TRACKING=true TORCH_CPP_LOG_LEVEL=ERROR \
    REPRO_HOME=/var/lib/repro DJL_CACHE_DIR=/var/lib/repro/djl REPRO_METRICS_HOST=0.0.0.0
# freed memory stays for reuse, as the repro launcher sets it (docs/benchmarks.md, "Memory that stays", "One arena")
ENV GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184:glibc.malloc.arena_max=1
USER repro
EXPOSE 9464
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/opt/repro/repro.jar"]
CMD ["worker", "--queues", "gpu"]
