#!/usr/bin/env bash
# Deploys the Cluster profile to the cluster of the current kubectl context (AKS or any Kubernetes >= 1.27).
#
#   REGISTRY=myregistry.azurecr.io IMAGE_TAG=<tag> infra/k8s/deploy.sh dev|prod
#
# Needs kubectl (with its built-in kustomize) and, in namespace instagram-<overlay>, the Secret "instagram-secrets"
# (see examples/secret.example.yaml). Steps:
#   1. the namespace; stop with a hint when the Secret is missing
#   2. ConfigMap "instagram-schema-sql" from infra/sql/*.sql (kustomize cannot read files outside infra/k8s)
#   3. everything except the silo and Api Deployments, including a fresh schema Job; wait for the Job
#   4. the Deployments, then wait for both rollouts
# Environment: REGISTRY (required), IMAGE_TAG (required), SCHEMA_IMAGE (default postgres:17-alpine),
#              TIMEOUT (rollout wait, default 15m).
set -euo pipefail

overlay="${1:-}"
[[ "$overlay" == dev || "$overlay" == prod ]] || { echo "usage: REGISTRY=... IMAGE_TAG=... $0 dev|prod" >&2; exit 2; }
: "${REGISTRY:?set REGISTRY, e.g. myregistry.azurecr.io}"
: "${IMAGE_TAG:?set IMAGE_TAG to the tag you pushed}"
SCHEMA_IMAGE="${SCHEMA_IMAGE:-postgres:17-alpine}"
TIMEOUT="${TIMEOUT:-15m}"

here="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(cd -- "$here/../.." && pwd -P)"
ns="instagram-$overlay"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A throwaway kustomization on top of the overlay that points the images at $REGISTRY:$IMAGE_TAG.
# (kustomize accepts only relative paths to other kustomizations.)
rel="$(realpath --relative-to="$work" "$here/overlays/$overlay")"
cat >"$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - $rel
images:
  - name: instagram-silo
    newName: $REGISTRY/instagram-silo
    newTag: "$IMAGE_TAG"
  - name: instagram-api
    newName: $REGISTRY/instagram-api
    newTag: "$IMAGE_TAG"
  - name: postgres
    newName: ${SCHEMA_IMAGE%:*}
    newTag: "${SCHEMA_IMAGE##*:}"
YAML
kubectl kustomize "$work" >"$work/rendered.yaml"

echo "== namespace $ns" >&2
kubectl apply -f "$here/overlays/$overlay/namespace.yaml"
if ! kubectl -n "$ns" get secret instagram-secrets >/dev/null 2>&1; then
  echo "Secret instagram-secrets is missing in namespace $ns: create it first (infra/k8s/examples/secret.example.yaml)." >&2
  exit 1
fi

echo "== schema SQL from infra/sql" >&2
kubectl -n "$ns" create configmap instagram-schema-sql --from-file="$repo/infra/sql" \
  --dry-run=client -o yaml | kubectl apply -f -

echo "== configuration, RBAC, services and the schema job" >&2
kubectl -n "$ns" delete job instagram-schema --ignore-not-found --wait=true
kubectl apply -f "$work/rendered.yaml" -l 'app.kubernetes.io/component notin (silo,api)'
job_state() {
  kubectl -n "$ns" get job instagram-schema \
    -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}'
}
state=""
for _ in $(seq 1 130); do # the Job's own deadline is 600 s
  state="$(job_state)"
  [[ "$state" == *Complete* || "$state" == *Failed* ]] && break
  sleep 5
done
if [[ "$state" != *Complete* ]]; then
  kubectl -n "$ns" logs job/instagram-schema --tail=50 >&2 || true
  echo "the schema job did not complete (${state:-still running})" >&2
  exit 1
fi

echo "== silos and Api" >&2
kubectl apply -f "$work/rendered.yaml"
kubectl -n "$ns" rollout status deployment/instagram-silo --timeout="$TIMEOUT"
kubectl -n "$ns" rollout status deployment/instagram-api --timeout="$TIMEOUT"
echo "deployed $IMAGE_TAG to namespace $ns" >&2
