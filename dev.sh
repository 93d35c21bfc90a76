#!/usr/bin/env bash
# One entry point for a fresh clone:  ./dev.sh demo       (the demo hall: center, devices and client)
#                                      ./dev.sh demo stop  (stop the demo's center and devices)
#                                      ./dev.sh test       (run the whole test suite)
# Each creates .venv and installs the project's dependencies first if needed.
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    touch "$stamp"
fi

case "${1:-}" in
    demo)
        shift
        exec .venv/bin/python main.py demo "$@"
        ;;
    test)
        shift
        export QT_QPA_PLATFORM=offscreen
        .venv/bin/ruff check .
        .venv/bin/mypy  # app/, db/ and ui/, as [tool.mypy] in pyproject.toml says
        # One test process per core (pytest-xdist): every test makes its own store, schema and port.
        exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
        ;;
    *)
        echo "usage: ./dev.sh demo [stop] | test" >&2
        exit 64
        ;;
esac
