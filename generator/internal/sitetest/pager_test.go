package sitetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/browsertest"
)

// TestListPager: the repository's site built with one case study a page,
// so that /fallstudier/ is a list of as many pages as there are case
// studies. Its fifth page, opened in Chromium in light and dark mode and
// on a phone's width, has no axe violation; its pager offers the first
// and the last page, the pages beside it and a gap between, the page in
// view marked current; every numbered link is at least 24 by 24 pixels
// (WCAG 2.2, 2.5.8) and goes to the page it names; and Tab and Enter on
// the last page's number open it, marked current there.
func TestListPager(t *testing.T) {
	dir, srv := serveWithSettings(t, func(settings string) string {
		out := strings.Replace(settings, "\npageSize: 20\n", "\npageSize: 1\n", 1)
		if out == settings {
			t.Fatal("site.yaml has no line pageSize: 20 for the test to change")
		}
		return out
	})
	count := 0
	for {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("fallstudier/sida/%d/index.html", count+2))); err != nil {
			break
		}
		count++
	}
	count++ // and the first page, fallstudier/
	if count < 8 {
		t.Fatalf("/fallstudier/ has %d pages of one case study; the test wants 8 or more", count)
	}
	url := func(n int) string {
		if n == 1 {
			return base + "fallstudier/"
		}
		return fmt.Sprintf("%sfallstudier/sida/%d/", base, n)
	}
	want := fmt.Sprintf("1 … 4 [5] 6 … %d", count)

	type link struct {
		Text, Label, Path string
		Current           bool
		Width, Height     float64
	}
	read := func(p *browsertest.Page) (entries string, links []link) {
		var got struct {
			Entries []string
			Links   []link
		}
		p.Eval(t, `({
			Entries: [...document.querySelectorAll('.pager li')].map(li => {
				const a = li.querySelector('a');
				return !a ? li.textContent.trim() : a.getAttribute('aria-current') === 'page' ? '[' + a.textContent + ']' : a.textContent;
			}),
			Links: [...document.querySelectorAll('.pager li a')].map(a => {
				const r = a.getBoundingClientRect();
				return {Text: a.textContent, Label: a.getAttribute('aria-label'), Path: a.pathname,
					Current: a.getAttribute('aria-current') === 'page', Width: r.width, Height: r.height};
			}),
		})`, &got)
		return strings.Join(got.Entries, " "), got.Links
	}

	for _, o := range []struct {
		name string
		opts []browsertest.Option
	}{
		{"light", nil},
		{"dark", []browsertest.Option{browsertest.DarkMode()}},
		{"phone", []browsertest.Option{browsertest.Viewport(320, 640)}},
	} {
		t.Run(o.name, func(t *testing.T) {
			p := browsertest.Browser(t).Open(t, srv.URL+url(5), o.opts...)
			for _, v := range p.Axe(t) {
				t.Errorf("%s: %s", url(5), indent(v.String()))
			}
			if over := p.HorizontalOverflow(t); len(over) > 0 {
				t.Errorf("%s: wider than the window: %s", url(5), strings.Join(over, ", "))
			}
			entries, links := read(p)
			if entries != want {
				t.Errorf("page 5 of %d: the pager shows %q, want %q", count, entries, want)
			}
			for _, l := range links {
				var n int
				fmt.Sscan(l.Text, &n)
				if l.Path != url(n) || l.Label != fmt.Sprintf("Sida %d", n) {
					t.Errorf("link %q (named %q) goes to %s, want %s named \"Sida %d\"", l.Text, l.Label, l.Path, url(n), n)
				}
				if l.Width < 24 || l.Height < 24 {
					t.Errorf("link %q is %.0f×%.0f pixels; WCAG 2.5.8 wants at least 24×24", l.Text, l.Width, l.Height)
				}
			}
		})
	}

	// By keyboard, from page 5 to the last.
	p := browsertest.Browser(t).Open(t, srv.URL+url(5))
	tabTo(t, p, url(count))
	p.Press(t, "\r")
	p.Poll(t, fmt.Sprintf(`location.pathname === %q && document.readyState === 'complete'`, url(count)), 10*time.Second)
	if entries, _ := read(p); entries != fmt.Sprintf("1 … %d [%d]", count-1, count) {
		t.Errorf("the last page's pager shows %q, want %q", entries, fmt.Sprintf("1 … %d [%d]", count-1, count))
	}
}
