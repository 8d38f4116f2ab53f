#!/usr/bin/env bash
# Copies the front-end libraries from node_modules into static/vendor (served by
# the binary) and axe-core into tests/vendor (browser tests only). Run after
# changing versions in package.json: npm ci && scripts/vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
v=static/vendor
rm -rf "$v" && mkdir -p "$v/htmx" "$v/leaflet" "$v/markercluster" tests/vendor
cp node_modules/htmx.org/dist/htmx.min.js node_modules/htmx.org/LICENSE "$v/htmx/"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/LICENSE "$v/leaflet/"
cp -r node_modules/leaflet/dist/images "$v/leaflet/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css \
   node_modules/leaflet.markercluster/MIT-LICENCE.txt "$v/markercluster/"
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE tests/vendor/
for p in htmx.org leaflet leaflet.markercluster axe-core; do
  printf '%s %s\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"
done > "$v/VERSIONS"
