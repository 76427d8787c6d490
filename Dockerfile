# One image for the gateway and every subgraph; docker-compose.yml picks the entry point.

# Build stage: every dependency (the web's build tools are development dependencies), then the
# services compiled to JavaScript into dist/ (npm run build: scripts/serviceBuild.ts) and the web
# front ends (the site and the explorer) into web/dist.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV APOLLO_TELEMETRY_DISABLED=1 \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm run build:web

# The image: production dependencies only, the compiled services (docker-compose.yml runs
# `node --enable-source-maps dist/<entry>.js`) and the built web front ends the gateway serves.
FROM node:20-bookworm-slim
WORKDIR /app
# NODE_OPTIONS: a larger young generation for the services, as `npm start` gives them (shared/supervisor.ts).
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=32 \
    APOLLO_TELEMETRY_DISABLED=1 \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
USER node
