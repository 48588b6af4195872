#!/usr/bin/env bash
# Installs what the leaflet's browser tests need, when it is missing: Chromium from Debian and
# axe-core from the npm registry (vendored into var/browser-tools/, never fetched by the service).
# Idempotent and quiet when everything is present. Used by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.10.3
TOOLS=var/browser-tools

if ! command -v chromium >/dev/null 2>&1; then
    echo "browser: installing chromium (Debian)"
    SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium \
        >/dev/null
fi

if [[ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ]] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" "$TOOLS/node_modules/axe-core/package.json"; then
    echo "browser: installing axe-core $AXE_VERSION (npm)"
    command -v npm >/dev/null 2>&1 || {
        SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
    }
    mkdir -p "$TOOLS"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS" "axe-core@$AXE_VERSION" \
        2> >(grep -v 'Unknown user config' >&2)
fi
echo "browser: $(chromium --version 2>/dev/null | head -1); axe-core $AXE_VERSION"
