// Package config reads site.yaml, the site's settings.
package config

import (
	"net/url"
	"strings"

	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/yamldoc"
)

// Site is the settings of site.yaml.
type Site struct {
	Title       string // the site's name
	Description string // one sentence for the home page and search engines
	BaseURL     string // absolute URL of the site's root, ending in "/": "https://example.org/kunskapsbank/"
	Language    string // "sv"
	Repository  string // web URL of the repository, for "edit this page" links; may be empty
	Branch      string // the branch edit links point at
	Theme       string // folder under themes/; kb embeds default
	PageSize    int    // entries on one page of a list

	// ThemeLine and ThemeCol are where site.yaml names the theme, for
	// messages about it; 0 when it does not.
	ThemeLine, ThemeCol int

	// SearchWeights are the search ranking's weights (search.weights),
	// by name: titel, sammanfattning, amnen, rubriker, lardomar, text, delar, exakt,
	// prefix, folded, typo. A name left out keeps its default.
	SearchWeights map[string]float64
}

// SearchWeightNames are the keys of search.weights.
var SearchWeightNames = []string{"titel", "sammanfattning", "amnen", "rubriker", "lardomar", "text", "delar", "exakt", "prefix", "folded", "typo"}

// BasePath is the path part of BaseURL, "/kunskapsbank/" or "/": every link
// in the site starts with it, so the site works under a sub-path.
func (s Site) BasePath() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

// Origin is the scheme and host of BaseURL, "https://example.org", or ""
// when BaseURL is only a path. Absolute URLs (canonical links, feeds) are
// Origin + BasePath + a page's URL.
func (s Site) Origin() string {
	u, err := url.Parse(s.BaseURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// Default is what a key left out of site.yaml means.
var Default = Site{
	Title:    "Kunskapsbanken",
	BaseURL:  "/",
	Language: "sv",
	Branch:   "main",
	Theme:    "default",
	PageSize: 20,
}

var keys = []string{"title", "description", "baseURL", "language", "repository", "branch", "theme", "pageSize", "search"}

// Parse reads site.yaml.
func Parse(path string, src []byte, diags *diag.List) Site {
	s := Default
	r := &yamldoc.Reader{Path: path, Diags: diags}
	root := r.Parse(src)
	if root == nil {
		return s
	}
	for _, f := range r.Fields(root, keys) {
		switch f.Key {
		case "title":
			s.Title, _ = r.String(f, 120)
		case "description":
			s.Description, _ = r.String(f, 300)
		case "baseURL":
			if v, ok := r.String(f, 0); ok {
				if base, msg := NormalizeBaseURL(v); msg != "" {
					r.Errorf(f.Value, "baseURL: %s", msg)
				} else {
					s.BaseURL = base
				}
			}
		case "language":
			s.Language, _ = r.String(f, 10)
		case "repository":
			if v, ok := r.URL(f); ok {
				s.Repository = strings.TrimSuffix(v, "/")
			}
		case "branch":
			s.Branch, _ = r.String(f, 100)
		case "theme":
			s.Theme, _ = r.String(f, 100)
			s.ThemeLine, s.ThemeCol = r.Pos(f.Value)
		case "pageSize":
			var n int
			if err := f.Value.Decode(&n); err != nil || n < 1 || n > 1000 {
				r.Errorf(f.Value, "pageSize ska vara ett heltal mellan 1 och 1000")
			} else {
				s.PageSize = n
			}
		case "search":
			s.SearchWeights = parseSearch(r, f)
		}
	}
	return s
}

// parseSearch reads the search mapping: weights, each a number from 0 to 100.
func parseSearch(r *yamldoc.Reader, f yamldoc.Field) map[string]float64 {
	m, ok := r.Mapping(f)
	if !ok {
		return nil
	}
	var out map[string]float64
	for _, sf := range r.Fields(m, []string{"weights"}) {
		wm, ok := r.Mapping(sf)
		if !ok {
			continue
		}
		for _, wf := range r.Fields(wm, SearchWeightNames) {
			var v float64
			if err := wf.Value.Decode(&v); err != nil || v < 0 || v > 100 {
				r.Errorf(wf.Value, "search.weights.%s ska vara ett tal mellan 0 och 100", wf.Key)
				continue
			}
			if out == nil {
				out = map[string]float64{}
			}
			out[wf.Key] = v
		}
	}
	return out
}

// NormalizeBaseURL checks a base URL (absolute, or a path such as
// "/kunskapsbank/") and returns it ending in "/". msg says what is wrong.
func NormalizeBaseURL(v string) (base, msg string) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http") || (u.Scheme == "" && !strings.HasPrefix(v, "/")) || u.RawQuery != "" || u.Fragment != "" {
		return "", "skriv en adress som https://example.org/kunskapsbank/ eller en sökväg som /kunskapsbank/"
	}
	if !strings.HasSuffix(v, "/") {
		v += "/"
	}
	return v, ""
}
