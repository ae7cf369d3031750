package site

import (
	"sort"
	"strings"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/markdown"
)

// Link takes the Markdown stage's results, one for each page in s.Pages
// order, stores them on the pages, reports their problems, and works out
// backlinks from the links between pages.
func (s *Site) Link(docs []markdown.Result) diag.List {
	var diags diag.List
	byURL := make(map[string]*Page, len(s.Pages))
	for _, p := range s.Pages {
		byURL[s.Config.BasePath()+p.URL] = p
	}
	for i, p := range s.Pages {
		p.Doc = docs[i]
		for _, pr := range p.Doc.Problems {
			diags.Errorf(p.Path, pr.Line, pr.Col, "%s", pr.Message)
		}
		seen := map[*Page]bool{p: true}
		for _, l := range p.Doc.Links {
			if l.Image {
				continue
			}
			u := l.URL
			if i := strings.IndexAny(u, "#?"); i >= 0 {
				u = u[:i]
			}
			if to := byURL[u]; to != nil && !seen[to] {
				seen[to] = true
				to.Backlinks = append(to.Backlinks, p)
			}
		}
	}
	for _, p := range s.Pages {
		sortByTitle(p.Backlinks)
	}
	return diags
}

// didYouMeanPath suggests the paths whose file names are closest to full's.
func didYouMeanPath(full string, paths []string) string {
	// Compare names without their common ending: ".md" would make every
	// page look one third like every other.
	base := func(p string) string { return strings.TrimSuffix(p[strings.LastIndexByte(p, '/')+1:], ".md") }
	names := make([]string, len(paths))
	byName := map[string]string{}
	for i, p := range paths {
		names[i] = base(p)
		if _, ok := byName[names[i]]; !ok {
			byName[names[i]] = p
		}
	}
	best := diag.Closest(base(full), names, 3)
	if len(best) == 0 {
		return ""
	}
	sort.Strings(best)
	out := make([]string, len(best))
	for i, b := range best {
		out[i] = byName[b]
	}
	return "; menade du " + diag.OrList(out) + "?"
}
