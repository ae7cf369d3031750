package sitetest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/browsertest"
	"kunskapsbanken/generator/internal/pipeline"
)

// base is the base path the site is built and served under: not "/", so
// that a link that forgets it fails.
const base = "/kb/"

var (
	siteDir string // the built site
	siteURL string // where it is served, ending in base
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := browsertest.RepoRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "kb-sitetest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	siteDir = filepath.Join(tmp, "public")
	res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(root), Out: siteDir, BaseURL: base})
	if err != nil {
		fmt.Fprintln(os.Stderr, "building the site:", err)
		return 1
	}
	if res.Diags.HasErrors() || !res.Published {
		fmt.Fprintln(os.Stderr, "the repository's site does not build:")
		res.Diags.WriteText(os.Stderr)
		return 1
	}
	h, err := browsertest.Handler(siteDir, base)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	siteURL = srv.URL + base

	defer browsertest.Close()
	return m.Run()
}

// kind is one kind of page of the site, by one example.
type kind struct {
	Name   string
	Path   string // under the base path, such as "fallstudier/"
	Status int    // the HTTP status it is served with
}

func (k kind) URL() string { return siteURL + k.Path }

// kinds finds one page of every kind in the built site. For a kind with
// several pages it takes the largest. A kind the site lacks is an error of
// the test.
func kinds(t *testing.T) []kind {
	t.Helper()
	ks, missing := discover()
	for _, k := range missing {
		t.Errorf("the built site has no page of kind %q (looked for %sindex.html)", k.Name, strings.Replace(k.Path, "/-", "/*/", 1))
	}
	return ks
}

func discover() (found, missing []kind) {
	for _, k := range []kind{
		{Name: "home", Path: ""},
		{Name: "case study", Path: largest("fallstudier", "sida")},
		{Name: "case-study list", Path: "fallstudier/"},
		{Name: "area", Path: largest("omraden", "sida")},
		{Name: "municipality", Path: largest("kommuner", "sida")},
		{Name: "county", Path: largest("lan", "sida")},
		{Name: "status", Path: largest("status", "sida")},
		{Name: "tag", Path: largest("taggar", "sida")},
		{Name: "initiative", Path: largest("initiativ", "sida")},
		{Name: "free page", Path: "sidor/om/"},
		{Name: "accessibility statement", Path: "tillganglighet/"},
		{Name: "search", Path: "sok/"},
		{Name: "404", Path: "sidan-finns-inte/", Status: 404},
		{Name: "list of areas", Path: "omraden/"},
		{Name: "list of municipalities", Path: "kommuner/"},
		{Name: "who uses what", Path: "vem-anvander-vad/"},
		{Name: "area with lessons", Path: withLessons("omraden")},
		{Name: "municipality with lessons", Path: withLessons("kommuner")},
		{Name: "case study with lessons", Path: withLessons("fallstudier")},
	} {
		if k.Status == 0 {
			k.Status = 200
		}
		if k.Status == 200 && !exists(k.Path+"index.html") {
			missing = append(missing, k)
			continue
		}
		found = append(found, k)
	}
	return found, missing
}

func kindNamed(t *testing.T, name string) kind {
	t.Helper()
	ks, _ := discover()
	for _, k := range ks {
		if k.Name == name {
			return k
		}
	}
	t.Fatalf("the built site has no page of kind %q", name)
	return kind{}
}

func exists(rel string) bool {
	_, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(rel)))
	return err == nil
}

// pagesUnder lists the folders under section that hold an index.html, as
// paths like "omraden/ai/", sorted, without the ones named in except.
func pagesUnder(section string, except ...string) []string {
	entries, err := os.ReadDir(filepath.Join(siteDir, section))
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		p := section + "/" + e.Name() + "/"
		if e.IsDir() && !slices.Contains(except, e.Name()) && exists(p+"index.html") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// largest is the page under section with the largest HTML file (the first
// by name of equals): the one most likely to use every part of its layout.
// It is section+"/-", which exists nowhere, when section has no page.
func largest(section string, except ...string) string {
	best, size := section+"/-", int64(-1)
	for _, p := range pagesUnder(section, except...) {
		info, err := os.Stat(filepath.Join(siteDir, filepath.FromSlash(p), "index.html"))
		if err == nil && info.Size() > size {
			best, size = p, info.Size()
		}
	}
	return best
}

// withLessons is the first page under section, by name, that shows
// lessons; section+"/-" when none does.
func withLessons(section string) string {
	for _, p := range pagesUnder(section, "sida") {
		data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(p), "index.html"))
		if err == nil && strings.Contains(string(data), `<section class="lessons"`) {
			return p
		}
	}
	return section + "/-"
}

// open opens a page of the site in the shared browser.
func open(t *testing.T, k kind, opts ...browsertest.Option) *browsertest.Page {
	t.Helper()
	if k.Status != 200 {
		opts = append(opts, browsertest.Status(k.Status))
	}
	return browsertest.Browser(t).Open(t, k.URL(), opts...)
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }
