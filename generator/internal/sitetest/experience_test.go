package sitetest

import (
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/browsertest"
)

// rowsJS lists the case studies of the table "Vem använder vad" in the
// order shown, with their area: "område | fallstudie".
const rowsJS = `Array.from(document.querySelectorAll('table[data-usage] tbody tr'), (tr) => tr.cells[0].textContent + ' | ' + tr.cells[2].textContent)`

// TestUsageSortsByKeyboard: on "Vem använder vad", Tab reaches the
// column headings, and Enter on "Kommun" sorts the table in place (no
// page load) in exactly the order of the page the server sorted by
// municipality; aria-sort, the status line and the address follow, and
// focus stays on the heading. Without script, the same Enter loads that
// page.
func TestUsageSortsByKeyboard(t *testing.T) {
	k := kindNamed(t, "who uses what")
	var want []string
	server := browsertest.Browser(t).Open(t, siteURL+"vem-anvander-vad/kommun/")
	server.Eval(t, rowsJS, &want)
	if len(want) < 2 {
		t.Fatalf("the table has %d rows; the test needs two or more", len(want))
	}

	p := open(t, k)
	var before []string
	p.Eval(t, rowsJS, &before)
	if strings.Join(before, "\n") == strings.Join(want, "\n") {
		t.Logf("the default order is already the municipalities' (the test still checks the rest)")
	}
	p.Eval(t, `window.kbNotReloaded = true`, nil)
	tabTo(t, p, "vem-anvander-vad/kommun/")
	p.Press(t, "\r")
	p.Poll(t, `document.querySelector('th[aria-sort]')?.textContent.trim() === 'Kommun'`, 10*time.Second)
	var got []string
	p.Eval(t, rowsJS, &got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after Enter on Kommun the rows are\n%s\nwant the server's order\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var state struct {
		NotReloaded bool
		Path        string
		Status      string
		Sorted      int
		Focused     string
	}
	p.Eval(t, `({NotReloaded: window.kbNotReloaded === true, Path: location.pathname,
		Status: document.querySelector('[data-sort-status]').textContent,
		Sorted: document.querySelectorAll('th[aria-sort]').length,
		Focused: document.activeElement.getAttribute('href')})`, &state)
	if !state.NotReloaded || !strings.HasSuffix(state.Path, "/vem-anvander-vad/kommun/") || state.Status != "Sorterad efter kommun." ||
		state.Sorted != 1 || !strings.HasSuffix(state.Focused, "vem-anvander-vad/kommun/") {
		t.Errorf("after sorting with script: %+v; want no reload, the address of the order, its status, one sorted column and focus on the heading", state)
	}

	// Without script the heading is a link to the page sorted so.
	p.ReloadWithoutScript(t)
	p.Eval(t, `history.replaceState(null, '', location.pathname.replace(/kommun\/$/, ''))`, nil)
	tabTo(t, p, "vem-anvander-vad/status/")
	p.Press(t, "\r")
	p.Poll(t, `location.pathname.endsWith('/vem-anvander-vad/status/') && document.readyState === 'complete' && document.querySelector('th[aria-sort]')?.textContent.trim() === 'Status'`, 10*time.Second)
}

// tabTo presses Tab until the link whose address ends in suffix has focus.
func tabTo(t *testing.T, p *browsertest.Page, suffix string) {
	t.Helper()
	for range 80 {
		p.Press(t, "\t")
		if f := p.Focused(t); f != nil && strings.HasSuffix(f.Href, suffix) {
			return
		}
	}
	t.Fatalf("%s: Tab never reaches the link to %s", p.URL, suffix)
}

// TestPrint: a case study printed (media print) shows no navigation, no
// search and no breadcrumbs, writes out the address of its links, keeps
// each lesson whole and shows its citation; the screenshot is in
// test-output/screenshots/print-case-study.png.
func TestPrint(t *testing.T) {
	k := kindNamed(t, "case study with lessons")
	p := open(t, k, browsertest.PrintMedia())
	var got struct {
		Hidden    []string
		Shown     []string
		Written   []string
		Links     int
		LessonBrk string
		Citation  string
	}
	p.Eval(t, `(() => {
		const shown = (el) => el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
		const out = {Hidden: [], Shown: [], Written: [], Links: 0};
		for (const sel of ['.main-nav', '.crumbs', '.site-header .search', '.skip', '.footer-cols']) {
			const el = document.querySelector(sel);
			if (el && shown(el)) out.Shown.push(sel); else out.Hidden.push(sel);
		}
		for (const a of document.querySelectorAll('main .body a[href], main .lessons a[href], main .sources a[href]')) {
			if (a.getAttribute('href').startsWith('#')) continue;
			out.Links++;
			const after = getComputedStyle(a, '::after').content;
			if (after.includes(a.getAttribute('href'))) out.Written.push(a.getAttribute('href'));
		}
		out.LessonBrk = getComputedStyle(document.querySelector('.lesson')).breakInside;
		out.Citation = document.querySelector('.citation')?.textContent || '';
		return out;
	})()`, &got)
	if len(got.Shown) > 0 {
		t.Errorf("%s printed still shows %v", k.Path, got.Shown)
	}
	if got.Links == 0 || len(got.Written) != got.Links {
		t.Errorf("%s printed writes out %d of its %d links' addresses: %v", k.Path, len(got.Written), got.Links, got.Written)
	}
	if got.LessonBrk != "avoid" {
		t.Errorf("a lesson printed has break-inside %q, want avoid", got.LessonBrk)
	}
	if !strings.Contains(got.Citation, "Kunskapsbanken") || !strings.Contains(got.Citation, base+k.Path) {
		t.Errorf("the citation %q lacks the publisher or the page's address", got.Citation)
	}
	path := p.Screenshot(t, "print-case-study")
	t.Logf("print screenshot: %s", path)
}
