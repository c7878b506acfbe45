#!/usr/bin/env bash
# Builds the same posts with the devopsvision CLI and with Hugo, side by side in one run, and prints the median
# wall time, the peak memory and the ratios. Installs nothing: it needs hugo, hyperfine and GNU time
# (Debian: apt-get install hugo hyperfine time) and the .NET SDK.
#
#   benchmarks/site-vs-hugo.sh [sets...]
#
# A set is "18f" (the 18F corpus in tests/corpus) or a number of synthetic posts (the benchmark project's
# generator, about 800 words each). Default: 18f 1000 10000. RUNS (default 5) sets the timed runs per tool;
# WORK (default a new temporary folder) keeps the generated sites.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(18f 1000 10000)

for tool in hugo hyperfine /usr/bin/time dotnet; do
  command -v "$tool" > /dev/null || { echo "site-vs-hugo: '$tool' is missing (Debian: apt-get install hugo hyperfine time)" >&2; exit 2; }
done

work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"
echo "work folder: $work"

# The CLI as a user would install it: Release, ReadyToRun (set in its project for publishing).
cli="$work/cli"
dotnet publish "$root/samples/DevOpsVision.Samples.Cli" -c Release -r linux-x64 -o "$cli" --nologo -v quiet > "$work/publish.log" \
  || { cat "$work/publish.log" >&2; exit 1; }

# A minimal Hugo site: one layout printing title, date, categories and content; a list layout for the home, section
# and taxonomy pages; Hugo's default RSS feeds and sitemap.
make_hugo_site() {
  local site="$1"
  mkdir -p "$site/content/posts" "$site/layouts/_default"
  cat > "$site/config.toml" << 'EOF'
baseURL = "https://example.org/"
title = "Benchmark"
EOF
  cat > "$site/layouts/_default/single.html" << 'EOF'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time><ul>{{ range .Params.categories }}<li>{{ . }}</li>{{ end }}</ul>{{ .Content }}</article></body></html>
EOF
  cat > "$site/layouts/_default/list.html" << 'EOF'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></body></html>
EOF
}

# Median of the peak resident set size (KB) over RUNS runs of a command, each over the previous build's folder.
peak_kb() {
  local values=() file
  file="$(mktemp)"
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$file" -f '%M' "$@" > /dev/null 2>&1 || true
    values+=("$(tail -n 1 "$file")")
    sync
  done
  rm -f "$file"
  printf '%s\n' "${values[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

summary=()
for set in "${sets[@]}"; do
  content="$work/$set/posts"
  site="$work/$set/hugo"
  if [ ! -d "$content" ]; then
    mkdir -p "$content"
    if [ "$set" = 18f ]; then
      cp "$root"/tests/corpus/18f-blog/posts/*.md "$content/"
    else
      dotnet run -c Release --project "$root/benchmarks/DevOpsVision.Blogging.Benchmarks" -- generate "$work/$set" "$set" > /dev/null
    fi

    make_hugo_site "$site"
    cp "$content"/*.md "$site/content/posts/"
    # Hugo reads {{< >}} and {{% %}} in Markdown as its shortcodes and stops at unknown ones; these posts are
    # Jekyll's, so escape them to the literal text the CLI writes too.
    sed -i 's/{{\([<%]\)/{{\/*\1/g; s/\([>%]\)}}/\1*\/}}/g' "$site/content/posts/"*.md
  fi

  posts=$(find "$content" -name '*.md' | wc -l)
  dv_out="$work/$set/out-devopsvision"
  hugo_out="$work/$set/out-hugo"
  dv=("$cli/devopsvision" build --content "$content" --output "$dv_out" --base-url https://example.org/)
  hg=(hugo --source "$site" --destination "$hugo_out" --quiet)

  echo
  echo "== $set: $posts posts"
  # Two ways a site is built: into an empty folder (rm -rf first, which also makes the file system reuse
  # just-freed inodes, a cost both tools pay) and over the previous build's folder. Before every run, sync: the
  # last run's writes are flushed then, not during the next tool's run.
  hyperfine --warmup 1 --runs "$runs" -N -i --export-json "$work/$set/fresh.json" \
    --prepare "sh -c 'rm -rf $dv_out && sync'" -n "devopsvision, empty folder" "${dv[*]}" \
    --prepare "sh -c 'rm -rf $hugo_out && sync'" -n "hugo, empty folder" "${hg[*]}" | grep -E 'Benchmark|Time|Range'
  hyperfine --warmup 1 --runs "$runs" -N -i --export-json "$work/$set/over.json" --prepare sync \
    -n "devopsvision, over the last build" "${dv[*]}" \
    -n "hugo, over the last build" "${hg[*]}" | grep -E 'Benchmark|Time|Range'
  read -r dv_fresh hugo_fresh dv_over hugo_over < <(python3 -c "
import json, statistics, sys
for f in sys.argv[1:]:
    for x in json.load(open(f))['results']:
        print(round(statistics.median(x['times']) * 1000), end=' ')
print()" "$work/$set/fresh.json" "$work/$set/over.json")
  dv_kb=$(peak_kb "${dv[@]}")
  hugo_kb=$(peak_kb "${hg[@]}")
  dv_files=$(find "$dv_out" -type f | wc -l)
  hugo_files=$(find "$hugo_out" -type f | wc -l)
  line=$(python3 -c "
import sys
s, n, d, h, do, ho, dk, hk, df, hf = sys.argv[1:]
d, h, do, ho, dk, hk = int(d), int(h), int(do), int(ho), int(dk), int(hk)
print(f'| {s} | {n} | {d / 1000:.2f} s / {h / 1000:.2f} s ({d / h:.2f}) | {do / 1000:.2f} s / {ho / 1000:.2f} s ({do / ho:.2f}) | {dk / 1024:.0f} MB / {hk / 1024:.0f} MB ({dk / hk:.2f}) | {df} / {hf} |')
" "$set" "$posts" "$dv_fresh" "$hugo_fresh" "$dv_over" "$hugo_over" "$dv_kb" "$hugo_kb" "$dv_files" "$hugo_files")
  summary+=("$line")
done

echo
echo "| set | posts | median wall time, empty folder: devopsvision / Hugo (ratio) | over the last build | peak memory (ratio) | files written |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
