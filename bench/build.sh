#!/usr/bin/env bash
# Measure a full `kb build` of a generated corpus from the command line.
#
#   bash bench/build.sh            10,000 pages, 3 runs
#   N=1000 RUNS=5 bash bench/build.sh
#
# Builds bin/kb, prepares the corpus with bench/corpus.sh (in
# ${TMPDIR:-/tmp}/kunskapsbanken-bench/N, shared with BenchmarkBuild), then
# times RUNS builds with /usr/bin/time -v. Each run publishes into an empty
# folder, so every run is a full cold build (no hard links to a previous
# output). Prints a Markdown table of wall time, user+sys CPU time and peak
# resident set size per run and their medians, then kb's own stage times
# (kb build -v).
set -euo pipefail
cd "$(dirname "$0")/.."

n=${N:-10000}
runs=${RUNS:-3}
corpus=${TMPDIR:-/tmp}/kunskapsbanken-bench/$n

if [ ! -x /usr/bin/time ]; then
	echo "build.sh: /usr/bin/time is missing; installing it" >&2
	if [ "$(id -u)" -eq 0 ]; then
		apt-get install -y time >&2
	else
		sudo apt-get install -y time >&2
	fi
fi

go build -o bin/kb ./generator/cmd/kb
bash bench/corpus.sh "$n" "$corpus"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/public

# median of the numbers on stdin
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# seconds from /usr/bin/time's "h:mm:ss" or "m:ss.ss"
to_seconds() {
	awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }'
}

walls=() cpus=() rsss=()
for i in $(seq 1 "$runs"); do
	rm -rf "$out" "$out.new" "$out.old"
	log=$work/run$i.log
	if ! /usr/bin/time -v -o "$work/time$i" ./bin/kb build -root "$corpus" -out "$out" -v >"$log" 2>&1; then
		echo "build.sh: run $i failed; the first lines of its output:" >&2
		head -n 20 "$log" >&2
		exit 1
	fi
	t=$work/time$i
	wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$t" | to_seconds)
	user=$(sed -n 's/.*User time (seconds): //p' "$t")
	sys=$(sed -n 's/.*System time (seconds): //p' "$t")
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$t")
	walls+=("$wall") cpus+=("$cpu") rsss+=("$rss")
done

pages=$(sed -n 's/^kb: \([0-9]*\) sidor.*/\1/p' "$work/run1.log")
echo
echo "kb build, $pages pages ($corpus), $(nproc) CPUs, $(go version | cut -d' ' -f3)"
echo
echo "| run | wall (s) | user+sys CPU (s) | max RSS (MiB) |"
echo "|---|---:|---:|---:|"
for i in $(seq 1 "$runs"); do
	k=$((i - 1))
	printf '| %d | %s | %s | %.0f |\n' "$i" "${walls[$k]}" "${cpus[$k]}" "$(awk -v r="${rsss[$k]}" 'BEGIN { print r / 1024 }')"
done
mw=$(printf '%s\n' "${walls[@]}" | median)
mc=$(printf '%s\n' "${cpus[@]}" | median)
mr=$(printf '%s\n' "${rsss[@]}" | median)
printf '| **median** | **%.2f** | **%.2f** | **%.0f** |\n' "$mw" "$mc" "$(awk -v r="$mr" 'BEGIN { print r / 1024 }')"

# Stage times as kb build -v prints them ("  name   123 ms").
echo
printf '| stage |'
for i in $(seq 1 "$runs"); do printf ' run %d (ms) |' "$i"; done
echo ' median (ms) |'
printf '|---|'
for i in $(seq 1 "$runs"); do printf '%s' '---:|'; done
echo '---:|'
for st in $(awk '/^  [a-z]+ +[0-9]+ ms$/ { print $1 }' "$work/run1.log"); do
	printf '| %s |' "$st"
	vals=()
	for i in $(seq 1 "$runs"); do
		v=$(awk -v s="$st" '$1 == s && $3 == "ms" { print $2 }' "$work/run$i.log")
		vals+=("$v")
		printf ' %s |' "$v"
	done
	printf ' %s |\n' "$(printf '%s\n' "${vals[@]}" | median)"
done
