# Build stage: compile TypeScript and make the embedded database's template.
# Node.js 24 is the current LTS line; Node.js 20 reached end of life in April 2026 and is not shipped.
# The code also runs on 20.19+ and 22.12+ (see "engines" in package.json) for machines with only those.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No prepare script here: the sources are not copied yet; npm run build makes the template.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

# Runtime stage: production dependencies and compiled code only.
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# Ready-made embedded database: a first start unpacks it instead of running initdb.
COPY --from=build /app/.cache/pglite-template ./.cache/pglite-template
COPY manifests ./manifests
# The embedded database refuses a DATA_DIR that others can open.
RUN mkdir -p /data && chown node:node /data && chmod 700 /data
USER node
VOLUME ["/data"]
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
