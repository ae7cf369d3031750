package sitetest

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes that hold a URL the browser loads or
// navigates to, by element ("" for any element).
var urlAttrs = map[string][]string{
	"":       {"href", "src"},
	"img":    {"srcset"},
	"source": {"srcset"},
	"video":  {"poster"},
	"form":   {"action"},
	"object": {"data"},
}

// TestLinks checks the built site without a browser: every href, src,
// srcset (and poster, action, data) in every HTML file that stays on the
// site resolves to a file of the output under the base path, and every
// fragment names an id in its target page. Links to other hosts are
// kb check -external's business; a javascript: URL is always an error.
func TestLinks(t *testing.T) {
	problems, err := linkProblems(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestLinkChecker: the checker finds what it must in a small broken site.
func TestLinkChecker(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": `<a href="/kb/a/">ok</a><a href="/kb/a/#x">ok</a><a href="#top-id">ok</a><p id="top-id">` +
			`<a href="/kb/saknas/">1</a><a href="a/#saknas">2</a><a href="/annat/">3</a><a href="javascript:alert(1)">4</a>` +
			`<img src="bild.png" srcset="bild.png 1x, bild-2x.png 2x" alt="">` +
			`<a href="https://example.org/">external</a><a href="mailto:a@b.se">mail</a><a href="a">dir</a>`,
		"a/index.html": `<h2 id="x">x</h2><a href="../../">5</a><a href="#">top</a>`,
		"bild.png":     "png",
		"404.html":     `<a href="#innehall">6</a><a href="kb/">7</a><main id="innehall"></main>`,
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := linkProblems(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`<a href="kb/">: no such file: sidan-finns-inte/kb/index.html (resolved to /kb/sidan-finns-inte/kb/) (on 404.html)`,
		`<a href="../../">: resolves to /, outside the base path /kb/ (on a/index.html)`,
		`<a href="/annat/">: resolves to /annat/, outside the base path /kb/ (on index.html)`,
		`<a href="/kb/saknas/">: no such file: saknas/index.html (resolved to /kb/saknas/) (on index.html)`,
		`<a href="a/#saknas">: a/index.html has no element with id "saknas" (on index.html)`,
		`<a href="javascript:alert(1)">: a script URL (on index.html)`,
		`<img srcset="bild-2x.png">: no such file: bild-2x.png (resolved to /kb/bild-2x.png) (on index.html)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// linkProblems checks every HTML file of the site in dir, served under
// base, and returns one line for each broken reference, with the pages it
// is on.
func linkProblems(dir string) ([]string, error) {
	ids := &idCache{dir: dir, m: map[string]map[string]bool{}}
	type problem struct{ what, why string }
	found := map[problem][]string{} // → the pages it is on

	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		doc, err := parseFile(p)
		if err != nil {
			return err
		}
		pageURL := &url.URL{Path: base + strings.TrimSuffix(rel, "index.html")}
		if rel == "404.html" {
			pageURL.Path = base + "sidan-finns-inte/" // served for any missing path: its links must not be relative
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				if !slices.Contains(urlAttrs[""], a.Key) && !slices.Contains(urlAttrs[n.Data], a.Key) {
					continue
				}
				refs := []string{a.Val}
				if a.Key == "srcset" {
					refs = srcset(a.Val)
				}
				for _, ref := range refs {
					if why := check(dir, pageURL, rel, ref, ids); why != "" {
						k := problem{fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, ref), why}
						found[k] = append(found[k], rel)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	keys := make([]problem, 0, len(found))
	for k := range found {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b problem) int { return strings.Compare(found[a][0]+a.what, found[b][0]+b.what) })
	var out []string
	for _, k := range keys {
		pages := found[k]
		list := strings.Join(pages[:min(len(pages), 3)], ", ")
		if len(pages) > 3 {
			list += fmt.Sprintf(" and %d more pages", len(pages)-3)
		}
		out = append(out, fmt.Sprintf("%s: %s (on %s)", k.what, k.why, list))
	}
	return out, nil
}

// check returns why ref, found in the file self served at pageURL, does
// not resolve, or "" when it does or is not on the site.
func check(dir string, pageURL *url.URL, self, ref string, ids *idCache) string {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	switch strings.ToLower(u.Scheme) {
	case "":
	case "http", "https":
		return "" // another host; the site has no host of its own in this build
	case "javascript", "vbscript":
		return "a script URL"
	default:
		return "" // mailto:, tel:, data:
	}
	if u.Host != "" {
		return "" // //host/path
	}
	target := pageURL.ResolveReference(u)
	if !strings.HasPrefix(target.Path, base) {
		return fmt.Sprintf("resolves to %s, outside the base path %s", target.Path, base)
	}
	file := strings.TrimPrefix(target.Path, base)
	if target.Path == pageURL.Path {
		file = self // the page itself, such as #innehall
	} else if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	} else if info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err == nil && info.IsDir() {
		file += "/index.html" // the host redirects x to x/
	}
	if slices.Contains(strings.Split(file, "/"), "..") {
		return "leaves the site"
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(file))); err != nil {
		return fmt.Sprintf("no such file: %s (resolved to %s)", file, target.Path)
	}
	if u.Fragment == "" {
		return ""
	}
	if path.Ext(file) != ".html" {
		return fmt.Sprintf("a fragment #%s on %s, which is no HTML page", u.Fragment, file)
	}
	has, err := ids.has(file, u.Fragment)
	if err != nil {
		return err.Error()
	}
	if !has {
		return fmt.Sprintf("%s has no element with id %q", file, u.Fragment)
	}
	return ""
}

// srcset returns the URLs of a srcset attribute: comma-separated
// candidates, each a URL and an optional descriptor.
func srcset(v string) []string {
	var out []string
	for _, c := range strings.Split(v, ",") {
		if f := strings.Fields(c); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

// idCache holds the ids of each page that a fragment pointed into.
type idCache struct {
	mu  sync.Mutex
	dir string
	m   map[string]map[string]bool
}

func (c *idCache) has(file, id string) (bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	set, ok := c.m[file]
	if !ok {
		doc, err := parseFile(filepath.Join(c.dir, filepath.FromSlash(file)))
		if err != nil {
			return false, err
		}
		set = map[string]bool{}
		for n := range doc.Descendants() {
			for _, a := range n.Attr {
				if a.Key == "id" {
					set[a.Val] = true
				}
			}
		}
		c.m[file] = set
	}
	return set[id], nil
}

func parseFile(p string) (*html.Node, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return html.Parse(f)
}
