#!/usr/bin/env bash
# Runs a command against a real PostgreSQL server on loopback: installs Debian's
# postgresql when missing, starts its cluster, makes a throwaway superuser, and
# exports AUDITOR_TEST_POSTGRES_URL for the web tests (each test app gets its own
# database there). Used by .ci/run:  scripts/with-postgres.sh .venv/bin/python -m pytest tests/test_web.py
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing PostgreSQL"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql
fi
$SUDO service postgresql start >/dev/null
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1
done
if [ -z "$SUDO" ]; then as_postgres=(su postgres -c); else as_postgres=(sudo -u postgres sh -c); fi
# From /, which the postgres user can enter (it cannot always enter the checkout).
(cd / && "${as_postgres[@]}" "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'auditor_ci'\" | grep -q 1 \
  || psql -q -c \"CREATE ROLE auditor_ci LOGIN SUPERUSER PASSWORD 'auditor_ci'\"")
export AUDITOR_TEST_POSTGRES_URL="postgresql+psycopg://auditor_ci:auditor_ci@127.0.0.1:5432/postgres"
"$@"
