package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/pipeline"
)

// TestForeignHostRefused: against DNS rebinding, every route of the
// preview (pages, files, the reload script, the event stream) refuses a
// request whose Host names another site, even at the right port, and
// answers the preview's own address, localhost and the loopback addresses.
func TestForeignHostRefused(t *testing.T) {
	p := pipeline.NewPreview(pipeline.Options{Root: os.DirFS(project(t)), BaseURL: "/"})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("%v %v", err, u.Diags)
	}
	srv := serveHTTP(t, p)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	routes := []string{"/", "/sidor/om/", "/404.html", "/sidan-finns-inte/", "/__kb/reload.js", "/__kb/events"}

	get := func(host, route string) (int, string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+route, nil)
		req.Host = host
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatalf("GET %s (Host %s): %v", route, host, err)
		}
		defer res.Body.Close()
		if route == "/__kb/events" && res.StatusCode == 200 {
			return 200, "" // a stream: it ends only with the connection
		}
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}

	for _, host := range []string{
		"evil.example:" + port,
		"evil.example",
		"localhost.evil.example:" + port,
		"127.0.0.1.nip.io:" + port,
		"localhost:1", // another port
		"127.0.0.1:1",
		"localhost", // port 80
		"0.0.0.0:" + port,
		"192.168.1.5:" + port,
	} {
		for _, route := range routes {
			status, body := get(host, route)
			if status != http.StatusForbidden || !strings.Contains(body, "DNS rebinding") || strings.Contains(body, "<html") {
				t.Errorf("GET %s with Host %s: %d %.120q, want 403 and the explanation", route, host, status, body)
			}
		}
	}
	// Not only GET: a POST from the rebinding page is refused as well.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/__kb/events", strings.NewReader("x"))
	req.Host = "evil.example:" + port
	if res, err := srv.Client().Do(req); err != nil {
		t.Errorf("POST with a foreign Host: %v", err)
	} else {
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST with a foreign Host: %s, want 403", res.Status)
		}
	}

	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port} {
		for _, route := range routes {
			want := http.StatusOK
			if strings.HasPrefix(route, "/sidan") {
				want = http.StatusNotFound // the site's 404 page: answered, not refused
			}
			if status, body := get(host, route); status != want {
				t.Errorf("GET %s with Host %s: %d %.120q, want %d", route, host, status, body, want)
			}
		}
	}
}

// TestHostRules: which Hosts the preview answers, for each way of
// listening: on loopback, on every interface (a request from the LAN
// arrives at the computer's LAN address), and on a name given in -addr.
func TestHostRules(t *testing.T) {
	lan := &net.TCPAddr{IP: net.ParseIP("192.168.1.5"), Port: 1313}
	loop := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 1313}
	loop6 := &net.TCPAddr{IP: net.ParseIP("::1"), Port: 1313}
	for _, c := range []struct {
		listen  string
		arrived net.Addr // the connection's local address; nil: none known
		host    string
		ok      bool
	}{
		{"127.0.0.1:1313", loop, "127.0.0.1:1313", true},
		{"127.0.0.1:1313", loop, "localhost:1313", true},
		{"127.0.0.1:1313", loop, "[::1]:1313", true},
		{"127.0.0.1:1313", loop, "127.0.0.2:1313", true}, // loopback too
		{"127.0.0.1:1313", loop, "evil.example:1313", false},
		{"127.0.0.1:1313", loop, "localhost:1314", false},
		{"127.0.0.1:1313", loop, "localhost", false},
		{"127.0.0.1:1313", loop, "", false},
		{"127.0.0.1:1313", loop, "localhost.:1313", false},
		{"127.0.0.1:1313", nil, "localhost:1313", true}, // no connection: the port of -addr
		{"127.0.0.1:1313", nil, "localhost:1314", false},
		{"127.0.0.1:80", &net.TCPAddr{IP: loop.IP, Port: 80}, "localhost", true}, // port 80 is left out
		{"[::1]:1313", loop6, "[::1]:1313", true},
		{"[::1]:1313", loop6, "localhost:1313", true},
		{"0.0.0.0:1313", lan, "192.168.1.5:1313", true},
		{"0.0.0.0:1313", lan, "192.168.1.6:1313", false},
		{"0.0.0.0:1313", lan, "localhost:1313", true},
		{"0.0.0.0:1313", loop, "127.0.0.1:1313", true},
		{"0.0.0.0:1313", loop, "0.0.0.0:1313", true}, // the address as given
		{"0.0.0.0:1313", lan, "datorn.local:1313", false},
		{":1313", lan, "192.168.1.5:1313", true},
		{":1313", lan, "datorn.local:1313", false},
		{"[::]:1313", &net.TCPAddr{IP: net.ParseIP("::ffff:192.168.1.5"), Port: 1313}, "192.168.1.5:1313", true},
		{"192.168.1.5:1313", lan, "192.168.1.5:1313", true},
		{"datorn.local:1313", lan, "datorn.local:1313", true},
		{"datorn.local:1313", lan, "Datorn.Local:1313", true},
		{"datorn.local:1313", lan, "evil.example:1313", false},
	} {
		req := httptest.NewRequest("GET", "/__kb/reload.js", nil)
		req.Host = c.host
		if c.arrived != nil {
			req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, c.arrived))
		}
		rec := httptest.NewRecorder()
		NewServer(nil, c.listen).ServeHTTP(rec, req)
		if got := rec.Code == http.StatusOK; got != c.ok {
			t.Errorf("listening on %s, arrived at %v, Host %q: status %d, want allowed=%v", c.listen, c.arrived, c.host, rec.Code, c.ok)
		}
	}
}

// TestBrowseAddr: kb serve names an address a browser can open, and that
// the preview answers.
func TestBrowseAddr(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:1313":   "127.0.0.1:1313",
		"0.0.0.0:1313":     "localhost:1313",
		"[::]:1313":        "localhost:1313",
		"192.168.1.5:1313": "192.168.1.5:1313",
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := browseAddr(a); got != want {
			t.Errorf("browseAddr(%s) = %s, want %s", addr, got, want)
		}
	}
}
