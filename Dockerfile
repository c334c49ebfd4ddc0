# Brier in a container: production dependencies only, non-root, PGlite data in a volume.
#   docker build -t brier .
#   docker run -p 3000:3000 -v brier-data:/app/data -e SESSION_SECRET="$(openssl rand -hex 32)" brier
# See docs/operations.md ("Docker") for PostgreSQL, bind mounts and one-off commands.

# --- 1. dependencies: `npm ci` without devDependencies (esbuild, which bundles the TypeScript,
#        is a runtime dependency; argon2 ships prebuilt binaries, so no compiler is needed) -----
FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- 2. build: src/ bundled into plain JavaScript in dist/ (no tsx loader at runtime) ----------
FROM dependencies AS build
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs

# --- 3. runtime ------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY --from=build /app/dist ./dist
# The image's own `node` user (uid 1000) owns the data directory and nothing else.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: finish requests in flight, close the database, exit 0 (SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
# The node flags of `npm start` (package.json; docs/operations.md says why).
CMD ["node", "--max-semi-space-size=32", "dist/brier.js", "serve"]
