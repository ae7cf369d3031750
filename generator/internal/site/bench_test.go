package site

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/vocab"
	"kunskapsbanken/generator/internal/yamldoc"
)

// BenchmarkAssemble assembles and relates synthetic sites of growing size,
// so that the growth from one size to the next shows in benchstat: a linear
// stage costs the same per page at every size (the pages/s metric).
//
//	go test -run '^$' -bench BenchmarkAssemble -count 6 ./generator/internal/site/
func BenchmarkAssemble(b *testing.B) {
	for _, n := range []int{2500, 10000, 40000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			pages, areas := synthetic(n, 1, 0)
			b.ReportAllocs()
			for b.Loop() {
				s, d := Assemble(pages, nil, config.Default, areas, vocab.Sweden(), false)
				if d.HasErrors() {
					b.Fatal(d)
				}
				s.Relate(nil, nil)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// synthetic makes n case studies and n/100 initiatives shaped like
// bench/gencorpus's: 26 areas and the municipalities drawn with skewed
// (Zipf-like) weights, one to three areas a page, about one case study in
// five in an initiative, some regional work without a municipality. Pages
// with more than wide areas are added every 50th page, up to all 26 areas.
func synthetic(n int, seed uint64, wide int) ([]*page.Page, *vocab.Areas) {
	r := rand.New(rand.NewPCG(seed, 7))
	var src strings.Builder
	src.WriteString("areas:\n")
	const nAreas = 26
	for i := range nAreas {
		fmt.Fprintf(&src, "  - {id: a%d, label: Område %d, description: x}\n", i, i)
	}
	var diags diag.List
	areas := vocab.ParseAreas("omraden.yaml", []byte(src.String()), &diags)
	if diags.HasErrors() {
		panic(diags)
	}
	names := vocab.Sweden().Names()
	skewed := func(k int) int { // index in [0, k), small ones far more often
		return int(float64(k) * r.Float64() * r.Float64())
	}
	item := func(v string) yamldoc.Item { return yamldoc.Item{Value: v, Line: 1, Col: 1} }
	day0 := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	nInit := n/100 + 1
	var out []*page.Page
	for i := range nInit {
		slug := fmt.Sprintf("init-%d", i)
		out = append(out, &page.Page{File: &page.File{Path: "content/initiativ/" + slug + ".md", Kind: page.Initiative, Slug: slug},
			Meta: page.Meta{Title: fmt.Sprintf("Initiativ %d", i), Published: yamldoc.Date{Time: day0}}})
	}
	for i := range n {
		slug := fmt.Sprintf("fall-%d", i)
		m := page.Meta{Title: fmt.Sprintf("Fall %d", r.IntN(n)), Status: "pilot",
			Published: yamldoc.Date{Time: day0.AddDate(0, 0, r.IntN(14*365))}}
		if r.IntN(20) > 0 {
			it := item(names[skewed(len(names))])
			m.Municipality = &it
		} else {
			m.Region = "Region"
		}
		na := 1 + r.IntN(3)
		if wide > 0 && i%50 == 0 {
			na = wide + r.IntN(nAreas-wide+1)
		}
		seen := map[int]bool{}
		for len(m.Areas) < na {
			a := skewed(nAreas)
			if na > 3 {
				a = r.IntN(nAreas)
			}
			if !seen[a] {
				seen[a] = true
				m.Areas = append(m.Areas, item(fmt.Sprintf("a%d", a)))
			}
		}
		for r.IntN(5) == 0 && len(m.Initiatives) < 3 {
			m.Initiatives = append(m.Initiatives, item(fmt.Sprintf("init-%d", skewed(nInit))))
		}
		out = append(out, &page.Page{File: &page.File{Path: "content/fallstudier/" + slug + ".md", Kind: page.CaseStudy, Slug: slug}, Meta: m})
	}
	return out, areas
}
