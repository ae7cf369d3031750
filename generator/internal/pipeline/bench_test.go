package pipeline_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"kunskapsbanken/generator/internal/pipeline"
)

// benchRepo is the repository root, seen from this package's folder.
const benchRepo = "../../.."

// BenchmarkBuild runs the whole pipeline, load to publish, over synthetic
// corpora of case studies made by bench/gencorpus (through bench/corpus.sh).
// Each corpus is generated once into os.TempDir()/kunskapsbanken-bench/<n>
// and reused by later runs while the generator is unchanged. Every iteration
// publishes into a fresh, empty folder, so each one is a full cold build.
//
//	go test -run '^$' -bench BenchmarkBuild -benchtime 3x -benchmem ./generator/internal/pipeline/
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := benchCorpus(b, n)
			fsys := os.DirFS(root)
			outs := b.TempDir()
			b.ReportAllocs()

			var before, after runtime.MemStats
			var alloc uint64
			pages, i := 0, 0
			prev := ""
			for b.Loop() {
				b.StopTimer()
				if prev != "" {
					// Keep the disk from filling up with earlier builds.
					if err := os.RemoveAll(prev); err != nil {
						b.Fatal(err)
					}
				}
				out := filepath.Join(outs, strconv.Itoa(i))
				i++
				prev = out
				runtime.ReadMemStats(&before)
				b.StartTimer()

				res, err := pipeline.Run(pipeline.Options{Root: fsys, Out: out})

				b.StopTimer()
				runtime.ReadMemStats(&after)
				alloc += after.TotalAlloc - before.TotalAlloc
				if err != nil {
					b.Fatal(err)
				}
				if res.Diags.HasErrors() {
					errs, warns := res.Diags.Count()
					b.Logf("%d errors, %d warnings; the first ones:", errs, warns)
					for k, d := range res.Diags {
						if k == 20 {
							break
						}
						b.Log(d.String())
					}
					b.Fatalf("the %d-page corpus does not build", n)
				}
				if !res.Published {
					b.Fatal("build finished without errors but did not publish")
				}
				pages += len(res.Site.Pages)
				b.StartTimer()
			}
			if pages == 0 {
				return
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(alloc)/float64(pages), "B/page")
		})
	}
}

// benchCorpus returns the folder of a buildable project with n generated case
// studies, making it with bench/corpus.sh when it is missing or stale.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "kunskapsbanken-bench", strconv.Itoa(n))
	script, err := filepath.Abs(filepath.Join(benchRepo, "bench", "corpus.sh"))
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("bash", script, strconv.Itoa(n), dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("bench/corpus.sh %d %s: %v\n%s", n, dir, err, out)
	}
	return dir
}
