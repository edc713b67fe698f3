#!/usr/bin/env bash
# Refresh the Swagger UI and ReDoc bundles served by /docs and /redoc (src/prm_api/static)
# from their npm packages. Usage: scripts/update_docs_assets.sh [SWAGGER_UI_VERSION] [REDOC_VERSION]
set -euo pipefail
cd "$(dirname "$0")/.."
swagger="swagger-ui-dist@${1:-5}"
redoc="redoc@${2:-2}"
dest=src/prm_api/static
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$swagger" "$redoc" >/dev/null)
mkdir -p "$work/swagger" "$work/redoc"
tar -xzf "$work"/swagger-ui-dist-*.tgz -C "$work/swagger" --strip-components=1
tar -xzf "$work"/redoc-*.tgz -C "$work/redoc" --strip-components=1
cp "$work/swagger/swagger-ui-bundle.js" "$work/swagger/swagger-ui-bundle.js.LICENSE.txt" \
  "$work/swagger/swagger-ui.css" "$dest/"
cp "$work/swagger/favicon-32x32.png" "$dest/favicon.png"
cp "$work/swagger/LICENSE" "$dest/swagger-ui.LICENSE"
cp "$work/swagger/NOTICE" "$dest/swagger-ui.NOTICE"
cp "$work/redoc/bundles/redoc.standalone.js" "$work/redoc/bundles/redoc.standalone.js.LICENSE.txt" \
  "$dest/"
cp "$work/redoc/LICENSE" "$dest/redoc.LICENSE"
echo "swagger-ui-dist $(node -p "require('$work/swagger/package.json').version")," \
  "redoc $(node -p "require('$work/redoc/package.json').version"): update $dest/README.md"
