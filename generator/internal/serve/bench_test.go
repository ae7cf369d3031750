package serve

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"context"

	"kunskapsbanken/generator/internal/pipeline"
)

// BenchmarkSaveToReload measures, on the 10,000-page generated corpus, the
// time from saving a case study to the moment the preview has the new site
// and tells browsers to reload (the browser's own reload comes on top).
// It reports the median and the slowest of the runs.
func BenchmarkSaveToReload(b *testing.B) {
	dir := filepath.Join(os.TempDir(), "kunskapsbanken-bench", "10000")
	cmd := exec.Command("bash", filepath.Join(repoRoot, "bench", "corpus.sh"), "10000", dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("bench/corpus.sh: %v", err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "content", "fallstudier", "*.md"))
	sort.Strings(pages)
	target := pages[len(pages)/2]
	original, err := os.ReadFile(target)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(target, original, 0o644)

	updates := make(chan *pipeline.Update, 16)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Root: dir, Listener: ln, OnUpdate: func(u *pipeline.Update, _ map[string][]byte) { updates <- u }})
	}()
	defer func() { cancel(); <-done }()
	first := <-updates
	if !first.Published {
		b.Fatalf("first build: %v", first.Diags[:min(10, len(first.Diags))])
	}

	var times, work []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := strings.Replace(string(original), "\n## ", fmt.Sprintf("\nÄndring nummer %d.\n\n## ", i), 1)
		start := time.Now()
		if err := os.WriteFile(target, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		u := <-updates
		times = append(times, time.Since(start))
		work = append(work, u.Elapsed)
		if i == b.N-1 {
			for _, st := range u.Stages {
				b.Logf("%-12s %6.1f ms", st.Name, float64(st.Time.Microseconds())/1000)
			}
		}
		if !u.Published || u.Rendered > 5 {
			b.Fatalf("update: published=%v rendered=%d", u.Published, u.Rendered)
		}
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	sort.Slice(work, func(i, j int) bool { return work[i] < work[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "ms-max")
	b.ReportMetric(float64(work[len(work)/2].Microseconds())/1000, "ms-update-median")
}
