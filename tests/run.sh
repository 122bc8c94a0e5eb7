#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs Chromium and ffmpeg if missing, starts PostgreSQL, Redis and
# Azurite (installing them if missing),
# runs every test project, stops the services again, and ends with the line "N passed, N failed".
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
results="$repo/TestResults"
rm -rf "$results"

# Test data need not survive a power cut: skip waiting for the WAL flush on each commit.
export PG_EXTRA_OPTS="${PG_EXTRA_OPTS:--c synchronous_commit=off}"
# The browser tests (tests/Web.Tests) drive Debian's Chromium: Playwright's own browser download is not reachable.
# The video tests (Category=Video) make clips with Debian's ffmpeg, which the pipeline itself runs too.
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/ffmpeg ]]; then
  echo "== Installing Chromium for the browser tests and ffmpeg for the video pipeline" >&2
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-liberation ffmpeg; } >&2; then
    echo "Could not install Chromium and ffmpeg; see the messages above." >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

echo "== Starting local services (infra/local/services.sh up)" >&2
if ! services_env="$(bash infra/local/services.sh up)"; then
  echo "Could not start the local services; see the messages above." >&2
  echo "0 passed, 1 failed"
  exit 1
fi
while IFS= read -r line; do
  [[ "$line" == *=* ]] && export "$line"
done <<< "$services_env"

echo "== Building and running the tests" >&2
dotnet test Instagram.Orleans.sln -c Release --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=true
status=$?

echo "== Stopping local services" >&2
bash infra/local/services.sh down >&2 || true

# dotnet test's own summary is per project; CI wants one closing line for the whole run.
passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<< "$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<< "$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  failed=1 # the run broke before reporting (build error, crash): never report it as green
fi
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 ]]
