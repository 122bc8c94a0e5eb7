# syntax=docker/dockerfile:1
# The Orleans silo (Silo project) as a container image: multi-stage, runs as the non-root "app" user (uid 1654).
# The build context is the repository root:
#   docker build -f infra/docker/silo.Dockerfile -t instagram-silo:dev .
# Equivalent to `dotnet publish Silo -c Release -t:PublishContainer` (Silo.csproj), which needs no Docker at all.
# Not built in this repository's CI (no Docker engine there); see infra/README.md.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused until a dependency changes.
COPY .editorconfig Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Silo/Silo.csproj Silo/
RUN dotnet restore Silo/Silo.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
RUN dotnet publish Silo/Silo.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime:${DOTNET_VERSION} AS final
# ffmpeg/ffprobe from the distribution: the media pipeline validates and transcodes videos with them (without them a
# video upload fails with a reason; images keep working).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The tiered JIT promotes a hot method only after 100 ms without new methods being compiled, a lull a silo taking
# traffic right after a restart does not have for seconds; promoting at once brought reads back to 80 % of warm in 6 s
# instead of 8-11 (cold-feed-read --restart-pid, tests/LoadTest/README.md), with the same warm rate.
ENV DOTNET_TC_CallCountingDelayMs=0
# The silo's runtimeconfig (Silo.csproj, TieredCompilationQuickJit) also turns off the JIT's unoptimized first tier, so
# the setting above only concerns the framework's precompiled code.
# 11111: silo-to-silo, 30000: gateway (clients). Orleans__SiloPort / Orleans__GatewayPort may move them.
EXPOSE 11111 30000
USER $APP_UID
ENTRYPOINT ["dotnet", "Instagram.Silo.dll"]
