# syntax=docker/dockerfile:1
# The silo image. Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t REGISTRY/gochat-silo:VERSION .
# `docker run IMAGE migrate` applies the schema and exits (the Kubernetes schema job).
ARG DOTNET_VERSION=10.0

# The SDK runs on the build machine's own architecture and cross-publishes for the target one.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG TARGETARCH
WORKDIR /src
# Project files alone first: the restore layer survives every source edit.
COPY Directory.Build.props Directory.Packages.props ./
COPY service-defaults/GoChat.ServiceDefaults.csproj service-defaults/
COPY grain-interfaces/GoChat.GrainInterfaces.csproj grain-interfaces/
COPY files/GoChat.Files.csproj files/
COPY broadcasts/GoChat.Broadcasts.csproj broadcasts/
COPY grains/GoChat.Grains.csproj grains/
COPY gateway/GoChat.Gateway.csproj gateway/
COPY silo/GoChat.Silo.csproj silo/
RUN dotnet restore silo/GoChat.Silo.csproj -a $TARGETARCH
COPY service-defaults/ service-defaults/
COPY grain-interfaces/ grain-interfaces/
COPY files/ files/
COPY broadcasts/ broadcasts/
COPY grains/ grains/
COPY gateway/ gateway/
COPY silo/ silo/
# Embedded into GoChat.Grains: the migrate command carries the schema with it.
COPY db/migrations/ db/migrations/
# The silo links the gateway's code for one-node installs (Silo:HostGateway) but never serves the web client here.
RUN dotnet publish silo/GoChat.Silo.csproj -c Release -a $TARGETARCH --no-restore \
      -p:SkipWebClientBuild=true -p:UseAppHost=false -o /app

# Chiseled: no shell, no package manager, already the non-root user "app" (uid 1654). InvariantGlobalization
# is on, so the image needs no ICU.
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION}-noble-chiseled
WORKDIR /app
COPY --from=build /app .
# appsettings.json binds loopback for local runs; an unprefixed Urls outranks it (ASPNETCORE_URLS would not).
ENV Urls=http://+:8080
EXPOSE 8080 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "GoChat.Silo.dll"]
