# Shared by scripts/serve, scripts/test and scripts/bench: install what is missing.
# Sourced, not run. Every step is idempotent and quick when nothing is missing.

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export UV_PYTHON_DOWNLOADS=never
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >&2
}

ensure_python() {
  if ! command -v uv >/dev/null 2>&1; then
    echo "• installing uv" >&2
    python3 -m pip install --quiet uv >&2
  fi
  (cd "$top" && uv sync --locked --quiet)
}

ensure_node() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "• installing Node.js" >&2
    apt_install nodejs npm
  fi
  # Exactly what is locked: `npm ci` never writes package-lock.json (the lock holds every
  # platform's optional packages, so it installs on any machine).
  if [ ! -d "$top/pwa/node_modules" ] || [ "$top/pwa/package-lock.json" -nt "$top/pwa/node_modules/.package-lock.json" ]; then
    echo "• installing the PWA's packages" >&2
    (cd "$top/pwa" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

build_pwa() {
  ensure_node
  local stamp="$top/pwa/dist/index.html"
  if [ ! -f "$stamp" ] || [ -n "$(find "$top/pwa/src" "$top/pwa/index.html" "$top/pwa/vite.config.ts" "$top/pwa/public" -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
    echo "• building the PWA" >&2
    (cd "$top/pwa" && npm run --silent build >&2)
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "• installing Chromium" >&2
    apt_install chromium
  fi
}
