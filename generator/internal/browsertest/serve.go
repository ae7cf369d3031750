package browsertest

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/csp"
)

// contentTypes are the types a host sends, fixed here so that the tests do
// not depend on the machine's MIME database. X-Content-Type-Options: nosniff
// makes a wrong one fail in the browser, as it would on the host.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".pdf":         "application/pdf",
}

// Serve serves the built site in dir under base (such as "/kb/") on
// 127.0.0.1 until the test ends, and returns the site's URL, such as
// "http://127.0.0.1:34567/kb/". See [Handler].
func Serve(t testing.TB, dir, base string) string {
	t.Helper()
	h, err := Handler(dir, base)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		h.(*siteHandler).root.Close()
	})
	return srv.URL + normalizeBase(base)
}

// Handler is the handler of [Serve], for a server that outlives one test
// (httptest.NewServer(h) in TestMain). It serves dir under base:
//
//   - every response carries the site's content security policy (from
//     package csp, as in _headers: inline script and style, and anything
//     from another host, are refused) and X-Content-Type-Options: nosniff;
//   - /base/x/ serves x/index.html, and /base/x, when x is a folder,
//     redirects to /base/x/ (as GitHub Pages and nginx do);
//   - Content-Type comes from the file's extension;
//   - files under assets/ are cacheable for a year, everything else no-cache
//     (the rules of the README);
//   - anything missing, or outside base, is the site's 404.html with status
//     404; a path with .. or a backslash is refused with 400, and the folder
//     is opened with [os.Root], so no path or symbolic link leaves it.
func Handler(dir, base string) (http.Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &siteHandler{root: root, base: normalizeBase(base)}, nil
}

func normalizeBase(base string) string {
	base = "/" + strings.Trim(base, "/") + "/"
	if base == "//" {
		return "/"
	}
	return base
}

type siteHandler struct {
	root *os.Root
	base string
}

func (h *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", csp.Header())
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p+"/" == h.base {
		http.Redirect(w, r, h.base, http.StatusMovedPermanently)
		return
	}
	if !strings.HasPrefix(p, h.base) {
		h.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(p, h.base)
	if strings.ContainsAny(rel, "\\\x00") || slices.Contains(strings.Split(rel, "/"), "..") {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		name = "."
	}
	if info, err := h.root.Stat(name); err == nil && info.IsDir() {
		if rel != "" && !strings.HasSuffix(rel, "/") {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	} else if strings.HasSuffix(rel, "/") {
		h.notFound(w, r) // x/ where x is a file
		return
	}
	data, modTime, err := h.read(name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	hdr.Set("Content-Type", contentType(name))
	if strings.HasPrefix(name, "assets/") {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, modTime, bytes.NewReader(data))
}

func (h *siteHandler) read(name string) ([]byte, time.Time, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, time.Time{}, fs.ErrNotExist
	}
	data, err := io.ReadAll(f)
	return data, info.ModTime(), err
}

func (h *siteHandler) notFound(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Cache-Control", "no-cache")
	data, _, err := h.read("404.html")
	if err != nil {
		hdr.Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("404 not found (and the site has no 404.html)\n"))
		return
	}
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func contentType(name string) string {
	if ct, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return ct
	}
	return "application/octet-stream"
}
