# docflow's image: bin/docflow.js bundles the TypeScript sources at first start (no build step,
# as on a workstation) and runs them with its shebang's V8 flags. Configured only through
# environment variables (see .env.example); the CLI's subcommand comes from the compose service's
# `command` (e.g. `consume`, `webhook`).
#
# Stage 1 installs the production dependencies (better-sqlite3 is native: the compilers are here
# in case no prebuilt binary matches), stage 2 is the slim runtime.
FROM node:20-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    DOCFLOW_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
COPY templates ./templates
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
ENTRYPOINT ["bin/docflow.js"]
CMD ["consume"]
