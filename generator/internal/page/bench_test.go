package page

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParse reads the front matter of a case study shaped like the
// generated corpus's: the first stage that touches every page.
func BenchmarkParse(b *testing.B) {
	src := []byte(`---
title: "Positioneringslarm ger bättre arbetsmiljö i Bollnäs"
summary: "Positioneringslarm i Bollnäs: bakgrund, genomförande, resultat och lärdomar."
municipality: Bollnäs
organisations: ["Kommunens IT-avdelning"]
areas: [positioneringslarm, trygghetslarm]
status: implemented
started: 2024
published: 2024-11-26
tags: [rehabilitering, trygghet]
sources:
  - title: "Rapport: positioneringslarm i äldreomsorgen"
    url: https://example.org/kommunens-webbplats/534478
    publisher: "Kommunens webbplats"
---

` + strings.Repeat("Efter 18 månader var 20 procent av medarbetarna nöjda med positioneringslarm.\n\n", 80))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		f := &File{Path: fmt.Sprintf("content/fallstudier/p%d.md", i), Kind: CaseStudy, Slug: "p", Data: src}
		if p, d := Parse(f); p == nil || len(d) > 0 {
			b.Fatal(d)
		}
	}
}
