# syntax=docker/dockerfile:1
# Podium: Node 24 runs the TypeScript sources directly; only the web app is built.
# Build:  docker build -t podium .
# Run:    docker run -p 3000:3000 -v podium-data:/data podium   (embedded database in the volume)

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node_modules/.bin/vite build --config web/vite.config.ts --logLevel warn \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PODIUM_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/src ./src
COPY --from=build --chown=root:root /app/web/dist ./web/dist
COPY --from=build --chown=root:root /app/web/public ./web/public
# The data directory (embedded database, uploaded images, click spool, secret key) is the only
# place Podium writes; the code stays read-only to the user it runs as. /data/uploads exists in
# the image so that a volume mounted there (shared images, see compose.yaml) belongs to that user.
RUN mkdir -p /data/uploads && chown -R node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM from `docker stop` lets Podium finish requests, click batches and jobs before it exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/podium.js"]
CMD ["serve"]
