// Package serve is the preview server behind kb serve: it builds the site
// in memory, serves it, watches the project, brings the site up to date
// after each change, and tells open browsers to reload.
//
// Browsers learn of rebuilds through server-sent events from
// /__kb/events, read by /__kb/reload.js, which the server adds to every
// HTML page it serves (a script file, not inline script, so the site's
// content security policy holds in the preview too). When a change breaks
// the content, the last good site stays served and the errors are shown
// over every open page until they are fixed.
//
// Only the files of the built site are served, from memory: no path can
// reach the project's source files. Only requests that name the preview's
// own address in Host are answered (localhost, a loopback address, the
// address it listens on); any other is refused with 403, so that a page of
// another site cannot read the preview through DNS rebinding (see hosts).
package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"

	"kunskapsbanken/generator/internal/csp"
	"kunskapsbanken/generator/internal/pipeline"
)

//go:embed reload.js
var reloadJS []byte

// scriptTag is added to every HTML page the preview serves.
const scriptTag = `<script src="/__kb/reload.js" defer></script>`

// Server serves a Preview and its reload events.
type Server struct {
	preview *pipeline.Preview
	hosts   hosts // the Hosts it answers

	mu      sync.Mutex
	clients map[chan event]string // a browser's stream → the file of the page it shows
	state   event                 // what a browser that connects now is told
	build   int                   // counts published builds
}

type event struct {
	name string // "ok" or "errors"
	data []byte // JSON
}

// NewServer serves p to requests that name listen (host:port, the address
// it listens on, as given to -addr) or localhost. Call Published after each
// update.
func NewServer(p *pipeline.Preview, listen string) *Server {
	return &Server{preview: p, hosts: newHosts(listen), clients: map[chan event]string{}, state: event{"ok", []byte(`{"build":0}`)}}
}

// InView lists the files of the pages open browsers show (from the path
// reload.js gives when it opens the event stream), sorted, each once: the
// pages an update renders before it is published.
func (s *Server) InView() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, name := range s.clients {
		if name != "" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Published tells the server, and through it every open browser, what an
// update did: a new site to reload, or errors to show.
func (s *Server) Published(u *pipeline.Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.Published {
		s.build++
	}
	if u.Diags.HasErrors() {
		msgs := make([]string, 0, len(u.Diags))
		for _, d := range u.Diags {
			msgs = append(msgs, d.String())
		}
		data, _ := json.Marshal(struct {
			Build    int      `json:"build"`
			Messages []string `json:"messages"`
		}{s.build, msgs})
		s.state = event{"errors", data}
	} else {
		s.state = event{"ok", []byte(fmt.Sprintf(`{"build":%d}`, s.build))}
	}
	for c := range s.clients {
		select {
		case c <- s.state:
		default: // a browser that does not keep up gets the state when it reconnects
		}
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hosts.allowed(r) {
		refuse(w, r)
		return
	}
	switch r.URL.Path {
	case "/__kb/reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	case "/__kb/events":
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "bara GET och HEAD", http.StatusMethodNotAllowed)
		return
	}
	s.file(w, r)
}

// siteFile is the file of the built site a request path names, cleaned
// ("/fallstudier/x/" is "fallstudier/x/index.html"), so ../ leads nowhere
// outside it.
func siteFile(urlPath string) (name, clean string) {
	clean = path.Clean("/" + urlPath)
	name = strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(urlPath, "/") && name != "" {
		name += "/"
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name, clean
}

// file serves a file of the built site, looked up in the site's own files.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	name, clean := siteFile(r.URL.Path)
	data, ok, err := s.preview.File(name)
	if err == nil && !ok && path.Ext(name) == "" {
		var dir bool
		if _, dir, err = s.preview.File(name + "/index.html"); dir && err == nil {
			http.Redirect(w, r, clean+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if err == nil && !ok {
		status = http.StatusNotFound
		name = "404.html"
		if data, ok, err = s.preview.File(name); !ok && err == nil {
			data = []byte("<!DOCTYPE html><title>Sidan finns inte</title><h1>Sidan finns inte</h1>")
		}
	}
	if err != nil { // a layout that fails on this page: the theme's error, not the editor's
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", csp.Header()) // the published site's, so a page that would break under it breaks here first
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the reload script before </body>.
func inject(html []byte) []byte {
	i := bytes.LastIndex(html, []byte("</body>"))
	if i < 0 {
		return append(bytes.Clone(html), scriptTag...)
	}
	out := make([]byte, 0, len(html)+len(scriptTag))
	out = append(out, html[:i]...)
	out = append(out, scriptTag...)
	return append(out, html[i:]...)
}

// events streams the state to one browser: now, and after every update.
// The page it shows (?path=/fallstudier/x/, as reload.js sends it) is in
// view while the stream is open.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "strömmen stöds inte", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	c := make(chan event, 8)
	var name string
	if p := r.URL.Query().Get("path"); strings.HasPrefix(p, "/") {
		name, _ = siteFile(p)
	}
	s.mu.Lock()
	s.clients[c] = name
	c <- s.state
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data); err != nil {
				return
			}
			flusher.Flush()
		}
	}
}
