#!/bin/sh
# The status page's browser test (StatusPageBrowserTest) drives Debian's Chromium headless. This prints its path,
# installing the package first where it is missing and this runs as root with apt-get (CI containers); else it says
# why not and exits 1, and the test is skipped with that message.
set -eu
found() {
    for name in chromium chromium-browser; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
    done
    return 1
}
if found; then
    exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Chromium is not installed, and installing it needs root and apt-get: apt-get install -y chromium" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq chromium >&2 || { apt-get update -qq >&2 && apt-get install -y -qq chromium >&2; }
found || { echo "apt-get installed chromium, but no chromium command is on the PATH" >&2; exit 1; }
