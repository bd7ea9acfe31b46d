# syntax=docker/dockerfile:1
# Liaison against a PostgreSQL of yours (DATABASE_URL): see compose.yaml and the README's "Deploying".

# 1. Build: the full install (esbuild) compiles src/ into plain JavaScript in dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Run after every install: repairs a dependency bug no release has fixed yet (see the script).
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only: no build tools, no tsx, no embedded PostgreSQL server.
FROM node:20-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. What runs: dist/, the migrations, the example organisation and the chart fonts, as the unprivileged `node` user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LIAISON_DATA_DIR=/data
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json liaison.example.yaml ./
COPY bin ./bin
COPY drizzle ./drizzle
COPY assets ./assets
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-old-space-size=1024", "--max-semi-space-size=16", "dist/cli.js", "start"]
