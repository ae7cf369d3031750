package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestCheckExternal runs kb check -external against a server on this
// machine: a broken link and a moved one are reported at their places, and
// a second run asks the server only about the failing link (the working
// ones are cached).
func TestCheckExternal(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		switch r.URL.Path {
		case "/ok", "/ny":
			w.WriteHeader(200)
		case "/flyttad":
			http.Redirect(w, r, "/ny", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := project(t)
	page := "---\ntitle: \"Länkar\"\nsummary: \"S.\"\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2021-01-01\nsources:\n  - title: \"Rapport\"\n    publisher: Lunds kommun\n    url: " + srv.URL + "/flyttad\n---\n\n" +
		"Se [rapporten](" + srv.URL + "/ok) och [den gamla sidan](" + srv.URL + "/borta).\n"
	copyFile(t, writeTemp(t, page), filepath.Join(dir, "content/fallstudier/lankar.md"))

	code, out, errs := kb(t, "check", "-root", dir, "-external")
	want := "content/fallstudier/lankar.md:11:10: varning: " + srv.URL + "/flyttad har flyttat till " + srv.URL + "/ny; byt adress\n" +
		"content/fallstudier/lankar.md:14:47: länken till " + srv.URL + "/borta är trasig (svarar 404); ta bort den eller byt till en adress som fungerar\n"
	if code != 1 || out != want {
		t.Fatalf("exit %d, stderr %q, got\n%s\nwant\n%s", code, errs, out, want)
	}
	first := requests.Load()
	kb(t, "check", "-root", dir, "-external")
	if again := requests.Load() - first; again != 1 {
		t.Errorf("the second run made %d requests; only the broken link should be asked about again", again)
	}
}
