# syntax=docker/dockerfile:1
# One image for every role; the command chooses it:
#   docker run IMAGE gateway | organization | members | proposals | consultation | platform | plugin-host | migrate | embedded
# Build: docker build -t cppcc-graph .   (see docs/operations.md)

# 1. Build: every dependency, TypeScript compiled to dist/.
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1
# Compilers for native modules that have no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY . .
RUN npm ci --no-audit --no-fund \
  && npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  # The runtime needs dist/, package.json files and the committed schema/plugin lists; not the sources.
  && find . -name node_modules -prune -o -type d \( -name src -o -name test \) -print | xargs rm -rf \
  && rm -rf scripts .turbo

# 2. Run: production dependencies and built output only, as an unprivileged user.
FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    MIGRATE_ON_START=false
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Ports: gateway 4000, subgraphs 4101-4105, plugins 42xx (each role's PORT setting moves it).
EXPOSE 4000 4101 4102 4103 4104 4105 4201 4202 4203
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/scripts/role.js"]
CMD ["gateway"]
