# syntax=docker/dockerfile:1
# The bot as an image: compiled JavaScript and production dependencies only, run as a non-root user.
#   docker build -t tpd-bot .        (or `docker compose up -d` with compose.yaml; see docs/deploy.md)
# test/deploy/production.e2e.test.ts runs these same steps without Docker; keep the two in step.
ARG NODE_VERSION=22

# 1. Compile the TypeScript with every dependency (no install scripts: the compiler needs no native modules).
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only; the build tools compile better-sqlite3 when no prebuilt binary fits.
FROM node:${NODE_VERSION}-bookworm-slim AS production-deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 3. The image: no compiler, no tsx, no build tools, no sources. Code and knowledge are owned by root and
#    read-only for the bot; only data/ (the SQLite store when no DATABASE_URL is set) is writable.
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
RUN mkdir data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/healthcheck.js"]
CMD ["node", "--max-semi-space-size=32", "dist/main.js"]
