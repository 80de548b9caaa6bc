#!/usr/bin/env bash
# Install the auditor from the action's checkout into a virtual environment of its
# own (under $RUNNER_TEMP), and give its `auditor` and `python` as step outputs.
# PYTHON is the interpreter actions/setup-python installed.
set -euo pipefail

venv="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/auditor-venv"
"${PYTHON:-python3}" -m venv "$venv"
bin="$venv/bin"
[ -d "$bin" ] || bin="$venv/Scripts"  # Windows runners
"$bin/python" -m pip install --quiet --disable-pip-version-check "$ACTION_PATH"
if [ -n "${GITHUB_OUTPUT:-}" ]; then
    echo "auditor=$bin/auditor" >> "$GITHUB_OUTPUT"
    echo "python=$bin/python" >> "$GITHUB_OUTPUT"
fi
