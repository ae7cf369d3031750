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
	clients map[chan event]bool
	state   event // what a browser that connects now is told
	build   int   // counts published builds
}

type event struct {
	name string // "ok" or "errors"
	data []byte // JSON
}

// NewServer serves p to requests that name listen (host:port, the address
// it listens on, as given to -addr) or localhost. Call Published after each
// update.
func NewServer(p *pipeline.Preview, listen string) *Server {
	return &Server{preview: p, hosts: newHosts(listen), clients: map[chan event]bool{}, state: event{"ok", []byte(`{"build":0}`)}}
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

// file serves a file of the built site. Paths are cleaned and looked up
// in the site's own files, so ../ leads nowhere outside it.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	clean := path.Clean("/" + r.URL.Path)
	name := strings.TrimPrefix(clean, "/")
	if strings.HasSuffix(r.URL.Path, "/") && name != "" {
		name += "/"
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := s.preview.File(name)
	if !ok && path.Ext(name) == "" {
		if _, ok := s.preview.File(name + "/index.html"); ok {
			http.Redirect(w, r, clean+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		name = "404.html"
		if data, ok = s.preview.File(name); !ok {
			data = []byte("<!DOCTYPE html><title>Sidan finns inte</title><h1>Sidan finns inte</h1>")
		}
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
	s.mu.Lock()
	s.clients[c] = true
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
