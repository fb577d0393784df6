#!/usr/bin/env bash
# Installs what KubeLab needs to build on Debian/Ubuntu, only when it is missing:
# pkg-config and libedit-dev (the line editor). Uses sudo when not root.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    if [ -x "$d/swift" ]; then export PATH="$d:$PATH"; break; fi
  done
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "error: no Swift toolchain found. Install Swift 6 from https://www.swift.org/install/linux/ and retry." >&2
  exit 1
fi

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libedit; }; then
  missing+=(libedit-dev)
fi
# The terminal tests drive kubelab under tmux: scripts/test asks for it with KUBELAB_TEST_DEPS=1.
if [ "${KUBELAB_TEST_DEPS:-0}" = 1 ] && ! command -v tmux >/dev/null 2>&1; then
  missing+=(tmux)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "Installing ${missing[*]} (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq "${missing[@]}" >&2
fi
