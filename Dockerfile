# Gatehouse's container image. The build is scripts/build-image.sh, which CI also runs (in a
# scratch copy, scripts/check-image.sh) and starts, since no Docker engine runs there.
#   docker build -t gatehouse .
#   docker run -p 8700:8700 -v gatehouse-data:/data gatehouse
# PostgreSQL instead of the SQLite file: compose.yaml.

FROM node:20-slim AS build
# better-sqlite3 downloads a prebuilt binding; these compile it where none fits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash scripts/build-image.sh /app

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8700 \
    GATEHOUSE_DATABASE_URL=sqlite:/data/gatehouse.db
# The application stays root's and read-only to the server; only /data is the node user's.
COPY --from=build /app /app
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
WORKDIR /app
EXPOSE 8700
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs"]
# node itself is PID 1, so `docker stop`'s SIGTERM reaches Gatehouse's graceful stop.
CMD ["node", "/app/node_modules/@gatehouse/cli/bin/gatehouse.js", "start"]
