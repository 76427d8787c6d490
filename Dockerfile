# One image for the gateway and every subgraph; docker-compose.yml picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=1 \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY . .
USER node
