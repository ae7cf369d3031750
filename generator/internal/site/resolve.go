package site

import (
	"net/url"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kunskapsbanken/generator/internal/markdown"
)

// Resolver returns the link resolver for the Markdown of page p.
//
// Editors link pages as relative paths to their .md files
// ("../fallstudier/lund-digitala-las.md#resultat"), the way links work on
// GitHub and in their editor's preview; the resolver turns them into the
// final URL under the site's base path. Other relative paths are bundle
// resources ("bild.jpg"). Site-absolute paths ("/omraden/") are taken as
// they are, under the base path.
func (s *Site) Resolver(p *Page) markdown.Resolver { return resolver{s, p} }

// Target returns the content path that a link destination written in page
// p refers to ("content/fallstudier/lund.md"), or "" for a destination that
// is not a file of the project (a site path, a fragment). The path is where
// the link looks, whether or not anything is there.
func Target(p *Page, dest string) string {
	target := dest
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target = target[:i]
	}
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	if target == "" || strings.HasPrefix(target, "/") {
		return ""
	}
	return cleanJoin(p.Source.Dir(), norm.NFC.String(target))
}

type resolver struct {
	s *Site
	p *Page
}

func (r resolver) Resolve(dest string, isImage bool) (string, string) {
	base := r.s.Config.BasePath()
	target, frag := dest, ""
	if i := strings.IndexAny(target, "#?"); i >= 0 {
		target, frag = target[:i], target[i:]
	}
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	target = norm.NFC.String(target) // file names are matched in NFC, however they were typed
	if target == "" {
		return dest, ""
	}
	if strings.HasPrefix(target, "/") {
		return base + strings.TrimPrefix(target, "/") + frag, ""
	}
	full := cleanJoin(r.p.Source.Dir(), target)
	if strings.HasSuffix(target, ".md") {
		if isImage {
			return dest, "en bild kan inte vara en sida; länka sidan med [text](" + dest + ") i stället"
		}
		to := r.s.byPath[full]
		if to == nil && strings.HasSuffix(full, ".md") {
			// A bundle may be linked by its folder's name: ../fallstudier/x.md for x/index.md.
			to = r.s.byPath[strings.TrimSuffix(full, ".md")+"/index.md"]
		}
		if to == nil {
			if r.s.drafts[full] || r.s.drafts[strings.TrimSuffix(full, ".md")+"/index.md"] {
				return dest, "länken går till " + full + ", som är ett utkast (draft: true) och inte publiceras; ta bort länken tills sidan publiceras"
			}
			return dest, "länken går till " + full + ", som inte finns" + r.suggestPage(full) + "; länka med en relativ sökväg till .md-filen, till exempel ../fallstudier/lund-digitala-las.md"
		}
		return base + to.URL + frag, ""
	}
	if res, ok := r.s.resources[full]; ok {
		return base + (&url.URL{Path: res.url}).EscapedPath() + frag, ""
	}
	msg := "länken går till " + full + ", som inte finns"
	if isImage {
		msg = "bilden " + full + " finns inte"
	}
	if !r.p.Source.Bundle {
		msg += "; bilder och bilagor läggs bredvid sidan i en egen mapp: gör om sidan till " + strings.TrimSuffix(r.p.Path, ".md") + "/index.md och lägg filen där"
	} else {
		msg += r.suggestResource(full)
	}
	return dest, msg
}

func (r resolver) suggestPage(full string) string {
	var paths []string
	for p := range r.s.byPath {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return didYouMeanPath(full, paths)
}

func (r resolver) suggestResource(full string) string {
	var paths []string
	for p := range r.s.resources {
		if strings.HasPrefix(p, r.p.Source.Dir()) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	return didYouMeanPath(full, paths)
}
