# syntax=docker/dockerfile:1
# zelfbeheer-bot: a small, non-root image. A build stage bundles the TypeScript and most libraries
# with esbuild; the runtime image holds production dependencies (PGlite, discord.js, pino and node-cron
# load from there), dist/, migrations/ and the demo plan.
#   docker build -t zelfbeheer-bot .
#   docker run --env-file .env -p 3000:3000 -v zb-data:/app/data zelfbeheer-bot

ARG NODE_IMAGE=node:20-slim

# --- 1. build: bundle src/ and adapters/ into dist/ (compiled JavaScript starts faster than tsx) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
RUN npm run build

# --- 2. production dependencies only (no test tools, no embedded PostgreSQL) ---
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- 3. the runtime image ---
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    HTTP_PORT=3000
WORKDIR /app
# Code and dependencies stay owned by root: the bot can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
# The demo complex's plan (DEMO=true), read from src/demo/ by the bundle.
COPY src/demo/demo-beheerplan.yaml ./src/demo/
# The embedded PGlite database lives here when DATABASE_URL is not set; mount a volume on it.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# node itself is PID 1 (no npm wrapper), so SIGTERM from `docker stop` reaches the bot's shutdown.
# The operator's command line in the container: docker exec -it <container> node dist/src/cli.js <command>
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
