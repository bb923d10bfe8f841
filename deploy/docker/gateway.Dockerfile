# syntax=docker/dockerfile:1
# The gateway image: SignalR hub, REST API and the web client. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t REGISTRY/gochat-gateway:VERSION .
ARG DOTNET_VERSION=10.0
ARG NODE_VERSION=22

# The web client is platform-neutral static files: build it once, on the build machine's architecture.
FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-bookworm-slim AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
# As GoChat.Gateway.csproj does: exactly what the lock file says (it holds every platform's optional packages).
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN GOCHAT_WEB_OUT=/src/gateway/wwwroot npm run build

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY service-defaults/GoChat.ServiceDefaults.csproj service-defaults/
COPY grain-interfaces/GoChat.GrainInterfaces.csproj grain-interfaces/
COPY files/GoChat.Files.csproj files/
COPY broadcasts/GoChat.Broadcasts.csproj broadcasts/
COPY gateway/GoChat.Gateway.csproj gateway/
RUN dotnet restore gateway/GoChat.Gateway.csproj -a $TARGETARCH
COPY service-defaults/ service-defaults/
COPY grain-interfaces/ grain-interfaces/
COPY files/ files/
COPY broadcasts/ broadcasts/
COPY gateway/ gateway/
# The csproj publishes whatever is in gateway/wwwroot; npm already ran in the web stage, so skip it here.
COPY --from=web /src/gateway/wwwroot gateway/wwwroot/
RUN dotnet publish gateway/GoChat.Gateway.csproj -c Release -a $TARGETARCH --no-restore \
      -p:SkipWebClientBuild=true -p:UseAppHost=false -o /app \
 && test -f /app/wwwroot/index.html
# The visible mark on a protected broadcast's pictures is drawn in DejaVu Sans; the chiseled image below has no fonts.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-dejavu-core >/dev/null \
 && mkdir -p /app/fonts && cp /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /app/fonts/

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled
WORKDIR /app
COPY --from=build /app .
ENV Urls=http://+:8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "GoChat.Gateway.dll"]
