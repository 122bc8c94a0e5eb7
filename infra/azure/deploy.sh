#!/usr/bin/env bash
# Builds the silo and Api images, pushes them to the deployment's registry, and deploys main.bicep in three stages
# (foundation -> schema job, which it runs and waits for -> silos and Api). Safe to re-run: every step is idempotent.
#
#   RESOURCE_GROUP=rg-instagram-dev LOCATION=westeurope \
#   POSTGRES_ADMIN_PASSWORD=... POSTGRES_APP_PASSWORD=... JWT_SIGNING_KEY=... infra/azure/deploy.sh dev|prod
#
# Needs: az (logged in: az login; az account set -s <subscription>), the .NET 10 SDK. No Docker: images are built
# and pushed by `dotnet publish -t:PublishContainer`.
# Environment:
#   RESOURCE_GROUP           required; created in LOCATION when it does not exist
#   LOCATION                 required only to create the resource group
#   POSTGRES_ADMIN_PASSWORD  required (>= 12 chars); becomes Key Vault secret postgres-password (schema job only)
#   POSTGRES_APP_PASSWORD    required (>= 12 chars); the apps' least-privilege role instagram_app: Key Vault secrets
#                            postgres-app-password (the schema job sets it on the role) and postgres-connection-string
#   JWT_SIGNING_KEY          required (>= 32 chars); becomes Key Vault secret jwt-signing-key
#   IMAGE_TAG                default: the git commit (short sha), plus -dirty for uncommitted changes
#   SKIP_BUILD=1             deploy images already pushed under IMAGE_TAG
set -euo pipefail

env_name="${1:-}"
here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(cd -- "$here/../.." && pwd -P)"
param_file="$here/$env_name.bicepparam"
[[ -n "$env_name" && -f "$param_file" ]] || { echo "usage: $0 dev|prod (a .bicepparam in infra/azure)" >&2; exit 2; }
: "${RESOURCE_GROUP:?set RESOURCE_GROUP}"
: "${POSTGRES_ADMIN_PASSWORD:?set POSTGRES_ADMIN_PASSWORD (>= 12 characters)}"
: "${POSTGRES_APP_PASSWORD:?set POSTGRES_APP_PASSWORD (>= 12 characters, e.g. openssl rand -base64 24; keep it)}"
: "${JWT_SIGNING_KEY:?set JWT_SIGNING_KEY (>= 32 characters, e.g. openssl rand -base64 48)}"
export POSTGRES_ADMIN_PASSWORD POSTGRES_APP_PASSWORD JWT_SIGNING_KEY

if [[ -z "${IMAGE_TAG:-}" ]]; then
  IMAGE_TAG="$(git -C "$repo" rev-parse --short=12 HEAD 2>/dev/null || date -u +%Y%m%d%H%M%S)"
  [[ -z "$(git -C "$repo" status --porcelain 2>/dev/null)" ]] || IMAGE_TAG="$IMAGE_TAG-dirty-$(date -u +%H%M%S)"
fi
export IMAGE_TAG

log() { printf '== %s\n' "$*" >&2; }

# Deploys one stage and prints nothing; outputs are read back with output().
deploy() {
  log "deployment stage '$1' ($env_name, image tag $IMAGE_TAG)"
  DEPLOY_STAGE="$1" az deployment group create \
    --resource-group "$RESOURCE_GROUP" \
    --name "instagram-$env_name-$1" \
    --parameters "$param_file" \
    --output none
}
output() {
  az deployment group show --resource-group "$RESOURCE_GROUP" --name "instagram-$env_name-$1" \
    --query "properties.outputs.$2.value" --output tsv
}

if [[ "$(az group exists --name "$RESOURCE_GROUP")" != true ]]; then
  : "${LOCATION:?resource group $RESOURCE_GROUP does not exist: set LOCATION to create it}"
  log "creating resource group $RESOURCE_GROUP in $LOCATION"
  az group create --name "$RESOURCE_GROUP" --location "$LOCATION" --output none
fi

# 1. Network, monitoring, identity, registry, storage, PostgreSQL, Redis, Key Vault, the two environments.
deploy foundation
registry="$(output foundation registryName)"
login_server="$(output foundation registryLoginServer)"

# The schema job's psql image, copied into our registry (pulled with the managed identity, no Docker Hub limits).
log "importing postgres:17-alpine into $registry"
az acr import --name "$registry" --source docker.io/library/postgres:17-alpine --image postgres:17-alpine \
  --force --output none

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  log "building and pushing $login_server/instagram-silo:$IMAGE_TAG and instagram-api:$IMAGE_TAG"
  DOTNET_CONTAINER_REGISTRY_UNAME="00000000-0000-0000-0000-000000000000"
  DOTNET_CONTAINER_REGISTRY_PWORD="$(az acr login --name "$registry" --expose-token --query accessToken --output tsv)"
  export DOTNET_CONTAINER_REGISTRY_UNAME DOTNET_CONTAINER_REGISTRY_PWORD
  for project in Silo Api; do
    dotnet publish "$repo/$project" -c Release -t:PublishContainer \
      -p:ContainerRegistry="$login_server" -p:ContainerImageTag="$IMAGE_TAG"
  done
fi

# Key Vault is private (no public endpoint): the secrets above were written through Azure Resource Manager, which the
# vault's network rules do not apply to, so this script never needs a network path to the vault.

# 2. The schema job, then run it and wait: the silos need the Orleans tables (and their database role) before they start.
deploy schema
job="$(output schema schemaJobName)"
log "running schema job $job"
execution="$(az containerapp job start --resource-group "$RESOURCE_GROUP" --name "$job" --query name --output tsv)"
status=""
for _ in $(seq 1 120); do
  status="$(az containerapp job execution show --resource-group "$RESOURCE_GROUP" --name "$job" \
    --job-execution-name "$execution" --query properties.status --output tsv)"
  [[ "$status" == Succeeded || "$status" == Failed || "$status" == Stopped || "$status" == Degraded ]] && break
  sleep 5
done
if [[ "$status" != Succeeded ]]; then
  echo "schema job execution $execution ended as '${status:-unknown}'; its logs are in Log Analytics" \
    "(ContainerAppConsoleLogs_CL, ContainerJobName_s == '$job')." >&2
  exit 1
fi

# 3. Silos and Api.
deploy apps
api_url="$(output apps apiUrl)"
log "done"
echo "Api:            $api_url"
echo "API reference:  $api_url/scalar/v1"
echo "Registry:       $login_server"
echo "Silo apps:      $(output apps siloAppNames | tr '\n\t' '  ')"
echo "Dashboard zone: $(output apps dashboardDomain) (internal environment; reachable from the VNet)"
