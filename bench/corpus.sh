#!/usr/bin/env bash
# Make a buildable project of N synthetic case studies in DIR.
#
#   bench/corpus.sh N DIR
#
# DIR/content/fallstudier/*.md comes from bench/gencorpus (seed 1); the
# repository's site.yaml, content/omraden.yaml and themes/ are copied in, so
# the corpus is checked against the project's real vocabulary and built with
# its real theme. Build it with: bin/kb build -root DIR -out DIR/public
#
# Idempotent: the generated pages are reused when DIR already holds N pages
# made with the same seed from the same generator source (a stamp file records
# N, the seed and the generator's SHA-256). The small project files are
# copied again on every run, so the corpus follows the project's theme and
# vocabulary.
set -euo pipefail

if [ $# -ne 2 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: bench/corpus.sh N DIR" >&2
	exit 2
fi
n=$1
dir=$2
seed=1
repo=$(cd "$(dirname "$0")/.." && pwd)
gen=$repo/bench/gencorpus/main.go

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

sum=$(sha256sum "$gen" | cut -d' ' -f1)
want="n=$n seed=$seed gencorpus=$sum"
stamp=$dir/.corpus-stamp

have_pages() {
	find "$dir/content/fallstudier" -maxdepth 1 -name '*.md' 2>/dev/null | wc -l
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ "$(have_pages)" -eq "$n" ]; then
	echo "corpus.sh: reusing $n pages in $dir" >&2
else
	echo "corpus.sh: generating $n pages in $dir" >&2
	rm -f "$stamp"
	# Generate next to the target and swap it in, so an interrupted run
	# never leaves a half corpus that looks finished.
	tmp=$(mktemp -d "$dir/.gen.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	(cd "$repo" && go run ./bench/gencorpus -n "$n" -out "$tmp" -seed "$seed")
	rm -rf "$dir/content/fallstudier"
	mkdir -p "$dir/content"
	mv "$tmp/fallstudier" "$dir/content/fallstudier"
	rm -rf "$tmp"
	trap - EXIT
	echo "$want" >"$stamp"
fi

cp "$repo/site.yaml" "$dir/site.yaml"
mkdir -p "$dir/content"
cp "$repo/content/omraden.yaml" "$dir/content/omraden.yaml"
rm -rf "$dir/themes"
cp -R "$repo/themes" "$dir/themes"
