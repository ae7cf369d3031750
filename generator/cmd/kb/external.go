package main

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/linkcheck"
	"kunskapsbanken/generator/internal/site"
)

// externalCache is where kb check -external remembers the links that
// worked, so that repeated runs ask only about new and failing ones.
const externalCache = ".cache/externa-lankar.json"

// checkExternal checks every http and https link of the checked pages (in
// their text and in their sources) and returns the problems.
func checkExternal(root string, s *site.Site, opts linkcheck.Options) (diag.List, error) {
	var refs []linkcheck.Ref
	for _, p := range s.Pages {
		for _, l := range p.Doc.External {
			refs = append(refs, linkcheck.Ref{URL: l.URL, Path: p.Path, Line: l.Line, Col: l.Col})
		}
		for _, src := range p.Meta.Sources {
			if src.URL != "" {
				refs = append(refs, linkcheck.Ref{URL: src.URL, Path: p.Path, Line: src.URLLine, Col: src.URLCol})
			}
		}
	}
	if opts.CachePath == "" {
		opts.CachePath = filepath.Join(root, filepath.FromSlash(externalCache))
		os.MkdirAll(filepath.Dir(opts.CachePath), 0o755)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	problems, _, err := linkcheck.Check(ctx, refs, opts)
	var out diag.List
	for _, p := range problems {
		if p.Warning {
			out.Warnf(p.Path, p.Line, p.Col, "%s", p.Message)
		} else {
			out.Errorf(p.Path, p.Line, p.Col, "%s", p.Message)
		}
	}
	return out, err
}
