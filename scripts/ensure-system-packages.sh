#!/usr/bin/env bash
# Installs the Debian packages the project needs when they are missing:
# Pango and fonts for WeasyPrint's PDF rendering; with --browser, also Chromium
# for the web tests (Playwright drives it; no browser is downloaded at run time) and
# axe-core from the npm registry, as tests/browser/package-lock.json pins it (the
# browser test injects it into pages to check accessibility).
set -euo pipefail

missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz.so' || missing+=(libharfbuzz0b)
# Without the subsetting library WeasyPrint warns on import, and tests treat warnings as errors.
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing+=(libharfbuzz-subset0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
if [ "${1:-}" = "--browser" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
fi

BROWSER_TESTS="$(cd "$(dirname "$0")/../tests/browser" && pwd)"
install_axe() {
  if [ "${1:-}" = "--browser" ] && [ ! -f "$BROWSER_TESTS/node_modules/axe-core/axe.min.js" ]; then
    echo "installing axe-core (tests/browser/package-lock.json)"
    npm ci --prefix "$BROWSER_TESTS" --no-audit --no-fund --loglevel=error
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_axe "${1:-}"
  exit 0
fi
echo "installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_axe "${1:-}"
