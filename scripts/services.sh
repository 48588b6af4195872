#!/usr/bin/env bash
# Make sure PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) answer, starting them if needed.
# Fails loudly when they cannot be started: the scaled-mode tests never silently skip.
set -euo pipefail
PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432}
REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379}

wait_for() {  # name, check command...
    local name=$1; shift
    for _ in $(seq 1 30); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
    echo "services: $name did not come up" >&2; return 1
}

if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null || { echo "services: PostgreSQL is not installed" >&2; exit 1; }
    echo "services: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start
    wait_for PostgreSQL pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
fi
if ! redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
    command -v redis-server >/dev/null || { echo "services: Redis is not installed" >&2; exit 1; }
    echo "services: starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
        --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    wait_for Redis sh -c "redis-cli -h $REDIS_HOST -p $REDIS_PORT ping | grep -q PONG"
fi
echo "services: PostgreSQL and Redis are up"
