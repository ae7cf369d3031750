#!/usr/bin/env bash
# The one entry point for people and CI.
#
#   ./build.sh          build kb and publish the site to public/
#   ./build.sh test     every test: formatting, vet, unit, integration and race tests
#   ./build.sh check    check the content and print every problem
#   ./build.sh serve    preview with drafts at http://127.0.0.1:1313, reloading as you save
#   ./build.sh fuzz     run each fuzz target for a while (FUZZTIME, default 30s)
#   ./build.sh bench    kb against Hugo and Pagefind, written to bench/RESULTS.md (not part of test);
#                       ./build.sh bench search runs only that part (see bench/README.md)
#   ./build.sh bench-go the Go benchmarks of the hot stages
set -euo pipefail
cd "$(dirname "$0")"

kb() {
	go build -o bin/kb ./generator/cmd/kb
	./bin/kb "$@"
}

case "${1:-build}" in
build)
	shift $(( $# > 0 ? 1 : 0 ))
	kb build "$@"
	;;
check)
	shift
	kb check "$@"
	;;
serve)
	shift
	kb serve "$@"
	;;
test)
	unformatted=$(gofmt -l generator bench themes)
	if [ -n "$unformatted" ]; then
		echo "gofmt would change these files; run gofmt -w on them:" >&2
		echo "$unformatted" >&2
		exit 1
	fi
	go vet ./...
	# Chromium (Debian's package) and axe-core (npm) for the real-browser tests,
	# TypeScript (npm) for the next step.
	bash scripts/install-test-deps.sh
	# The JavaScript (the search engine, the search page) is type-checked:
	# // @ts-check and JSDoc, against tsconfig.json.
	node_modules/.bin/tsc --noEmit -p tsconfig.json
	# The workflows: a broken one fails here, not after a merge. Named, since
	# actionlint alone looks for them from the root of a git repository, and
	# a copy from an archive has none.
	go tool actionlint .github/workflows/*.yml
	# kb for every release target (Windows, macOS, Linux; see
	# generator/internal/ci), type-checked from source: a release cannot
	# break unseen, at about a minute instead of the ten that five builds
	# from an empty cache take on two cores. Nothing is built or uploaded.
	go run ./generator/cmd/crosscheck
	# A test that hangs fails with its goroutines printed, well inside CI's time.
	go test -race -count=1 -timeout 20m ./...
	# The real content must pass its own checks.
	kb check
	;;
fuzz)
	t=${FUZZTIME:-30s}
	# Every fuzz target in the module, found by its name, so a new one is
	# fuzzed without being listed here.
	grep -rl --include='*_test.go' '^func Fuzz' generator bench | sort | while read -r f; do
		for name in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$f"); do
			go test "./$(dirname "$f")" -run '^$' -fuzz "^$name\$" -fuzztime "$t"
		done
	done
	;;
bench)
	# Side by side with Hugo and Pagefind on generated corpora; writes
	# bench/RESULTS.md and bench/build-time.svg (BENCH_RUNS, BENCH_SIZES: see bench/README.md).
	shift
	bash bench/run.sh "$@"
	;;
bench-go)
	# The Go benchmarks of the hot stages, for benchstat.
	go test -run '^$' -bench . -benchmem -timeout 60m ./generator/...
	;;
*)
	echo "usage: ./build.sh [build|test|check|serve|fuzz|bench|bench-go]" >&2
	exit 2
	;;
esac
