package sitetest

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kunskapsbanken/generator/internal/browsertest"
	"kunskapsbanken/generator/internal/csp"
)

// TestPolicyInEveryPage (no browser): every page of the site carries the
// content security policy in a <meta>, once, before any script, style sheet
// or link (a <meta> policy governs only what follows it), for hosts that
// send no headers of the site's choosing, such as GitHub Pages.
func TestPolicyInEveryPage(t *testing.T) {
	n := 0
	err := filepath.WalkDir(siteDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || (d.Name() != "index.html" && d.Name() != "404.html") {
			return err
		}
		n++
		doc, err := parseFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(siteDir, p)
		if problem := policyProblem(doc); problem != "" {
			t.Errorf("%s: %s", filepath.ToSlash(rel), problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("only %d pages in the built site", n)
	}
}

// policyProblem says what is wrong with a page's <meta> policy, or "".
func policyProblem(doc *html.Node) string {
	found := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "meta":
			if !strings.EqualFold(attr(n, "http-equiv"), "Content-Security-Policy") {
				continue
			}
			if n.Parent == nil || n.Parent.Data != "head" {
				return "the <meta> content security policy is outside <head>"
			}
			if got := attr(n, "content"); got != csp.Meta() {
				return "the <meta> content security policy is " + got + ", want " + csp.Meta()
			}
			found++
		case "script", "style", "link", "base":
			if found == 0 {
				return "<" + n.Data + "> comes before the <meta> content security policy, or the page has none"
			}
		}
	}
	if found != 1 {
		return fmt.Sprintf("the page has %d <meta> content security policies, want 1", found)
	}
	return ""
}

// TestPolicyWithoutHeaders: served by a plain file server that sends no
// security headers (as GitHub Pages), a case study into whose text an
// inline script was slipped does not run it, and the browser reports the
// violation: the page's own <meta> policy is what stops it.
func TestPolicyWithoutHeaders(t *testing.T) {
	k := kindNamed(t, "case study")
	page, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(k.Path), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	const script = `<script>window.kbInjected = true; document.title = "injicerat";</script>`
	at := []byte(`<div class="body">`)
	i := bytes.Index(page, at)
	if i < 0 {
		t.Fatalf("%s%s has no %s to put the script in", base, k.Path, at)
	}
	i += len(at)
	hostile := append(append(append([]byte(nil), page[:i]...), script...), page[i:]...)

	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(base, http.FileServer(http.Dir(siteDir))))
	mux.HandleFunc(base+k.Path+"{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(hostile)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	url := srv.URL + base + k.Path

	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if h := res.Header.Get("Content-Security-Policy"); h != "" {
		t.Fatalf("the plain server sends a policy: %s", h)
	}

	p := browsertest.Browser(t).Open(t, url)
	var ran struct {
		Injected bool
		Title    string
	}
	p.Eval(t, `({injected: window.kbInjected === true, title: document.title})`, &ran)
	if ran.Injected || ran.Title == "injicerat" {
		t.Errorf("%s: the injected inline script ran (title %q): the page's <meta> policy does not hold without headers", url, ran.Title)
	}
	problems := p.Problems()
	reported := false
	for _, problem := range problems {
		switch {
		case strings.HasPrefix(problem, "Content-Security-Policy violation: script-src-elem blocked inline"):
			reported = true
		case strings.Contains(problem, "Executing inline script violates"):
			// the browser's log of the same violation
		default:
			t.Errorf("%s: %s", url, problem)
		}
	}
	if !reported {
		t.Errorf("%s: no content security policy violation reported for the injected script; problems: %q", url, problems)
	}
}
