# sigmeet container image. Build: docker build -t sigmeet .   Run: docker run -v sigmeet:/data sigmeet
# CI has no Docker engine; scripts/check-install.sh proves the same install path (pack, then a
# production-only install of the tarball) on every run.

FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
# The Matrix crypto stub: `npm ci` links it in place of the native binding (package.json
# `overrides`), and the packed package ships it for the runtime hook (docs/matrix.md).
COPY stubs/matrix-sdk-crypto-nodejs ./stubs/matrix-sdk-crypto-nodejs
COPY src ./src
COPY commands ./commands
COPY fixtures ./fixtures
COPY README.md ./
# `npm ci` runs the `prepare` script, which compiles TypeScript to dist/.
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /tmp && mv /tmp/sigmeet-*.tgz /tmp/sigmeet.tgz

FROM node:24-slim
ENV NODE_ENV=production
COPY --from=build /tmp/sigmeet.tgz /tmp/sigmeet.tgz
# Overrides do not apply to this install, so npm fetches the real crypto binding too (its binary
# download may fail; nothing needs it): sigmeet maps that module to its bundled stub at run time.
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/sigmeet.tgz && rm /tmp/sigmeet.tgz \
    && mkdir -p /data && chown node:node /data
USER node
# The SQLite database and written minutes live here; the default database is ./sigmeet.db.
VOLUME /data
WORKDIR /data
# `sigmeet webhooks` listens here (run it with --host 0.0.0.0 behind a TLS proxy).
EXPOSE 8088
# The bot. Mount the config (its matrix section names the homeserver and rooms; keep db and
# matrix.minutesDir under /data) and pass the token: -e SIGMEET_MATRIX_TOKEN=…
CMD ["sigmeet", "run", "--config", "/config/sigmeet.yaml"]
