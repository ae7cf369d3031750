package pipeline

import (
	"bytes"
	"path"
	"strings"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/page"
)

// affected splits the site's files for a check of the changed paths: the
// changed pages and every page whose text mentions one of them by file name
// (a link, an initiative slug) are checked; the others are only known. keep
// says which files' problems to report. When a change reaches every page (the
// settings, the vocabulary, the theme, the generator), all files are checked
// and keep is nil. Changes outside content/ otherwise (documentation, CI)
// check nothing.
func affected(all []*page.File, changed []string, theme string) (check, others []*page.File, keep func(string) bool) {
	report := map[string]bool{}
	var names []mention // what a mention of a changed page looks like
	for _, p := range changed {
		p = path.Clean(strings.TrimPrefix(p, "./"))
		if p == load.ConfigPath || p == load.AreasPath || p == load.StatementPath || strings.HasPrefix(p, "themes/"+theme+"/") ||
			strings.HasPrefix(p, "generator/") || p == "go.mod" || p == "go.sum" {
			return all, nil, nil // settings, vocabulary, theme or the rules themselves
		}
		if !strings.HasPrefix(p, load.ContentDir+"/") {
			continue
		}
		report[p] = true
		// content/<kind>/<slug>.md or content/<kind>/<slug>/…: the slug is
		// what other pages write to link to it or name it.
		parts := strings.Split(p, "/")
		if len(parts) >= 3 {
			names = append(names, mention{[]byte(strings.TrimSuffix(parts[2], ".md")), parts[1] == string(page.Initiative)})
		}
	}
	for _, f := range all {
		mentions := report[f.Path]
		for _, n := range names {
			if mentions {
				break
			}
			mentions = n.in(f.Data)
		}
		// A page bundle is reported when any of its files changed.
		if !mentions && f.Bundle {
			dir := f.Dir()
			for p := range report {
				if strings.HasPrefix(p, dir) {
					mentions = true
					break
				}
			}
		}
		if mentions {
			report[f.Path] = true
			check = append(check, f)
		} else {
			others = append(others, f)
		}
	}
	return check, others, func(p string) bool { return report[p] }
}

// mention is how other pages name a page: a link to its file
// (lund-las.md, lund-las/index.md) or, for an initiative, its slug as a word
// in a list of initiatives.
type mention struct {
	slug       []byte
	initiative bool
}

func (m mention) in(data []byte) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], m.slug)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(m.slug)
		i = start + 1
		if start > 0 && isSlugByte(data[start-1]) {
			continue
		}
		rest := data[end:]
		if bytes.HasPrefix(rest, []byte(".md")) || bytes.HasPrefix(rest, []byte("/index.md")) {
			return true
		}
		if m.initiative && (len(rest) == 0 || !isSlugByte(rest[0])) {
			return true
		}
	}
}

func isSlugByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

// filter keeps the messages about files keep accepts.
func filter(l diag.List, keep func(string) bool) diag.List {
	out := l[:0]
	for _, d := range l {
		if keep(d.Path) {
			out = append(out, d)
		}
	}
	return out
}
