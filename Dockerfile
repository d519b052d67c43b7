# The `charter` command in a small image that runs as a non-root user:
#
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/work" ghcr.io/service-charter/charter build charters/
#
# (`-u` makes the outputs yours; without it they belong to the image's user 65532, which
# may not write into a folder you own.) The binary is static (musl), built here from source
# with the same profile as the release archives; the final stage is distroless: the
# binary, /tmp and a non-root user, no shell, no package manager.

FROM rust:1.95-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY src src
COPY themes themes
COPY fonts fonts
COPY benches benches
RUN cargo build --profile dist --locked --bin charter \
    && cp target/dist/charter /charter

FROM gcr.io/distroless/static-debian12:nonroot
# Links the image to its repository on GitHub's registry (and its licence and description).
LABEL org.opencontainers.image.source="https://github.com/service-charter/charter" \
      org.opencontainers.image.description="charter: citizens' service charters from YAML to posters and pages" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=build /charter /usr/local/bin/charter
WORKDIR /work
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/charter"]
CMD ["--help"]
