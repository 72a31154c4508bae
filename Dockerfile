# syntax=docker/dockerfile:1
# The Locus image: build the shaded jar with Maven, run it on a plain JRE as a
# numeric non-root user (65532), so runAsNonRoot can verify it without a passwd entry.
#   docker build -t locus:0.1.0 .
# Needs BuildKit (the default builder since Docker 23) for the Maven cache mount.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /src/target/locus.jar /app/locus.jar
# Defaults for `docker run`; the Kubernetes manifests set their own JAVA_TOOL_OPTIONS.
# ZGC: sub-millisecond pauses (docs/benchmarks.md, issue 15); the same flags as deploy/.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseZGC -XX:+ExitOnOutOfMemoryError"
USER 65532:65532
EXPOSE 8888
ENTRYPOINT ["java", "-jar", "/app/locus.jar"]
CMD ["serve", "--config", "/etc/locus/config.yaml"]
