# The repro worker image, CPU flavour (the default build: DJL 0.36.0, libtorch 2.7.1 CPU natives inside the jar).
#   docker build -f docker/worker.Dockerfile -t cosine-repro/worker:cpu .        (from the repository root)
# Stage 1 builds the application with Maven; stage 2 is a JRE with the jar and nothing else.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17.0.13_11-jre-jammy
RUN useradd --system --create-home --home-dir /var/lib/repro repro
COPY --from=build /src/app/target/repro.jar /opt/repro/repro.jar
# the jar names its libraries in its manifest (Class-Path lib/...): they travel beside it
COPY --from=build /src/app/target/lib /opt/repro/lib
# DJL must never reach for the network; the natives are inside the jar and unpack under the data folder.
ENV DJL_OFFLINE=true OPT_OUT_TRACKING=true TORCH_CPP_LOG_LEVEL=ERROR \
    REPRO_HOME=/var/lib/repro DJL_CACHE_DIR=/var/lib/repro/djl REPRO_METRICS_HOST=0.0.0.0
# freed memory stays for reuse, as the repro launcher sets it (docs/benchmarks.md, "Memory that stays", "One arena")
ENV GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184:glibc.malloc.arena_max=1
USER repro
# Unpacks libtorch at build time and proves the natives are inside (exit 2 otherwise).
RUN java -Dai.djl.offline=true -jar /opt/repro/repro.jar doctor
EXPOSE 9464
ENTRYPOINT ["java", "-Dai.djl.offline=true", "-jar", "/opt/repro/repro.jar"]
CMD ["worker", "--queues", "cpu"]
