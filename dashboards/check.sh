#!/usr/bin/env bash
# Proves every dashboard panel's PromQL and the alert rules against a real Prometheus (Debian's `prometheus`):
# scrapes a running `repro up` (or worker) on 127.0.0.1:9464 that has trained something, then evaluates each panel
# expression and fails when one returns no series. Usage: dashboards/check.sh [METRICS_HOST:PORT [DASHBOARD_JSON]]
# Prometheus listens on a free loopback port (PROMETHEUS_PORT to choose one). The test suite runs this script.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:-127.0.0.1:9464}"
dashboard="${2:-$here/grafana/cosine-repro.json}"
port="${PROMETHEUS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
work="$(mktemp -d)"
trap 'kill "${prom:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
promtool check rules "$here/prometheus/alerts.yml"
sed -e "s/scrape_interval: 15s/scrape_interval: 1s/" -e "s/127.0.0.1:9464/$target/" \
  "$here/prometheus/prometheus.yml" > "$work/prometheus.yml"
cp "$here/prometheus/alerts.yml" "$work/"
promtool check config "$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prom=$!
sleep 8
failed=0
python3 - "$dashboard" <<'PY' > "$work/exprs"
import json, sys
for panel in json.load(open(sys.argv[1]))["panels"]:
    for target in panel["targets"]:
        print(panel["title"] + "\t" + target["expr"])
PY
[ -s "$work/exprs" ] || { echo "no panel queries in $dashboard"; exit 1; }
while IFS=$'\t' read -r title expr; do
  n=$(curl -s --get --data-urlencode "query=$expr" "http://127.0.0.1:$port/api/v1/query" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["data"]["result"]) if d["status"]=="success" else -1)' || echo -1)
  printf '%-50s %s series\n' "$title" "$n"
  if ! [ "${n:--1}" -gt 0 ] 2>/dev/null; then failed=1; fi
done < "$work/exprs"
exit $failed
