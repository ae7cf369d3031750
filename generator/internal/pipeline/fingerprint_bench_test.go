package pipeline

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkFingerprints measures the fingerprints of every output page of
// the 10,000-page corpus, which the preview computes on every update.
//
//	go test -run '^$' -bench BenchmarkFingerprints ./generator/internal/pipeline/
func BenchmarkFingerprints(b *testing.B) {
	dir := filepath.Join(os.TempDir(), "kunskapsbanken-bench", strconv.Itoa(10000))
	if _, err := os.Stat(dir); err != nil {
		b.Skip("no corpus: run BenchmarkBuild first")
	}
	p := NewPreview(Options{Root: os.DirFS(dir)})
	u, err := p.Update(nil)
	if err != nil || !u.Published {
		b.Fatalf("first update: %v", err)
	}
	jobs := p.theme.Jobs(u.Site, true)
	b.ResetTimer()
	for b.Loop() {
		p.theme.Fingerprints(p.seed, jobs)
	}
}
