#!/usr/bin/env bash
# Install everything the test suite needs on a fresh machine, then run it.
# Used by developers and by CI (.ci/run calls exactly this).  Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}

# Python side: a project virtualenv with kg and its test dependencies.
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# System side: a real browser for the HTML view tests (Debian's chromium) and CJK fonts
# so Chinese is not drawn as boxes.  Installed only when missing.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        chromium fonts-noto-cjk >/dev/null
fi

# jieba caches its dictionary in one shared /tmp file by default; kg keeps its own cache.
export KG_CACHE_DIR="${KG_CACHE_DIR:-$PWD/.venv/kg-cache}"
exec .venv/bin/python -m pytest "$@"
