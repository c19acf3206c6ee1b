# syntax=docker/dockerfile:1
# Paperboy's image. Build: docker build -t paperboy .   Run: see docker-compose.yml and the README.
# The bot token and every other setting come from the environment at run time (--env-file .env,
# or env_file in docker-compose.yml): nothing secret is built into the image, and .dockerignore
# keeps .env out of the build context altogether.

# ---- build: production dependencies, with the native sqlite3 compiled here ----
FROM node:24-bookworm-slim AS build

# sqlite3 (under @keyv/sqlite) is a native module that node-gyp compiles: it needs python3, make, g++.
RUN apt-get update \
	&& apt-get install -y --no-install-recommends python3 make g++ \
	&& rm -rf /var/lib/apt/lists/*

# Node 24 ships npm 11, whose `allowScripts` (package.json) runs only the install scripts it lists:
# sqlite3's build, nothing else.

# Compile sqlite3 from its bundled sources against the Node headers this image ships in
# /usr/local/include/node, instead of downloading a prebuilt binary from GitHub and node headers
# from nodejs.org: the build then needs the npm registry and nothing else.
ENV npm_config_build_from_source=sqlite3 \
	npm_config_nodedir=/usr/local

WORKDIR /app

# The manifest and lockfile first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
# --omit=dev: Node runs the TypeScript sources itself (type stripping), so there is no compile step
# and no dev tooling in the image.
RUN npm ci --omit=dev --no-audit --no-fund

# What the bot loads at run time: src (including the search and index threads' own entry files),
# commands (imported by src/app.ts) and seeds (the default PAPERS_DIR).
COPY src ./src
COPY commands ./commands
COPY seeds ./seeds

# ---- runtime: the same Node, no compilers ----
FROM node:24-bookworm-slim

# JSON log lines (no pretty-printing even under `docker run -t`), and production defaults in libraries.
# Health and metrics on port 9464 of every interface of the container: the HEALTHCHECK below asks
# /readyz, and Prometheus on the same container network scrapes /metrics (paperboy:9464). Nothing is
# published on the host unless you publish it (see docker-compose.yml).
ENV NODE_ENV=production \
	METRICS_PORT=9464 \
	METRICS_HOST=0.0.0.0
EXPOSE 9464

WORKDIR /app
# Code and dependencies stay owned by root: the bot cannot modify them, only its data folder.
COPY --from=build /app /app

# The default STORAGE_URL, sqlite://data/paperboy.sqlite, is relative to the working folder: the
# SQLite file (and its -wal/-shm companions) lands in /app/data. The folder is created and handed
# to the unprivileged `node` user (uid 1000, part of the base image) before it is declared a volume,
# so a fresh named volume starts out owned by that user.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
# Listings of your own can be mounted read-only at /app/listings with PAPERS_DIR=/app/listings
# (see docker-compose.yml); without that, the bundled seeds are the library.

USER node

# Node itself, not `npm start`: the same entry as `npm start` (`node src/main.ts`, Node stripping the
# types as it loads each file). npm would add a parent process that must relay SIGTERM; here `docker stop` sends SIGTERM
# straight to the bot, which stops its sources, finishes in-flight work, closes the store and exits 0.
# The base image's entrypoint exec()s this command, so node is PID 1. A PID 1 receives only the
# signals it handles, and the bot installs its SIGTERM handler once it has started: run with --init
# (docker-compose.yml sets `init: true`) so a stop during start-up works at once and strays are reaped.
# Healthy once the bot is ready (connected to Discord, its index loaded, its store answering), and
# unhealthy when that stops. The start period covers building the index of a large library.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 CMD ["node", "src/healthcheck.ts"]
CMD ["node", "src/main.ts"]
