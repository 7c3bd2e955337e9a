#!/usr/bin/env bash
# One entry point for a fresh Debian machine: installs what kds needs, then runs it.
#   ./run.sh demo [kds demo options]   install, then run the demo (connector, printers, two monitors)
#   ./run.sh test [pytest options]     install, then lint, type-check, import contracts and the test suite
#   ./run.sh kds ...                   install, then any kds subcommand
set -euo pipefail
cd "$(dirname "$0")"

# Every Debian package kds needs at run or test time, named even where this machine has it.
# "a|b": either name will do (Debian 13 renamed some libraries with a t64 suffix).
APT_PACKAGES=(
  python3 python3-venv
  # Qt offscreen runtime
  libgl1 libegl1 libfontconfig1 fonts-dejavu-core libxkbcommon0 libdbus-1-3 'libglib2.0-0|libglib2.0-0t64'
  # Qt in a real X window (Xvfb screenshots)
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0
  libxcb-shm0 libxcb-sync1 libxcb-render0 libxcb1 libx11-xcb1
  # QtMultimedia (sounds): Qt plays through a PulseAudio server (the sound test starts a
  # private one with a null sink)
  libpulse0 'libasound2|libasound2t64' pulseaudio
  # emoji and CJK glyphs in order text
  fonts-noto-color-emoji fonts-noto-cjk
  # USB printers (pyusb)
  libusb-1.0-0
)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

install_system_packages() {
  local missing=() entry name found
  for entry in "${APT_PACKAGES[@]}"; do
    found=""
    for name in ${entry//|/ }; do is_installed "$name" && found=1; done
    [ -n "$found" ] || missing+=("$entry")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    local install=()
    for entry in "${missing[@]}"; do
      for name in ${entry//|/ }; do
        if apt-cache show "$name" >/dev/null 2>&1; then install+=("$name"); break; fi
      done
    done
    echo "run.sh: installing Debian packages: ${install[*]}" >&2
    apt-get install -y -qq --no-install-recommends "${install[@]}" >/dev/null
  else
    echo "run.sh: missing Debian packages (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
}

install_python_env() {
  local stamp=.venv/.kds-installed
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check uv==0.13.9
    # uv installs 4-8x faster than pip; the lock pins every transitive dependency. Compiled
    # to bytecode once here: uv does not by default, and where PYTHONDONTWRITEBYTECODE is
    # set every process would compile pydantic, aiohttp and the rest again at each start.
    .venv/bin/uv pip install -q --python .venv/bin/python --compile-bytecode -r requirements.lock
    .venv/bin/uv pip install -q --python .venv/bin/python --no-deps -e .
    touch "$stamp"
  fi
}

# The screens' translations: PySide6's own lrelease compiles each Qt Linguist catalog that
# is newer than its .qm (the .qm files are checked in, made by scripts/update_translations.py,
# so a wheel builds without Qt; this keeps a hand-edited .ts in use).
compile_translations() {
  local ts qm
  for ts in resources/i18n/kds_*.ts; do
    qm="${ts%.ts}.qm"
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm"
    fi
  done
}

install_system_packages
install_python_env
compile_translations
# kds's own bytecode, brought up to date (a tenth of a second when it is): every process it
# starts (the app, the connector, the tests' children) then loads it instead of compiling.
.venv/bin/python -m compileall -q -j 0 kds printing >/dev/null
export ESCPOS_CAPABILITIES_PICKLE_DIR="${ESCPOS_CAPABILITIES_PICKLE_DIR:-$PWD/.venv/escpos-cache}"
mkdir -p "$ESCPOS_CAPABILITIES_PICKLE_DIR"

cmd="${1:-demo}"
shift || true
case "$cmd" in
  demo)
    exec .venv/bin/kds demo "$@"
    ;;
  test)
    export QT_QPA_PLATFORM=offscreen
    echo "== ruff" && .venv/bin/ruff check kds printing tests bench scripts
    echo "== ruff format" && .venv/bin/ruff format --check kds printing tests bench scripts
    echo "== mypy --strict" && .venv/bin/mypy --strict kds printing
    echo "== import contracts" && .venv/bin/lint-imports
    echo "== pytest" && exec .venv/bin/python -m pytest "$@"
    ;;
  kds)
    exec .venv/bin/kds "$@"
    ;;
  *)
    echo "usage: ./run.sh demo|test|kds [args]" >&2
    exit 2
    ;;
esac
