# Newplos container image. Build the jar on the host first, then the image:
#   ./mvnw -DskipTests package
#   docker build -t newplos .                       (podman: see scripts/e2e-container.sh)
# The default base is a public Java 17 runtime; pass --build-arg BASE_IMAGE=... to use another one
# that has a JRE 17, a POSIX shell, useradd and (for the HEALTHCHECK) curl.
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Stage 1: split the Spring Boot jar into layers (dependencies change rarely, the application often),
# so a rebuild after a code change only replaces the small application layer. The extracted form is a
# thin newplos.jar plus lib/ (no nested jars to unpack at every start), which class data sharing needs.
FROM ${BASE_IMAGE} AS layers
LABEL org.newplos.stage=layers
WORKDIR /build
COPY target/newplos.jar newplos.jar
RUN java -Djarmode=tools -jar newplos.jar extract --layers --destination extracted

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
# curl for the HEALTHCHECK (the default base has it; install it only if missing).
RUN if ! command -v curl >/dev/null 2>&1; then \
      apt-get update && apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
 && groupadd --system --gid 10001 newplos \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin newplos
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY --chmod=0755 deploy/container/newplos /usr/local/bin/newplos

# In a container the database is always external: no embedded PostgreSQL, DATABASE_URL is required
# (the launcher refuses to start without it). The app creates the database if its role may, and
# migrates it on every start (NEWPLOS_MIGRATE_ON_START, default on) before it reports ready.
# JVM memory (docs/deploy.md, "Memory"): the heap is 60 % of the container's limit, starting small and
# growing with use; the other 40 % holds what is not heap (~180 MB idle: class data, code cache,
# metaspace, threads). The parallel collector: it sizes the young generation to the load (small when
# idle, larger under load), so on 2 CPUs it spends ~15 % less CPU per API request than the serial
# collector the JVM would pick by itself below ~1.8 GB, for ~20-35 MB more RSS (docs/benchmarks.md);
# naming it keeps the image the same at every size and matches the class-data archive below.
ENV NEWPLOS_DATABASE_EMBEDDED_ENABLED=false \
    SERVER_PORT=8080 \
    JAVA_MEMORY_OPTS="-XX:MaxRAMPercentage=60.0 -XX:+UseParallelGC" \
    JAVA_OPTS="-XX:+ExitOnOutOfMemoryError -Djava.security.egd=file:/dev/./urandom -Djava.io.tmpdir=/tmp"

# Class data sharing (Spring Boot docs, "Class Data Sharing"): a training run that starts the application
# context and stops before serving records the ~12,000 classes it loaded, parsed and verified into
# /app/newplos.jsa; every start then maps them instead (start-up about twice as fast, less memory).
# The context starts without a database (the pool opens no connection while it starts), so the
# training run needs none: the database lifecycle's first attempt, which starts beside the context,
# finds nothing at the URL below and would retry later; the run has ended by then. The launcher uses
# the archive when present.
RUN DATABASE_URL=postgres://training@127.0.0.1:9/training SERVER_PORT=0 \
    java $JAVA_MEMORY_OPTS -XX:ArchiveClassesAtExit=/app/newplos.jsa -Dspring.context.exit=onRefresh \
         -jar /app/newplos.jar >/tmp/cds-training.log 2>&1 \
 || { cat /tmp/cds-training.log; exit 1; }; \
    test -s /app/newplos.jsa && rm -f /tmp/cds-training.log

USER 10001:10001
EXPOSE 8080
# Ready only when the database answers and the schema is current (see /readyz); start period covers
# the first start, which creates and migrates the database.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/readyz" || exit 1

# The launcher execs java, so the JVM is PID 1 and receives SIGTERM: Spring Boot then shuts down
# gracefully (server.shutdown=graceful: in-flight requests finish, new ones are refused).
ENTRYPOINT ["newplos"]
CMD ["serve"]
