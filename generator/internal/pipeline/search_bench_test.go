package pipeline_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/search/index"
)

// BenchmarkSearchIndex measures the search stage alone: analysing the
// pages of a synthetic corpus and exporting the browser index. Besides
// time and allocations it reports MB-live, what the built Index holds
// (the heap after a collection, less the heap before Build), and
// cpu-s/op, the process's CPU time (user+sys) in Build and Export, which
// a busy machine disturbs less than the wall time.
//
//	go test -run '^$' -bench BenchmarkSearchIndex -benchtime 3x ./generator/internal/pipeline/
//
// The variants named spooled give Build each page's text as kb build
// does: from a spool file, read when Build asks (index.Doc.Body).
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, spooled := range []bool{false, true} {
			name := fmt.Sprintf("pages=%d", n)
			if spooled {
				name += "-spooled"
			}
			b.Run(name, func(b *testing.B) { benchmarkSearchIndex(b, n, spooled) })
		}
	}
}

// benchmarkSearchIndex is one variant of BenchmarkSearchIndex.
func benchmarkSearchIndex(b *testing.B, n int, spooled bool) {
	res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(benchCorpus(b, n))})
	if err != nil || res.Diags.HasErrors() {
		b.Fatalf("build: %v %v", err, res.Diags)
	}
	docs := pipeline.SearchDocs(res.Site)
	if spooled {
		var done func() error
		if docs, done, err = pipeline.SpooledSearchDocs(res.Site, b.TempDir()); err != nil {
			b.Fatal(err)
		}
		defer func() {
			if err := done(); err != nil {
				b.Error(err)
			}
		}()
	}
	w := pipeline.SearchWeights(res.Site.Config)
	b.ReportAllocs()
	bytes := 0
	var live uint64
	var cpu time.Duration
	for b.Loop() {
		bytes = 0
		b.StopTimer()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		start := cpuTime()
		ix := index.Build(docs, w)
		cpu += cpuTime() - start
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		live = after.HeapAlloc - min(before.HeapAlloc, after.HeapAlloc)
		b.StartTimer()
		start = cpuTime()
		for _, f := range ix.Export() {
			bytes += len(f.Data)
		}
		cpu += cpuTime() - start
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(bytes)/1e6, "MB")
	b.ReportMetric(float64(live)/1e6, "MB-live")
	b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "pages/s")
}
