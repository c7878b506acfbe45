#!/usr/bin/env bash
# Load figures for the web sample: wrk (Debian's `wrk`) from a second process on loopback against the home
# page, a post, a feed and a search, first steady, then while a post is rewritten every half second (each
# rewrite reloads the blog). During the second run a checker fetches the post continuously: every response
# must be a 200 with a whole page. Usage: bash samples/DevOpsVision.Samples.Web/load-test.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }

work=$(mktemp -d)
cp -r samples/content/posts "$work/posts"
post="$work/posts/2019-09-15-effective-devops.md"
cp "$post" "$work/base.md"
port=5089
dotnet build -c Release samples/DevOpsVision.Samples.Web -v quiet -nologo >/dev/null
dotnet samples/DevOpsVision.Samples.Web/bin/Release/net10.0/DevOpsVision.Samples.Web.dll \
  --urls "http://127.0.0.1:$port" --Blog:ContentPath="$work/posts" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.2; done

run() {
  for path in "/" "/posts/effective-devops/" "/feed.xml" "/api/search?q=autonomous+teams"; do
    out=$(wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$port$path" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
    echo "| $1 | \`$path\` | $rps | $p99 | ${errors:-none} |"
  done
}

echo "| content | path | requests/s | p99 | errors |"
echo "|---|---|---|---|---|"
run steady

touch "$work/reloading"
( i=0; while [ -f "$work/reloading" ]; do i=$((i + 1))
    { cat "$work/base.md"; printf '\nReload marker %s.\n' "$i"; } > "$work/next.md"; mv "$work/next.md" "$post"; sleep 0.5; done ) &
( whole=0; bad=0; while [ -f "$work/reloading" ]; do
    body=$(curl -s -w '\n%{http_code}' "http://127.0.0.1:$port/posts/effective-devops/")
    if [ "$(tail -n1 <<<"$body")" = 200 ] && grep -q "</html>" <<<"$body" && [ "$(grep -c 'Reload marker' <<<"$body")" -le 1 ]; then whole=$((whole + 1)); else bad=$((bad + 1)); fi
  done; echo "$whole $bad" > "$work/checker" ) &
run "reloading every 0.5 s"
rm "$work/reloading"
sleep 1
read -r whole bad < "$work/checker"
echo
echo "reloads during the run: $(grep -c 'Blog content changed' "$work/server.log"); post fetched whole: $whole, torn or failed: $bad"
[ "$bad" -eq 0 ]
