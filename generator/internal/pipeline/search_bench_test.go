package pipeline_test

import (
	"fmt"
	"os"
	"testing"

	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/search/index"
)

// BenchmarkSearchIndex measures the search stage alone: analysing the
// pages of a synthetic corpus and exporting the browser index.
//
//	go test -run '^$' -bench BenchmarkSearchIndex -benchtime 3x ./generator/internal/pipeline/
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(benchCorpus(b, n))})
			if err != nil || res.Diags.HasErrors() {
				b.Fatalf("build: %v %v", err, res.Diags)
			}
			docs := pipeline.SearchDocs(res.Site)
			w := pipeline.SearchWeights(res.Site.Config)
			b.ReportAllocs()
			bytes := 0
			for b.Loop() {
				bytes = 0
				for _, f := range index.Build(docs, w).Export() {
					bytes += len(f.Data)
				}
			}
			b.ReportMetric(float64(bytes)/1e6, "MB")
			b.ReportMetric(float64(n)/(b.Elapsed().Seconds()/float64(b.N)), "pages/s")
		})
	}
}
