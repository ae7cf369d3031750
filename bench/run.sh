#!/usr/bin/env bash
# kb against its peers, in one run: what ./build.sh bench runs.
#
#   bash bench/run.sh                              the full run (about 45 minutes on 2 cores)
#   BENCH_RUNS=1 BENCH_SIZES=1000 bash bench/run.sh   a quick run (a few minutes)
#   bash bench/run.sh search                       only some parts: build, scaling,
#                                                  serve, search (any of them)
#
# 1. Installs what kb is compared against, from the registries: Hugo
#    (hugo_version below) built from the Go module proxy with go install
#    into $BENCH_WORK/hugo-VERSION/ (outside this repository's go.mod, kept
#    between runs), Debian's time and curl, npm's pagefind at the exact
#    version of bench/package-lock.json into bench/node_modules (npm ci).
# 2. Builds kb from this working tree and makes the corpora with
#    bench/corpus.sh (seed 1, so the same pages every time).
# 3. Full build: for each size, BENCH_RUNS runs of `kb build`, `hugo` on
#    bench/hugo/ over the same Markdown files, and `pagefind` over Hugo's
#    output, alternating which tool goes first run by run; wall time, CPU
#    time and peak memory from /usr/bin/time -v. After each fresh kb build,
#    a rebuild: kb build over the site the previous rebuild published (as
#    an editor's or a server's kb build runs), timed the same way.
# 4. Scaling: kb alone at the larger sizes of BENCH_KB_SIZES (its corpus
#    read once beforehand, untimed, so that the build reads it from the
#    page cache as the smaller sizes' timed runs do after their untimed
#    first build), with the search index's files and bytes at each size, and on the first run's
#    site a reader's cold visits to /sok/?q=… in headless Chromium, kb alone
#    (searchbench visit). Before each of these builds, a kb build at the
#    largest of BENCH_SIZES below it (its pair), so that the growth between
#    the two sizes is also measured on builds made a minute apart: on a
#    shared machine the load changes between the full builds and the
#    larger sizes, and CPU time with it (a 100,000-page build took 102 s
#    to 147 s of CPU within one hour).
# 5. One-file change: kb serve and hugo server, each watching its own copy of
#    the corpus, edited in turn, two kinds of edit (a paragraph added, the
#    title changed), each edit of another case study, the page open for
#    both servers (kb: its event stream held with the page's path, as
#    reload.js holds it; Hugo: the page requested before the edit, which
#    fast render mode counts as visited); the time from the write to the
#    served page holding the new text (bench/savebench: one process, one
#    keep-alive connection, a request every 2 ms). Then hugo server
#    --disableFastRender, and the Go benchmark BenchmarkSaveToReload.
# 6. Search: for each of BENCH_SIZES, BENCH_RUNS runs of `kb build` and then
#    pagefind over kb's site (not Hugo's: both engines index the same case
#    studies), timed; the size of both indexes on disk; and queries in
#    headless Chromium, kb's engine against Pagefind's (bench/searchbench).
#    Then search on real Swedish text: bench/svreal's pages made into a kb
#    project (go run ./bench/svreal), built by kb and indexed by pagefind,
#    and kb's known-item queries for them (bench/svreal/queries.tsv) through
#    both engines in Chromium (searchbench known).
# 7. Writes bench/RESULTS.md and bench/build-time.svg (bench/report).
#
# With parts named on the command line only those run, and the report goes
# to $BENCH_WORK/report/ (unless BENCH_OUT says otherwise), so that
# bench/RESULTS.md always comes from one full run.
#
# Settings (environment):
#   BENCH_RUNS        runs per tool and size (default 5)
#   BENCH_SIZES       corpus sizes for the comparison (default "1000 10000")
#   BENCH_KB_SIZES    further sizes for kb alone (default "100000" with the
#                     default sizes, else none)
#   BENCH_KB_RUNS     runs at those sizes (default 3, at most BENCH_RUNS)
#   BENCH_KB_LIMIT    seconds; a kb-only size whose first build takes longer
#                     is not run again (default 600: a 100,000-page build
#                     runs three times when it takes under ten minutes)
#   BENCH_SERVE       0 skips the one-file change (default 1)
#   BENCH_SERVE_SIZE  corpus size for it (default: the largest of BENCH_SIZES)
#   BENCH_EDITS       edits per server and kind of edit (default 10)
#   BENCH_EDITS_FULL  edits with hugo server --disableFastRender (default 3; 0 skips)
#   BENCH_WORK        scratch folder, corpora kept between runs
#                     (default ${TMPDIR:-/tmp}/kunskapsbanken-bench-run)
#   BENCH_OUT         where RESULTS.md and build-time.svg go (default bench/,
#                     or $BENCH_WORK/report when only some parts run)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
repo=$(pwd)

all_parts="build scaling serve search"
parts=${*:-$all_parts}
for p in $parts; do
	case " $all_parts " in
	*" $p "*) ;;
	*)
		echo "run.sh: no part $p (the parts: $all_parts)" >&2
		exit 2
		;;
	esac
done
part() { [[ " $parts " == *" $1 "* ]]; }

default_sizes="1000 10000"
runs=${BENCH_RUNS:-5}
sizes=${BENCH_SIZES:-$default_sizes}
if [ -z "${BENCH_SIZES+x}" ]; then
	kb_sizes=${BENCH_KB_SIZES-100000}
else
	kb_sizes=${BENCH_KB_SIZES-}
fi
kb_runs=${BENCH_KB_RUNS:-$((runs < 3 ? runs : 3))}
kb_limit=${BENCH_KB_LIMIT:-600}
serve=${BENCH_SERVE:-1}
largest=$(printf '%s\n' $sizes | sort -n | tail -n 1)
serve_size=${BENCH_SERVE_SIZE:-$largest}
edits=${BENCH_EDITS:-10}
edits_full=${BENCH_EDITS_FULL:-3}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/kunskapsbanken-bench-run}
if [ "$parts" = "$all_parts" ]; then
	outdir=${BENCH_OUT:-$repo/bench}
else
	outdir=${BENCH_OUT:-$work/report}
fi
hugo_port=1314
kb_port=1315
# Hugo as the comparison runs it: the newest release that builds from the
# Go module proxy (later ones need module versions the proxy does not
# serve). The standard edition; bench/hugo needs nothing of the extended.
hugo_version=0.160.0

for v in "$runs" "$kb_runs" "$kb_limit" "$edits" "$edits_full" "$serve_size" $sizes $kb_sizes; do
	if ! [[ $v =~ ^[0-9]+$ ]]; then
		echo "run.sh: not a number: $v" >&2
		exit 2
	fi
done

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$work" "$outdir"
work=$(cd "$work" && pwd)
# Corpora live where the Go benchmarks look for them (os.TempDir() is
# $work for the go test below), so BenchmarkSaveToReload reuses them.
corpora=$work/kunskapsbanken-bench
logs=$work/logs
out=$work/out
rm -rf "$logs"
mkdir -p "$work/trash"
if [ -e "$out" ]; then # an earlier run's, deleted when this one ends (see discard)
	mv "$out" "$work/trash/$(date +%s)-out"
fi
mkdir -p "$corpora" "$logs" "$out"
data=$work/data.tsv
: >"$data"

# record FIELD... appends one tab-separated line to the raw data that
# bench/report turns into RESULTS.md.
record() {
	local IFS=$'\t'
	printf '%s\n' "$*" >>"$data"
}

# ---------------------------------------------------------------- install

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

install_tools() {
	local debs=() p want=(time curl)
	if part search; then
		# Chromium as scripts/install-test-deps.sh installs it; brotli for
		# the compressed index sizes.
		want+=(chromium fonts-dejavu-core brotli)
	fi
	for p in "${want[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			debs+=("$p")
		fi
	done
	if [ ${#debs[@]} -gt 0 ]; then
		say "installing ${debs[*]} (Debian packages)"
		as_root apt-get update -qq >&2
		as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
			install -y -qq --no-install-recommends "${debs[@]}" >&2
	fi
	if ! command -v npm >/dev/null 2>&1; then
		echo "run.sh: npm is missing; install Node.js (Debian: apt-get install nodejs npm)" >&2
		exit 1
	fi
	# npm ci installs exactly the lock file's versions; again only when the
	# lock file changed (a stamp in bench/node_modules holds its hash).
	local stamp=bench/node_modules/.bench-package-lock.sha256 want
	want=$(sha256sum bench/package-lock.json | cut -d' ' -f1)
	if [ ! -d bench/node_modules/pagefind ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
		say "installing the npm packages of bench/package-lock.json (pagefind)"
		# npm ci refuses a lock file that lacks pagefind's optional
		# packages for other systems, and a registry that serves only the
		# Linux ones makes npm write exactly such a lock file (npm/cli#4828).
		# npm install --no-save installs the same locked versions, checked
		# against the lock's integrity hashes, and leaves the lock as it is.
		if ! (cd bench && npm ci --no-audit --no-fund --loglevel=silent >&2); then
			(cd bench && npm install --no-save --no-audit --no-fund --loglevel=error >&2)
		fi
		local have lock
		have=$(node -p 'require("./bench/node_modules/pagefind/package.json").version')
		lock=$(node -p 'require("./bench/package-lock.json").packages["node_modules/pagefind"].version')
		if [ "$have" != "$lock" ]; then
			echo "run.sh: installed pagefind $have, but the lock file says $lock" >&2
			exit 1
		fi
		echo "$want" >"$stamp"
	fi
	install_hugo
	# The native binary the npm package ships, found by the package's own
	# resolver; run directly, so Node's start-up is not timed with it.
	pagefind=$(cd bench && node -e 'import("./node_modules/pagefind/lib/resolveBinary.js").then(m => console.log(m.resolveBinaryPath(["pagefind_extended", "pagefind"])))')
}

# install_hugo builds Hugo $hugo_version with go install from the module
# proxy into $work/hugo-$hugo_version/bin (GOBIN), once: a later run finds
# the binary there. It is built outside this repository (from $work), so
# its modules never touch kb's go.mod; GOFLAGS=-mod=mod lets go resolve
# them whatever the caller's GOFLAGS say. Sets hugo to the binary.
install_hugo() {
	local bin=$work/hugo-$hugo_version/bin
	hugo=$bin/hugo
	if [ -x "$hugo" ] && "$hugo" version 2>/dev/null | grep -q "v$hugo_version"; then
		return
	fi
	say "building hugo $hugo_version from the Go module proxy (go install, a few minutes, once)"
	mkdir -p "$bin"
	if ! (cd "$work" && GOBIN=$bin GOFLAGS=-mod=mod GOWORK=off go install "github.com/gohugoio/hugo@v$hugo_version" >"$work/hugo-install.log" 2>&1); then
		echo "run.sh: go install github.com/gohugoio/hugo@v$hugo_version failed; the end of its output:" >&2
		tail -n 20 "$work/hugo-install.log" >&2
		exit 1
	fi
	"$hugo" version >&2
}

# ---------------------------------------------------------------- helpers

# quoted ARG... prints the arguments as a shell command line would have
# them: in single quotes those with a space or a glob character.
quoted() {
	local a out=()
	for a in "$@"; do
		if [[ $a == *[[:space:]*?]* ]]; then
			out+=("'$a'")
		else
			out+=("$a")
		fi
	done
	echo "${out[*]}"
}

# loadavg prints the 1, 5 and 15 minute load averages.
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
to_seconds() { awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }'; }

# Nothing is deleted while the run lasts: the outputs of earlier runs are
# moved aside (discard: a rename) and deleted together (empty_trash) when
# the run ends, with what an earlier run left. This file system may have no
# journal (ext4 without one, as on these machines), and there a new file or
# folder is not given the inode of one deleted in the last 60 seconds, or
# in the last 360 while its part of the inode table is not yet written
# back, which a tool making files keeps it from being: ext4 steps over
# every such inode (recently_deleted in its inode allocator), one buffer
# lookup each. Minutes after the removal of a 10,000-page site, the next
# tool's run still spent seconds of system time on that, whichever tool it
# was. (kb's own rebuild deletes nothing: it builds in the site before
# last.) The outputs of a full run take about 20 GB until then.
trash=$work/trash
discards=0

# discard PATH... moves each PATH that exists into the trash.
discard() {
	local p
	for p in "$@"; do
		if [ -e "$p" ]; then
			discards=$((discards + 1))
			mv "$p" "$trash/$(date +%s)-$discards"
		fi
	done
}

# empty_trash deletes what discard moved aside.
empty_trash() {
	rm -rf "$trash"
}

# timed TOOL SIZE RUN POS COMMAND... runs COMMAND under /usr/bin/time -v
# and records its wall time, user and system CPU time and peak RSS, as a
# "build" record (or as a record of the kind in $timed_kind). It first
# writes out what earlier runs left in memory (sync): otherwise the
# kernel's writeback of the last tool's output, and of its removal, runs on
# the same two cores during the next tool's run and is counted against it.
timed_kind=build
timed() {
	local tool=$1 size=$2 run=$3 pos=$4
	shift 4
	local base=$logs/$tool-$size-$run
	if [ "$timed_kind" != build ]; then
		base=$logs/$timed_kind-$tool-$size-$run
	fi
	sync
	if ! /usr/bin/time -v -o "$base.time" "$@" >"$base.log" 2>&1; then
		echo "run.sh: $tool failed on $size pages (run $run); the last lines of $base.log:" >&2
		tail -n 30 "$base.log" >&2
		exit 1
	fi
	local t=$base.time wall user sys rss
	wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$t" | to_seconds)
	user=$(sed -n 's/.*User time (seconds): //p' "$t")
	sys=$(sed -n 's/.*System time (seconds): //p' "$t")
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
	record "$timed_kind" "$tool" "$size" "$run" "$pos" "$wall" "$user" "$sys" "$rss"
	say "  $tool $size run $run: ${wall}s wall, $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')s CPU, $((rss / 1024)) MiB"
}

# case_pages DIR counts the case-study pages a build wrote.
case_pages() {
	find "$1/fallstudier" -mindepth 2 -maxdepth 2 -name index.html ! -path '*/page/*' ! -path '*/sida/*' | wc -l
}

# ---------------------------------------------------------------- full build

run_kb() { # SIZE RUN POS
	local c=$corpora/$1 o=$out/kb-$1
	discard "$o" "$o.new" "$o.old" "$o.kunskapsbanken"
	timed kb "$1" "$2" "$3" "$kb" build -root "$c" -out "$o" -v
	stages stage kb "$1" "$2" <"$logs/kb-$1-$2.log" >>"$data"
	check_output kb "$1" "$2" "$o"
	if [ "$2" -eq 1 ]; then
		# The search index: every file under sok/ and assets/sok/.
		record scaleindex kb "$1" "$(find "$o/sok" "$o/assets/sok" -type f -name '*.json' | wc -l)" \
			"$(find "$o/sok" "$o/assets/sok" -type f -name '*.json' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')"
		if [ -n "${visit_alone-}" ]; then
			say "  cold visits to the search page, $1 pages, kb alone"
			if ! "$searchbench" visit -site "$o" -size "$1" -runs "$runs" >>"$data" 2> >(tee -a "$logs/searchbench-$1.log" >&2); then
				echo "run.sh: searchbench visit failed; see $logs/searchbench-$1.log" >&2
				exit 1
			fi
		fi
	fi
	discard "$o" "$o.kunskapsbanken"
}

# run_kb_rebuild SIZE RUN POS: kb build over the site the previous call
# published, into a folder kept between runs (its first build, untimed,
# made by full_build), so the record, the hard links and the background
# removal of the site before last all take part, as in an editor's build.
run_kb_rebuild() {
	timed kb-rebuild "$1" "$2" "$3" "$kb" build -root "$corpora/$1" -out "$out/kb-rebuild-$1" -v
	check_output kb-rebuild "$1" "$2" "$out/kb-rebuild-$1"
}

# check_output TOOL SIZE RUN DIR: the build wrote every case study; the
# first run records the output's size and top level.
check_output() {
	local n
	n=$(case_pages "$4")
	if [ "$n" -ne "$2" ]; then
		echo "run.sh: $1 wrote $n case-study pages, not $2" >&2
		exit 1
	fi
	if [ "$3" -eq 1 ]; then
		record output "$1" "$2" "$(find "$4" -type f | wc -l)" "$(du -sk "$4" | cut -f1)"
		record tree "$1" "$2" "$(ls "$4" | tr '\n' ' ')"
	fi
}

run_hugo() { # SIZE RUN POS; leaves Hugo's output for pagefind
	local c=$corpora/$1 o=$out/hugo-$1
	# Cold: no output, no resource or file cache from an earlier run.
	discard "$o" "$work/hugo-cache" "$work/hugo-resources"
	timed hugo "$1" "$2" "$3" env HUGO_RESOURCEDIR="$work/hugo-resources" \
		"$hugo" --source "$repo/bench/hugo" --contentDir "$c/content" --destination "$o" \
		--cacheDir "$work/hugo-cache" --minify
	local log=$logs/hugo-$1-$2.log
	if grep -q 'ERROR' "$log"; then
		echo "run.sh: hugo reported errors on $1 pages:" >&2
		grep 'ERROR' "$log" | head -n 20 >&2
		exit 1
	fi
	check_output hugo "$1" "$2" "$o"
	if [ "$2" -eq 1 ]; then
		record hugowarnings "$1" "$(grep -c 'WARN' "$log" || true)"
	fi
}

run_pagefind() { # SIZE RUN POS; indexes and then removes Hugo's output
	local o=$out/hugo-$1
	timed pagefind "$1" "$2" "$3" "$pagefind" --site "$o"
	local indexed
	indexed=$(sed -n 's/.*Indexed \([0-9]*\) pages.*/\1/p' "$logs/pagefind-$1-$2.log")
	if [ "${indexed:-0}" -ne "$1" ]; then
		echo "run.sh: pagefind indexed ${indexed:-no} pages, not $1" >&2
		exit 1
	fi
	if [ "$2" -eq 1 ]; then
		record output pagefind "$1" "$(find "$o/pagefind" -type f | wc -l)" "$(du -sk "$o/pagefind" | cut -f1)"
	fi
	discard "$o"
}

full_build() { # SIZE
	local size=$1 i
	record load "before the full builds of $size" "$(loadavg)"
	say "full build, $size pages, $runs runs, alternating"
	local re=$out/kb-rebuild-$size
	discard "$re" "$re.new" "$re.old" "$re.kunskapsbanken"
	"$kb" build -root "$corpora/$size" -out "$re" >"$logs/kb-rebuild-$size-0.log" 2>&1
	for i in $(seq 1 "$runs"); do
		if [ $((i % 2)) -eq 1 ]; then
			run_kb "$size" "$i" 1
			run_kb_rebuild "$size" "$i" 1
			run_hugo "$size" "$i" 2
			run_pagefind "$size" "$i" 3
		else
			run_hugo "$size" "$i" 1
			run_pagefind "$size" "$i" 2
			run_kb "$size" "$i" 3
			run_kb_rebuild "$size" "$i" 3
		fi
	done
	discard "$re" "$re.new" "$re.old" "$re.kunskapsbanken"
}

kb_only() { # SIZE
	local size=$1 i wall ref
	local visit_alone=1 # run_kb's first run makes the cold visits
	ref=$(pair_size "$size")
	record load "before kb alone at $size" "$(loadavg)"
	say "scaling, kb alone, $size pages, up to $kb_runs runs${ref:+, each after a kb build at $ref pages}"
	# A corpus made by an earlier run is on disk but may not be in memory:
	# read cold, the load stage would measure the disk, not kb.
	find "$corpora/$size" ${ref:+"$corpora/$ref"} -type f -exec cat {} + >/dev/null
	for i in $(seq 1 "$kb_runs"); do
		if [ -n "$ref" ]; then
			run_pair "$ref" "$size" "$i"
		fi
		run_kb "$size" "$i" 1
		wall=$(awk -F'\t' -v s="$size" '$1 == "build" && $2 == "kb" && $3 == s && $4 == 1 { print $6 }' "$data")
		if awk -v w="$wall" -v l="$kb_limit" 'BEGIN { exit !(w > l) }'; then
			record skip "kb-$size" "the first build took ${wall} s, more than ${kb_limit} s; not run again"
			say "  more than ${kb_limit} s; no more runs at $size pages"
			break
		fi
	done
}

# pair_size SIZE prints the largest of BENCH_SIZES below SIZE (nothing if
# none): the size kb_only builds just before each build at SIZE.
pair_size() {
	local n best=
	for n in $sizes; do
		if [ "$n" -lt "$1" ] && { [ -z "$best" ] || [ "$n" -gt "$best" ]; }; then
			best=$n
		fi
	done
	echo "$best"
}

# stages KIND TOOL SIZE RUN: the stage lines of a kb build -v log on stdin
# as data lines: KIND (wall ms), KINDcpu (user and system ms) and
# KINDalloc (MiB allocated on the heap).
stages() {
	awk -v k="$1" -v t="$2" -v s="$3" -v r="$4" '/^  [a-z]+ +[0-9]+ ms/ {
		printf "%s\t%s\t%s\t%s\t%s\t%s\n", k, t, s, r, $1, $2
		if ($4 == "user" && $7 == "system") printf "%scpu\t%s\t%s\t%s\t%s\t%s\t%s\n", k, t, s, r, $1, $5, $8
		if ($10 == "allocated") printf "%salloc\t%s\t%s\t%s\t%s\t%s\n", k, t, s, r, $1, $11
	}'
}

# run_pair REF SIZE RUN: kb build at REF pages just before kb's run RUN at
# SIZE, recorded as tool kb-pair-SIZE (kind pair, and its stages as
# pairstage), for the report's growth measured in pairs.
run_pair() {
	local o=$out/kb-pair-$1 tool=kb-pair-$2
	discard "$o" "$o.new" "$o.old" "$o.kunskapsbanken"
	timed_kind=pair
	timed "$tool" "$1" "$3" 1 "$kb" build -root "$corpora/$1" -out "$o" -v
	timed_kind=build
	stages pairstage "$tool" "$1" "$3" <"$logs/pair-$tool-$1-$3.log" >>"$data"
	check_output "$tool" "$1" 2 "$o" # run 2: its output's size is the full build's
	discard "$o" "$o.kunskapsbanken"
}

# ---------------------------------------------------------------- search

# pagefind_kb_args are Pagefind's settings on kb's site: the case studies
# only (the pages kb's index holds; run_search checks the count), and of
# each its article without the table of contents, the sources and the
# related case studies, which kb's index leaves out too (kb indexes the
# title, summary, areas with their synonyms, tags, municipality, county,
# headings and body).
pagefind_kb_args=(--glob 'fallstudier/*/index.html' --root-selector 'main article'
	--exclude-selectors '.toc' --exclude-selectors '.sources' --exclude-selectors '.related')

# pagefind_free_args are Pagefind's settings on bench/svreal's project,
# whose pages are free pages (layout sidor.html): those pages only (run.sh
# and searchbench check the count), and of each its article without the
# table of contents, the sources and the edit link, which kb's index leaves
# out too (kb indexes the title, summary, headings and body).
pagefind_free_args=(--glob 'sidor/*/index.html' --root-selector 'main article'
	--exclude-selectors '.toc' --exclude-selectors '.sources' --exclude-selectors '.page-actions')

# bench_search SIZE: kb build and then pagefind on kb's site, BENCH_RUNS
# times, timed (kb's search stage from its -v output); then, on the last
# run's site, both indexes' sizes and the queries (bench/searchbench).
bench_search() {
	local size=$1 i o=$out/search-$1 pages indexed ms
	record load "before the search comparison at $size" "$(loadavg)"
	say "search, $size pages: kb build, then pagefind on kb's site, $runs runs"
	timed_kind=sbuild
	for i in $(seq 1 "$runs"); do
		discard "$o"
		timed kb "$size" "$i" 1 "$kb" build -root "$corpora/$size" -out "$o" -v
		ms=$(awk '$1 == "search" && $3 == "ms" { print $2 }' "$logs/sbuild-kb-$size-$i.log")
		if [ -z "$ms" ]; then
			echo "run.sh: kb build -v printed no search stage; its log: $logs/sbuild-kb-$size-$i.log" >&2
			exit 1
		fi
		record sstage kb "$size" "$i" search "$ms"
		timed pagefind "$size" "$i" 2 "$pagefind" --site "$o" "${pagefind_kb_args[@]}"
		pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' "$o/sok/manifest.json")
		indexed=$(sed -n 's/.*Indexed \([0-9]*\) pages.*/\1/p' "$logs/sbuild-pagefind-$size-$i.log")
		if [ "${indexed:-0}" -ne "$pages" ] || [ "$pages" -ne "$size" ]; then
			echo "run.sh: kb's index holds ${pages:-no} pages, pagefind indexed ${indexed:-no}; want $size each" >&2
			exit 1
		fi
	done
	timed_kind=build
	say "search, $size pages: index sizes"
	if ! "$searchbench" index -site "$o" -size "$size" >>"$data" 2>>"$logs/searchbench-$size.log"; then
		echo "run.sh: searchbench index failed; the last lines of $logs/searchbench-$size.log:" >&2
		tail -n 30 "$logs/searchbench-$size.log" >&2
		exit 1
	fi
	say "search, $size pages: queries in Chromium, $runs runs"
	if ! "$searchbench" query -site "$o" -size "$size" -runs "$runs" >>"$data" 2> >(tee -a "$logs/searchbench-$size.log" >&2); then
		echo "run.sh: searchbench query failed; see $logs/searchbench-$size.log" >&2
		exit 1
	fi
	discard "$o"
}

# known_items: search on real Swedish text. bench/svreal's adapter writes a
# kb project of its real pages, kb builds it, pagefind indexes the built
# pages, and searchbench known runs bench/svreal/queries.tsv through both
# engines once (correctness, not time: nothing is timed).
known_items() {
	local dir=$work/svreal site pages indexed free
	site=$dir/public
	if [ ! -d bench/svreal/corpus ] || [ ! -f bench/svreal/queries.tsv ]; then
		record skip known "bench/svreal has no corpus or no queries.tsv"
		say "bench/svreal has no corpus or no queries.tsv; search on real Swedish text skipped"
		return 0
	fi
	record load "before the search on real Swedish text" "$(loadavg)"
	say "search on real Swedish text: the project (bench/svreal), kb build, pagefind"
	rm -rf "$dir"
	if ! go run ./bench/svreal -out "$dir" >"$logs/svreal.log" 2>&1; then
		echo "run.sh: go run ./bench/svreal failed; the last lines of $logs/svreal.log:" >&2
		tail -n 30 "$logs/svreal.log" >&2
		exit 1
	fi
	if ! "$kb" build -root "$dir" -out "$site" >"$logs/known-kb.log" 2>&1; then
		echo "run.sh: kb build of bench/svreal's project failed; the last lines of $logs/known-kb.log:" >&2
		tail -n 30 "$logs/known-kb.log" >&2
		exit 1
	fi
	if ! "$pagefind" --site "$site" "${pagefind_free_args[@]}" >"$logs/known-pagefind.log" 2>&1; then
		echo "run.sh: pagefind failed on bench/svreal's site; the last lines of $logs/known-pagefind.log:" >&2
		tail -n 30 "$logs/known-pagefind.log" >&2
		exit 1
	fi
	free=$(find "$site/sidor" -mindepth 2 -maxdepth 2 -name index.html | wc -l)
	pages=$(sed -n 's/.*"pages":\([0-9]*\).*/\1/p' "$site/sok/manifest.json")
	indexed=$(sed -n 's/.*Indexed \([0-9]*\) pages.*/\1/p' "$logs/known-pagefind.log")
	if [ "${pages:-0}" -ne "$free" ] || [ "${indexed:-0}" -ne "$free" ]; then
		echo "run.sh: the site has $free free pages, kb's index holds ${pages:-no}, pagefind indexed ${indexed:-no}; want the same" >&2
		exit 1
	fi
	say "search on real Swedish text: $free pages, the queries of bench/svreal/queries.tsv in Chromium"
	if ! "$searchbench" known -site "$site" -queries bench/svreal/queries.tsv >>"$data" 2> >(tee -a "$logs/searchbench-known.log" >&2); then
		echo "run.sh: searchbench known failed; see $logs/searchbench-known.log" >&2
		exit 1
	fi
	compound_split
}

# compound_split: how kb splits real compounds and leaves real simple words
# whole, as the compound package's test TestRealWords counts it on its
# lists of words from the real corpus (testdata/compounds.txt, simple.txt).
compound_split() {
	local line
	if ! go test -count=1 -run '^TestRealWords$' -v ./generator/internal/search/compound >"$logs/compound.log" 2>&1; then
		echo "run.sh: TestRealWords failed; see $logs/compound.log" >&2
		exit 1
	fi
	line=$(sed -n 's/.*compounds: \([0-9]*\) of \([0-9]*\) split right.*, \([0-9]*\) split wrong; non-compounds: \([0-9]*\) of \([0-9]*\) split;.*/\1 \2 \3 \4 \5/p' "$logs/compound.log")
	if [ -z "$line" ]; then
		echo "run.sh: no figures in $logs/compound.log" >&2
		exit 1
	fi
	# shellcheck disable=SC2086 # five numbers, one field each
	record compound $line
}

# ---------------------------------------------------------------- one-file change

pids=()
edited=()
cleanup() {
	local p f
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	pids=()
	for f in "${edited[@]}"; do
		restore "$f"
	done
	edited=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# orig FILE: where the unedited FILE is kept while it is being edited,
# outside the content folder (kb reports any stray file there).
orig() { echo "$work/orig/$(echo "$1" | sha256sum | cut -c1-16).md"; }
restore() {
	local o
	o=$(orig "$1")
	if [ -f "$o" ]; then
		cp "$o" "$1"
		rm -f "$o"
	fi
}

now_us() { echo "${EPOCHREALTIME/./}"; }

# wait_up URL TIMEOUT_S PID: until URL answers 200; prints the seconds it
# took. Fails when the server PID has ended or the time is up.
wait_up() {
	local url=$1 timeout=$2 pid=$3 t0 now
	t0=$(now_us)
	while :; do
		if curl -sf -o /dev/null --max-time 10 "$url"; then
			now=$(now_us)
			awk -v d=$((now - t0)) 'BEGIN { printf "%.1f\n", d / 1e6 }'
			return 0
		fi
		now=$(now_us)
		if [ $(((now - t0) / 1000000)) -ge "$timeout" ] || ! kill -0 "$pid" 2>/dev/null; then
			return 1
		fi
		sleep 0.2
	done
}

# port_free PORT fails when something already answers on 127.0.0.1:PORT.
port_free() {
	! curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/"
}

# edit_pages DIR N prints N case studies of DIR to edit, one per edit,
# spread over the corpus in byte order (the same names in every copy).
edit_pages() {
	local pages=() n k
	mapfile -t pages < <(find "$1/content/fallstudier" -maxdepth 1 -name '*.md' | sort)
	n=${#pages[@]}
	for ((k = 0; k < $2; k++)); do
		echo "${pages[$(((n / 2 + k * 7919) % n))]}"
	done
}

# edit_once TOOL FILE URL I KIND: one edit, measured by bench/savebench
# (the page opened first as a browser would, for kb serve also its event
# stream with the page's path, held during the edit; FILE written with a
# new sentence (KIND body) or a new title (KIND title); the page asked for
# over one keep-alive connection every 2 ms until it holds it); records
# the milliseconds.
edit_once() {
	local tool=$1 file=$2 url=$3 i=$4 kind=$5 marker ms events=()
	keep "$file"
	marker="kbbench${i}x$RANDOM"
	if [ "$tool" = kb-serve ]; then
		events=(-events "${url%%/fallstudier/*}/__kb/events?path=/${url#http://*/}")
	fi
	if ! ms=$("$savebench" -file "$file" -from "$(orig "$file")" -kind "$kind" -marker "$marker" -url "$url" "${events[@]}" 2>>"$logs/savebench.log"); then
		echo "run.sh: savebench failed; see $logs/savebench.log" >&2
		exit 1
	fi
	record edit "$tool" "$serve_size" "$i" "$ms" "$kind"
	if [ "$ms" = timeout ]; then
		say "  $tool $kind edit $i: no new text after 600 s"
	else
		say "  $tool $kind edit $i: $ms ms"
	fi
}

# keep FILE keeps the unedited FILE where orig says, to be put back by
# cleanup (once: an edited file is never kept again).
keep() {
	local f=$1 e
	for e in "${edited[@]}"; do
		[ "$e" = "$f" ] && return 0
	done
	restore "$f" # after an interrupted run
	mkdir -p "$work/orig"
	cp "$f" "$(orig "$f")"
	edited+=("$f")
}

# prepare_copy NAME: a corpus of serve_size pages of its own for one server
# (so one server's rebuild never runs during the other's edit), in
# copy_dir. (Not called in $(...): copy_dir must reach the caller.)
prepare_copy() {
	local dir=$work/serve-$1/$serve_size f
	bash bench/corpus.sh "$serve_size" "$dir" 2>>"$logs/corpus.log"
	copy_dir=$dir
}

peak_rss_kb() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$1/status" 2>/dev/null || echo 0; }

start_hugo_server() { # CORPUS MODE-ARGS...
	local c=$1
	shift
	rm -rf "$work/hugo-server-cache" "$work/hugo-server-resources"
	HUGO_RESOURCEDIR="$work/hugo-server-resources" "$hugo" server --source "$repo/bench/hugo" \
		--contentDir "$c/content" --cacheDir "$work/hugo-server-cache" \
		--port "$hugo_port" --bind 127.0.0.1 --disableLiveReload=false "$@" \
		>>"$logs/hugo-server.log" 2>&1 &
	hugo_pid=$!
	pids+=("$hugo_pid")
}

stop() { # PID
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	local p keep=()
	for p in "${pids[@]}"; do
		[ "$p" != "$1" ] && keep+=("$p")
	done
	pids=("${keep[@]}")
}

one_file_change() {
	local kc hc kpages=() hpages=() kurl hurl s i k kind p
	for p in "$hugo_port" "$kb_port"; do
		if ! port_free "$p"; then
			record skip serve "port $p on 127.0.0.1 was already in use"
			say "port $p is in use; one-file change skipped"
			return 0
		fi
	done
	record load "before the one-file change" "$(loadavg)"
	say "one-file change, $serve_size pages: kb serve and hugo server, $edits edits of each kind each, alternating"
	prepare_copy kb
	kc=$copy_dir
	prepare_copy hugo
	hc=$copy_dir
	mapfile -t kpages < <(edit_pages "$kc" $((2 * edits)))
	mapfile -t hpages < <(edit_pages "$hc" $((2 * edits)))
	for f in "${kpages[@]}" "${hpages[@]}"; do # after an interrupted run
		restore "$f"
	done
	kurl=http://127.0.0.1:$kb_port/fallstudier/$(basename "${kpages[0]}" .md)/
	hurl=http://127.0.0.1:$hugo_port/fallstudier/$(basename "${hpages[0]}" .md)/
	record meta serve_page "$((2 * edits)) case studies spread over the corpus, from content/fallstudier/$(basename "${kpages[0]}")"

	"$kb" serve -root "$kc" -addr "127.0.0.1:$kb_port" >"$logs/kb-serve.log" 2>&1 &
	local kb_pid=$!
	pids+=("$kb_pid")
	if ! s=$(wait_up "$kurl" 900 "$kb_pid"); then
		echo "run.sh: kb serve did not come up; its log:" >&2
		tail -n 30 "$logs/kb-serve.log" >&2
		exit 1
	fi
	record startup kb-serve "$serve_size" "$s"
	say "  kb serve up after $s s"
	start_hugo_server "$hc"
	if ! s=$(wait_up "$hurl" 900 "$hugo_pid"); then
		echo "run.sh: hugo server did not come up; its log:" >&2
		tail -n 30 "$logs/hugo-server.log" >&2
		exit 1
	fi
	record startup hugo-server "$serve_size" "$s"
	say "  hugo server up after $s s"
	sleep 2
	k=0
	for kind in body title; do
		for i in $(seq 1 "$edits"); do
			kurl=http://127.0.0.1:$kb_port/fallstudier/$(basename "${kpages[$k]}" .md)/
			hurl=http://127.0.0.1:$hugo_port/fallstudier/$(basename "${hpages[$k]}" .md)/
			if [ $((i % 2)) -eq 1 ]; then
				edit_once kb-serve "${kpages[$k]}" "$kurl" "$i" "$kind"
				sleep 1
				edit_once hugo-server "${hpages[$k]}" "$hurl" "$i" "$kind"
			else
				edit_once hugo-server "${hpages[$k]}" "$hurl" "$i" "$kind"
				sleep 1
				edit_once kb-serve "${kpages[$k]}" "$kurl" "$i" "$kind"
			fi
			k=$((k + 1))
			sleep 1
		done
	done
	record serverrss kb-serve "$serve_size" "$(peak_rss_kb "$kb_pid")"
	record serverrss hugo-server "$serve_size" "$(peak_rss_kb "$hugo_pid")"
	stop "$kb_pid"
	stop "$hugo_pid"

	if [ "$edits_full" -gt 0 ]; then
		say "one-file change: hugo server --disableFastRender, $edits_full edits"
		start_hugo_server "$hc" --disableFastRender
		if ! s=$(wait_up "$hurl" 900 "$hugo_pid"); then
			echo "run.sh: hugo server --disableFastRender did not come up; its log:" >&2
			tail -n 30 "$logs/hugo-server.log" >&2
			exit 1
		fi
		record startup hugo-server-full "$serve_size" "$s"
		sleep 2
		for i in $(seq 1 "$edits_full"); do
			hurl=http://127.0.0.1:$hugo_port/fallstudier/$(basename "${hpages[$((i - 1))]}" .md)/
			edit_once hugo-server-full "${hpages[$((i - 1))]}" "$hurl" "$i" body
			sleep 1
		done
		record serverrss hugo-server-full "$serve_size" "$(peak_rss_kb "$hugo_pid")"
		stop "$hugo_pid"
	fi
	cleanup

	# kb's own benchmark: write to the page in view served with the new
	# text. It is fixed at 10,000 pages.
	if [ "$serve_size" -eq 10000 ]; then
		say "BenchmarkSaveToReload (go test)"
		if TMPDIR=$work go test -run '^$' -bench BenchmarkSaveToReload -benchtime 20x -timeout 60m \
			./generator/internal/serve/ >"$logs/gobench-serve.log" 2>&1; then
			gobench_record "$logs/gobench-serve.log"
		else
			record skip gobench "go test failed: $(tail -n 3 "$logs/gobench-serve.log" | tr '\t\n' '  ')"
			say "  go test failed; see $logs/gobench-serve.log"
		fi
	else
		record skip gobench "BenchmarkSaveToReload is fixed at 10,000 pages; the one-file change ran on $serve_size"
	fi
}

# gobench_record LOG records BenchmarkSaveToReload's figures from go test's
# output, one line per kind of edit (sub-benchmark). A line with them may
# not start with the benchmark's name (corpus.sh writes to the same
# stderr), so each is found by its units.
gobench_record() {
	local lines
	lines=$(awk '/ms-median/ {
		kind = ""
		for (i = 1; i <= NF; i++) {
			if ($i ~ /BenchmarkSaveToReload\//) { kind = $i; sub(/.*BenchmarkSaveToReload\//, "", kind); sub(/-[0-9]+$/, "", kind) }
			if ($i == "ns/op") n = $(i - 2)
			if ($i == "ms-median") med = $(i - 1)
			if ($i == "ms-p90") p90 = $(i - 1)
			if ($i == "ms-update-median") upd = $(i - 1)
		}
		if (kind != "") printf "gobench\tkb-serve-%s\t10000\t%s\t%s\t%s\t%s\n", kind, n, med, p90, upd
	}' "$1")
	if [ -z "$lines" ]; then
		record skip gobench "no figures in go test's output"
		return
	fi
	printf '%s\n' "$lines" >>"$data"
	while IFS=$'\t' read -r _ name _ n med p90 _; do
		say "  BenchmarkSaveToReload ${name#kb-serve-}: $n runs, median $med ms, p90 $p90 ms"
	done <<<"$lines"
}

# ---------------------------------------------------------------- main

start_epoch=$(date +%s)
record meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
record meta load_start "$(loadavg)"
install_tools

say "building kb"
kb=$work/bin/kb
go build -o "$kb" ./generator/cmd/kb
searchbench=$work/bin/searchbench
go build -o "$searchbench" ./bench/searchbench
savebench=$work/bin/savebench
go build -o "$savebench" ./bench/savebench
# The kb source measured: a commit, and whether the tree differed from it.
kbver=$(git describe --always --dirty 2>/dev/null || echo unknown)
srcsum=$(find generator themes go.mod go.sum -type f \( -name '*.go' -o -name '*.html' -o -name '*.yaml' -o -name '*.css' -o -name '*.js' -o -name 'go.*' \) -print0 |
	sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)

record meta runs "$runs"
record meta sizes "$sizes"
record meta kb_sizes "$kb_sizes"
record meta kb_runs "$kb_runs"
record meta kb_limit "$kb_limit"
record meta serve_size "$serve_size"
record meta edits "$edits"
record meta edits_full "$edits_full"
record meta nproc "$(nproc)"
record meta memory "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
record meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
record meta kernel "$(uname -sr)"
record meta os "$(. /etc/os-release && echo "$PRETTY_NAME")"
record meta go "$(go version | cut -d' ' -f3-)"
record meta kb "$kbver (source tree sha256 $srcsum)"
record meta hugo "$("$hugo" version | cut -d' ' -f1-2) (go install github.com/gohugoio/hugo@v$hugo_version, from the Go module proxy)"
record meta hugo_version "$hugo_version"
record meta pagefind "$("$pagefind" --version) (npm pagefind $(node -p 'require("./bench/node_modules/pagefind/package.json").version'), binary $(basename "$pagefind"))"
record meta pagefind_version "$(node -p 'require("./bench/node_modules/pagefind/package.json").version')"
record meta curl "$(curl --version | head -n 1 | cut -d' ' -f1-2)"
record meta parts "$parts"
if part search; then
	record meta node "$(node --version)"
	record meta brotli "$(brotli --version 2>/dev/null || echo 'not installed')"
	record meta gzip "$(gzip --version | head -n 1)"
fi

record cmd kb "kb build -root CORPUS -out OUT -v"
record cmd kb-rebuild "kb build -root CORPUS -out REBUILT -v   (REBUILT: the site the previous rebuild published, with its record and REBUILT.old)"
record cmd hugo "HUGO_RESOURCEDIR=WORK/hugo-resources hugo --source bench/hugo --contentDir CORPUS/content --destination OUT --cacheDir WORK/hugo-cache --minify"
record cmd pagefind "pagefind --site OUT   (OUT: Hugo's output; the binary $(basename "$pagefind") of the npm package, run directly)"
record cmd corpus "bash bench/corpus.sh N CORPUS"
record cmd time "/usr/bin/time -v COMMAND   (wall: Elapsed; CPU: User + System time; peak memory: Maximum resident set size)"
record cmd kb-serve "kb serve -root CORPUS -addr 127.0.0.1:$kb_port"
record cmd hugo-server "HUGO_RESOURCEDIR=... hugo server --source bench/hugo --contentDir CORPUS/content --cacheDir ... --port $hugo_port --bind 127.0.0.1 --disableLiveReload=false"
record cmd hugo-server-full "the same with --disableFastRender"
record cmd poll "savebench -file FILE -from ORIG -kind KIND -marker M -url URL [-events URL]   (bench/savebench: GET URL over one keep-alive connection every 2 ms until the page holds M)"
record cmd search-pagefind "pagefind --site OUT $(quoted "${pagefind_kb_args[@]}")   (OUT: kb's output)"
record cmd searchbench "searchbench index -site OUT -size N; searchbench query -site OUT -size N -runs $runs   (bench/searchbench)"
record cmd known-project "go run ./bench/svreal -out DIR; kb build -root DIR -out DIR/public"
record cmd known-pagefind "pagefind --site DIR/public $(quoted "${pagefind_free_args[@]}")"
record cmd known-searchbench "searchbench known -site DIR/public -queries bench/svreal/queries.tsv   (bench/searchbench)"
record cmd gobench "TMPDIR=WORK go test -run '^\$' -bench BenchmarkSaveToReload -benchtime 20x ./generator/internal/serve/"

needed=$sizes
if ! part build && ! part search; then
	needed=
fi
if part scaling; then
	needed="$needed $kb_sizes"
	for n in $kb_sizes; do
		needed="$needed $(pair_size "$n")"
	done
fi
say "corpora: $(printf '%s ' $needed)"
for n in $(printf '%s\n' $needed | sort -nu); do
	bash bench/corpus.sh "$n" "$corpora/$n" 2>>"$logs/corpus.log"
done

if part build; then
	for n in $sizes; do
		full_build "$n"
	done
fi
if part scaling; then
	for n in $kb_sizes; do
		kb_only "$n"
	done
fi
if part search; then
	for n in $sizes; do
		bench_search "$n"
	done
	known_items
else
	record skip known "not run (parts: $parts)"
fi
if ! part serve; then
	record skip serve "not run (parts: $parts)"
elif [ "$serve" != 0 ]; then
	one_file_change
else
	record skip serve "BENCH_SERVE=0"
fi

record meta load_end "$(loadavg)"
record meta duration "$(( ($(date +%s) - start_epoch) / 60 )) min $(( ($(date +%s) - start_epoch) % 60 )) s"
say "writing $outdir/RESULTS.md and $outdir/build-time.svg"
cp "$data" "$outdir/results.tsv"
say "(the report of this run: $outdir/RESULTS.md)"
go run ./bench/report -data "$data" -md "$outdir/RESULTS.md" -svg "$outdir/build-time.svg"
say "deleting the outputs of the timed runs"
empty_trash
say "done"
