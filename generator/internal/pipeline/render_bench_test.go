package pipeline_test

import (
	"fmt"
	"os"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/render"
)

// BenchmarkRenderPages measures the render stage alone: every output page of a
// synthetic corpus through the default theme, into an emit that only
// counts bytes (no disk), so template and minify costs stand apart from
// the output stage's. On a shared machine, wall time says little: it also
// reports the process's CPU time (user+sys) per build, cpu-s/op.
//
//	KB_BENCH_PAGES=1000 go test -run '^$' -bench BenchmarkRenderPages -count 6 -benchmem ./generator/internal/pipeline/
func BenchmarkRenderPages(b *testing.B) {
	for _, n := range benchSizes(b, "KB_BENCH_PAGES", []int{1000}) {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(benchCorpus(b, n))})
			if err != nil || res.Diags.HasErrors() {
				b.Fatalf("build: %v %v", err, res.Diags)
			}
			files, d := load.ReadTheme(os.DirFS(benchRepo), "default", 0, 0) // the repository's theme, as edited
			if d.HasErrors() {
				b.Fatal(d)
			}
			theme, d := render.LoadTheme("themes/default", files.Files, res.Site.Config.Language)
			if d.HasErrors() {
				b.Fatal(d)
			}
			jobs := theme.Jobs(res.Site, false)
			b.ReportAllocs()
			var bytes atomic.Int64
			start := cpuTime()
			for b.Loop() {
				bytes.Store(0)
				err := theme.RenderPages(res.Site, jobs, func(_ string, data []byte) error {
					bytes.Add(int64(len(data)))
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuTime()-start).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(bytes.Load())/1e6, "MB")
			b.ReportMetric(float64(len(jobs))/(b.Elapsed().Seconds()/float64(b.N)), "pages/s")
		})
	}
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
