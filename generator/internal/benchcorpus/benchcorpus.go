// Package benchcorpus gives the preview's benchmarks (pipeline's
// BenchmarkPreviewUpdate, serve's BenchmarkSaveToReload) the same corpus
// and the same edits, so their figures can be set side by side: the
// generated corpus of bench/corpus.sh, and the two kinds of edit an editor
// makes to a case study.
package benchcorpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Dir makes the corpus of n case studies with bench/corpus.sh of the
// repository at repo (kept between runs in the system's temporary folder,
// which corpus.sh reuses when it is whole) and returns its folder and its
// case studies' files, sorted.
func Dir(tb testing.TB, repo string, n int) (dir string, pages []string) {
	tb.Helper()
	dir = filepath.Join(os.TempDir(), "kunskapsbanken-bench", strconv.Itoa(n))
	cmd := exec.Command("bash", filepath.Join(repo, "bench", "corpus.sh"), strconv.Itoa(n), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("bench/corpus.sh: %v\n%s", err, out)
	}
	pages, _ = filepath.Glob(filepath.Join(dir, "content", "fallstudier", "*.md"))
	slices.Sort(pages)
	return dir, pages
}

// Kinds are the kinds of edit, in the order the benchmarks run them.
var Kinds = []string{"body", "title"}

// Edit returns src, a case study's file, with an edit of the kind: body
// adds a paragraph holding marker before the first heading, title puts
// marker into the title (which lists, related boxes and municipality
// pages show too).
func Edit(kind, src, marker string) string {
	switch kind {
	case "body":
		return strings.Replace(src, "\n## ", "\nÄndring "+marker+".\n\n## ", 1)
	case "title":
		return strings.Replace(src, "\ntitle: \"", "\ntitle: \"Ändrad "+marker+" ", 1)
	}
	panic("benchcorpus: no edit of kind " + kind)
}
