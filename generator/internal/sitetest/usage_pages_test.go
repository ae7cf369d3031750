package sitetest

import (
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"kunskapsbanken/generator/internal/browsertest"
	"kunskapsbanken/generator/internal/pipeline"
)

// withSettings is the repository's project with site.yaml's text
// replaced.
type withSettings struct {
	fs.FS
	settings fstest.MapFS
}

func (w withSettings) Open(name string) (fs.File, error) {
	if name == "site.yaml" {
		return w.settings.Open(name)
	}
	return w.FS.Open(name)
}

// serveWithSettings builds the repository's site with its site.yaml's
// text changed by edit, into a folder of the test's, and serves it under
// base until the test ends.
func serveWithSettings(t *testing.T, edit func(settings string) string) (dir string, srv *httptest.Server) {
	t.Helper()
	root, err := browsertest.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	settings, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "public")
	project := withSettings{os.DirFS(root), fstest.MapFS{"site.yaml": {Data: []byte(edit(string(settings)))}}}
	res, err := pipeline.Run(pipeline.Options{Root: project, Out: dir, BaseURL: base})
	if err != nil || !res.Published {
		t.Fatalf("building the site: %v %v", err, res.Diags)
	}
	h, err := browsertest.Handler(dir, base)
	if err != nil {
		t.Fatal(err)
	}
	srv = httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return dir, srv
}

// TestUsageInPages: the repository's site built with "Vem använder vad"
// in pages of 7 rows (tableSize), served and opened in Chromium. A middle
// page of the table by municipality has no axe violation, links to the
// pages before and after it, and its headings are plain links: Enter on
// "Status" loads page 1 of that order, since the script sorts only a
// table that is whole.
func TestUsageInPages(t *testing.T) {
	dir, srv := serveWithSettings(t, func(settings string) string { return settings + "\ntableSize: 7\n" })
	page2 := srv.URL + base + "vem-anvander-vad/kommun/sida/2/"
	if _, err := os.Stat(filepath.Join(dir, "vem-anvander-vad/kommun/sida/3/index.html")); err != nil {
		t.Fatalf("the table by municipality has no third page (%v); the test wants the repository's rows in three or more", err)
	}

	p := browsertest.Browser(t).Open(t, page2)
	axe := func(state string) {
		if vs := p.Axe(t); len(vs) > 0 {
			var b strings.Builder
			for _, v := range vs {
				b.WriteString("\n" + indent(v.String()))
			}
			t.Errorf("%s, %s: %d axe violation(s):%s", page2, state, len(vs), b.String())
		}
	}
	axe("as loaded")
	var pager struct{ Prev, Next, Status string }
	p.Eval(t, `({Prev: document.querySelector('a[rel=prev]')?.pathname, Next: document.querySelector('a[rel=next]')?.pathname,
		Status: document.querySelector('[data-sort-status]').textContent})`, &pager)
	if pager.Prev != base+"vem-anvander-vad/kommun/" || pager.Next != base+"vem-anvander-vad/kommun/sida/3/" || pager.Status != "Sorterad efter kommun. Visar 8–14." {
		t.Errorf("page 2 links back to %q and on to %q, and says %q; want the table's pages 1 and 3, and rows 8–14", pager.Prev, pager.Next, pager.Status)
	}

	// The jump list, opened, lists every page of the order, this one current.
	others, err := os.ReadDir(filepath.Join(dir, "vem-anvander-vad/kommun/sida"))
	if err != nil {
		t.Fatal(err)
	}
	p.Eval(t, `document.querySelector('details.jump').open = true`, nil)
	axe("with the jump list open")
	var jump struct {
		Pages   int
		Current string
		Visible bool
	}
	p.Eval(t, `({Pages: document.querySelectorAll('.jump nav li').length, Current: document.querySelector('.jump a[aria-current=page]')?.pathname,
		Visible: document.querySelector('.jump nav').getBoundingClientRect().height > 0})`, &jump)
	if jump.Pages != len(others)+1 || jump.Current != base+"vem-anvander-vad/kommun/sida/2/" || !jump.Visible {
		t.Errorf("the jump list, open, shows %d pages (visible: %v), page %q current; want %d, page 2 current", jump.Pages, jump.Visible, jump.Current, len(others)+1)
	}

	p.Eval(t, `window.kbNotReloaded = true`, nil)
	tabTo(t, p, "vem-anvander-vad/status/")
	p.Press(t, "\r")
	p.Poll(t, `location.pathname.endsWith('/vem-anvander-vad/status/') && window.kbNotReloaded !== true && document.readyState === 'complete' &&
		document.querySelector('th[aria-sort]')?.textContent.trim() === 'Status'`, 10*time.Second)
}
