package pipeline_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/pipeline"
)

// benchRepo is the repository root, seen from this package's folder.
const benchRepo = "../../.."

// BenchmarkBuild runs the whole pipeline, load to publish, over synthetic
// corpora of case studies made by bench/gencorpus (through bench/corpus.sh).
// Each corpus is generated once into os.TempDir()/kunskapsbanken-bench/<n>
// and reused by later runs while the generator is unchanged. The sizes are
// KB_BENCH_PAGES, comma-separated (default 1000,10000). For each size:
//
//   - fresh: every iteration publishes into a new, empty folder (a CI build);
//   - rebuild: every iteration publishes over the site the previous one
//     published (an editor's or a server's kb build), so it pays for the
//     record, the hard links and the removal of the site before last.
//
// Besides time and allocations it reports pages/s and bytes allocated per
// page, the figures a regression in any stage moves.
//
//	KB_BENCH_PAGES=10000 go test -run '^$' -bench BenchmarkBuild -count 6 -benchmem ./generator/internal/pipeline/ | tee new.txt
//	go run golang.org/x/perf/cmd/benchstat old.txt new.txt
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes(b, "KB_BENCH_PAGES", []int{1000, 10000}) {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			root := benchCorpus(b, n)
			b.Run("fresh", func(b *testing.B) {
				outs := b.TempDir()
				i := 0
				benchBuilds(b, root, n, func() string {
					// Each build into its own folder; the one before is
					// removed untimed, so the disk does not fill up.
					if i > 0 {
						if err := os.RemoveAll(filepath.Join(outs, strconv.Itoa(i-1))); err != nil {
							b.Fatal(err)
						}
					}
					i++
					return filepath.Join(outs, strconv.Itoa(i-1))
				})
			})
			b.Run("rebuild", func(b *testing.B) {
				out := filepath.Join(b.TempDir(), "public")
				if _, err := pipeline.Run(pipeline.Options{Root: os.DirFS(root), Out: out}); err != nil {
					b.Fatal(err)
				}
				benchBuilds(b, root, n, func() string { return out })
			})
		})
	}
}

// benchBuilds times b.N builds of the project at root into the folders
// next gives, and reports pages/s and bytes allocated per page.
func benchBuilds(b *testing.B, root string, n int, next func() string) {
	fsys := os.DirFS(root)
	b.ReportAllocs()
	var before, after runtime.MemStats
	var alloc uint64
	pages := 0
	for b.Loop() {
		b.StopTimer()
		out := next()
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
}

// benchSizes reads a comma-separated list of corpus sizes from the
// environment variable name, or gives def when it is unset.
func benchSizes(b *testing.B, name string, def []int) []int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	var sizes []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			b.Fatalf("%s=%q: want sizes like 1000,10000", name, v)
		}
		sizes = append(sizes, n)
	}
	return sizes
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
