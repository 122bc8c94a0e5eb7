# syntax=docker/dockerfile:1
# The Api (ASP.NET Core, Orleans cluster client) as a container image: multi-stage, runs as the non-root "app" user
# (uid 1654), listens on 8080. The build context is the repository root:
#   docker build -f infra/docker/api.Dockerfile -t instagram-api:dev .
# Equivalent to `dotnet publish Api -c Release -t:PublishContainer` (Api.csproj), which needs no Docker at all.
# Not built in this repository's CI (no Docker engine there); see infra/README.md.
ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
COPY .editorconfig Directory.Build.props Directory.Packages.props ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Silo/Silo.csproj Silo/
COPY Api/Api.csproj Api/
RUN dotnet restore Api/Api.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Silo/ Silo/
COPY Api/ Api/
RUN dotnet publish Api/Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS final
# ffmpeg/ffprobe from the distribution: the media pipeline validates and transcodes videos with them (without them a
# video upload fails with a reason; images keep working).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Instagram.Api.dll"]
