package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/benchcorpus"
)

// BenchmarkPreviewUpdate measures Preview.Update alone (no server, no
// watcher) on a copy of the 10,000-page generated corpus: each edit is of
// another case study, named as the watcher names it, with that page in
// view. It reports the median and 90th percentile of the updates and logs
// the median of each stage, which is where serve.BenchmarkSaveToReload's
// time goes before the page is served.
//
//	go test -run '^$' -bench BenchmarkPreviewUpdate -benchtime 20x ./generator/internal/pipeline/
func BenchmarkPreviewUpdate(b *testing.B) {
	src, _ := benchcorpus.Dir(b, repoRoot, 10000)
	root := b.TempDir() // a copy: the edits must not change the shared corpus
	if err := os.CopyFS(root, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(root, "content", "fallstudier", "*.md"))
	slices.Sort(pages)
	p := NewPreview(Options{Root: os.DirFS(root), BaseURL: "/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		b.Fatalf("first update: %v %v", err, u.Diags)
	}
	next := 0
	for _, kind := range benchcorpus.Kinds {
		b.Run(kind, func(b *testing.B) {
			var times []time.Duration
			stages := map[string][]time.Duration{}
			var names []string
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				file := pages[(next*7919)%len(pages)]
				next++
				data, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				marker := fmt.Sprintf("kbbench%d", next)
				edited := benchcorpus.Edit(kind, string(data), marker)
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				rel, _ := filepath.Rel(root, file)
				rel = filepath.ToSlash(rel)
				out := "fallstudier/" + strings.TrimSuffix(filepath.Base(file), ".md") + "/index.html"
				p.WaitSearch()
				b.StartTimer()
				u, err := p.Update([]string{rel}, out)
				b.StopTimer()
				if err != nil || !u.Published {
					b.Fatalf("update: %v %v", err, u.Diags)
				}
				if page, _, _ := p.File(out); !strings.Contains(string(page), marker) {
					b.Fatalf("%s does not show %s", out, marker)
				}
				times = append(times, u.Elapsed)
				for _, st := range u.Stages {
					if _, ok := stages[st.Name]; !ok {
						names = append(names, st.Name)
					}
					stages[st.Name] = append(stages[st.Name], st.Time)
				}
				b.StartTimer()
			}
			b.StopTimer()
			median := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
			for _, n := range names {
				b.Logf("%-10s %6.1f ms", n, float64(median(stages[n]).Microseconds())/1000)
			}
			slices.Sort(times)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(times[len(times)/2]), "ms-median")
			b.ReportMetric(ms(times[(len(times)*9+9)/10-1]), "ms-p90")
		})
	}
}
