#!/usr/bin/env bash
# Regenerate the committed contract artifacts from the code:
#   openapi/openapi.json  (prm-api openapi)
#   sdk/python            (openapi-python-client, configured by sdk/openapi-python-client.yaml;
#                          its README.md rendered from sdk/templates/README.md.jinja)
# Regeneration rewrites the generated files only: the hand-written helpers beside them
# (sdk/python/prm_api_client_extras) are kept, and setup.py's find_packages() ships them too.
# tests/contract/test_openapi_drift.py and test_sdk_drift.py fail until this has been run and
# its output committed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Prefer the project's virtualenv; fall back to whatever is on PATH.
if [[ -x .venv/bin/prm-api ]]; then
    export PATH="$root/.venv/bin:$PATH"
fi
for tool in prm-api openapi-python-client ruff; do
    command -v "$tool" >/dev/null || {
        echo "error: $tool not found; install the project with: pip install -e '.[test]'" >&2
        exit 1
    }
done

prm-api openapi --output openapi/openapi.json
openapi-python-client generate \
    --path openapi/openapi.json \
    --config sdk/openapi-python-client.yaml \
    --meta setup \
    --custom-template-path sdk/templates \
    --output-path sdk/python \
    --overwrite \
    --fail-on-warning
rm -rf sdk/python/.ruff_cache
echo "wrote sdk/python"
