package linkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testServer serves the paths the tests ask for and counts what it is asked.
//
// What the tests assert does not depend on the machine's speed: /hang never
// answers (until the client gives up or the test ends), and /busy/ holds its
// requests until as many as the test expects are in flight at once.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int // "HEAD /ok" → count
	active   atomic.Int64
	maxSeen  atomic.Int64
	perHost  map[string]*[2]int64 // Host header → {active, max}, under mu
	hanging  atomic.Int64         // requests to /hang being held now
	onHang   func(held int64)     // when set, called as a request to /hang is held, with how many are

	release chan struct{} // closed when the test ends: /hang and /busy/ let go

	crowdSize atomic.Int64  // /busy/ holds requests until this many are in flight at once
	crowd     chan struct{} // closed when they were, or when one waited longer than crowdWait
	crowdOnce sync.Once
}

// crowdWait is how long a request to /busy/ waits for the crowd before the
// server gives up and lets everything through (and the test fails, since
// the crowd never formed). It only matters when the limits are wrong.
const crowdWait = 30 * time.Second

func newServer(t *testing.T) *testServer {
	t.Helper()
	s := &testServer{
		requests: map[string]int{},
		perHost:  map[string]*[2]int64{},
		release:  make(chan struct{}),
		crowd:    make(chan struct{}),
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(s.release) }) // runs first: Close waits for held requests
	return s
}

// holdUntilCrowd makes requests to /busy/ wait until n of them are in flight
// at once.
func (s *testServer) holdUntilCrowd(n int) { s.crowdSize.Store(int64(n)) }

func (s *testServer) crowdFormed() { s.crowdOnce.Do(func() { close(s.crowd) }) }

func (s *testServer) count(r *http.Request) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := r.Method + " " + r.URL.Path
	s.requests[k]++
	n := 0
	for _, m := range []string{"HEAD", "GET"} {
		n += s.requests[m+" "+r.URL.Path]
	}
	return n
}

// reqs returns how often path was asked for, by any method.
func (s *testServer) reqs(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests["HEAD "+path] + s.requests["GET "+path]
}

func (s *testServer) enter(host string) {
	n := s.active.Add(1)
	for m := s.maxSeen.Load(); n > m && !s.maxSeen.CompareAndSwap(m, n); m = s.maxSeen.Load() {
	}
	if c := s.crowdSize.Load(); c > 0 && n >= c {
		s.crowdFormed()
	}
	s.mu.Lock()
	h := s.perHost[host]
	if h == nil {
		h = new([2]int64)
		s.perHost[host] = h
	}
	h[0]++
	h[1] = max(h[1], h[0])
	s.mu.Unlock()
}

func (s *testServer) leave(host string) {
	s.active.Add(-1)
	s.mu.Lock()
	s.perHost[host][0]--
	s.mu.Unlock()
}

func (s *testServer) serve(w http.ResponseWriter, r *http.Request) {
	s.enter(r.Host)
	defer s.leave(r.Host)
	n := s.count(r)
	switch p := r.URL.Path; {
	case p == "/ok":
		fmt.Fprintln(w, "ok")
	case p == "/gone":
		http.NotFound(w, r)
	case p == "/410":
		w.WriteHeader(http.StatusGone)
	case p == "/bad":
		w.WriteHeader(http.StatusBadRequest)
	case p == "/head-not-allowed":
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.Write([]byte(strings.Repeat("x", 200<<10)))
	case p == "/flaky":
		if n <= 2 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		fmt.Fprintln(w, "ok")
	case p == "/always500":
		w.WriteHeader(http.StatusInternalServerError)
	case p == "/hang":
		held := s.hanging.Add(1)
		defer s.hanging.Add(-1)
		if s.onHang != nil {
			s.onHang(held)
		}
		select {
		case <-r.Context().Done():
		case <-s.release:
		}
	case p == "/moved":
		http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
	case p == "/moved308":
		http.Redirect(w, r, "/ok", http.StatusPermanentRedirect)
	case p == "/temp":
		http.Redirect(w, r, "/ok", http.StatusFound)
	case p == "/moved-then-temp":
		http.Redirect(w, r, "/temp", http.StatusMovedPermanently)
	case p == "/temp-then-moved":
		http.Redirect(w, r, "/moved", http.StatusTemporaryRedirect)
	case p == "/moved-to-gone":
		http.Redirect(w, r, "/gone", http.StatusMovedPermanently)
	case p == "/loop":
		http.Redirect(w, r, "/loop", http.StatusFound)
	case p == "/login":
		w.WriteHeader(http.StatusUnauthorized)
	case p == "/ratelimit":
		if n == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprintln(w, "ok")
	case p == "/always429":
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusTooManyRequests)
	case strings.HasPrefix(p, "/busy/"):
		select {
		case <-s.crowd:
		case <-r.Context().Done():
		case <-s.release:
		case <-time.After(crowdWait):
			s.crowdFormed() // it never will: let the rest through, the test fails
		}
		// Linger, so that a request over the limit, if the client sends
		// one, finds the others still here. This only makes a broken limit
		// easier to see: a correct one passes however long anything takes.
		time.Sleep(20 * time.Millisecond)
	default:
		http.NotFound(w, r)
	}
}

// fast are options for tests: retries without waiting, and a timeout so
// generous that only a server that never answers reaches it, however busy
// the machine is (a short one turns a late 404 into "svarar inte"). Tests of
// timeouts use /hang, which never answers.
func fast() Options {
	return Options{Timeout: time.Minute, backoff: time.Millisecond}
}

// closer returns a channel and a function that closes it, safe to call
// any number of times.
func closer() (<-chan struct{}, func()) {
	ch := make(chan struct{})
	var once sync.Once
	return ch, func() { once.Do(func() { close(ch) }) }
}

// countingTransport counts the requests a client sends, and the answers it
// gets (the moment the client has them, not the server's).
type countingTransport struct {
	*http.Transport
	sent, answered atomic.Int64
	firstAnswer    <-chan struct{} // closed when the first answer is in
	gotAnswer      func()
}

func newCountingTransport(t *testing.T) *countingTransport {
	c := &countingTransport{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	c.firstAnswer, c.gotAnswer = closer()
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.sent.Add(1)
	resp, err := c.Transport.RoundTrip(r)
	if err == nil {
		c.answered.Add(1)
		c.gotAnswer()
	}
	return resp, err
}

const file = "content/fallstudier/lund.md"

func TestCheck(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		retries int
		// want uses {u} for the checked URL and {base} for the server's.
		wantWarning bool
		wantMessage string // "" = no problem
		wantStatus  int
		wantErr     bool
		wantMoved   string
		wantReqs    map[string]int // "METHOD /path" → count; only the listed are checked
	}{
		{name: "ok", path: "/ok", wantStatus: 200, wantReqs: map[string]int{"HEAD /ok": 1, "GET /ok": 0}},
		{
			name: "404 is broken", path: "/gone", wantStatus: 404,
			wantMessage: "länken till {u} är trasig (svarar 404); ta bort den eller byt till en adress som fungerar",
			wantReqs:    map[string]int{"HEAD /gone": 1},
		},
		{
			name: "410 is broken", path: "/410", wantStatus: 410,
			wantMessage: "länken till {u} är trasig (svarar 410); ta bort den eller byt till en adress som fungerar",
		},
		{
			name: "other 4xx is broken with its code", path: "/bad", wantStatus: 400,
			wantMessage: "länken till {u} är trasig (svarar 400); ta bort den eller byt till en adress som fungerar",
			wantReqs:    map[string]int{"HEAD /bad": 1, "GET /bad": 1},
		},
		{
			name: "HEAD refused, GET once", path: "/head-not-allowed", wantStatus: 200,
			wantReqs: map[string]int{"HEAD /head-not-allowed": 1, "GET /head-not-allowed": 1},
		},
		{
			name: "flaky server recovers within the retries", path: "/flaky", wantStatus: 200,
			wantReqs: map[string]int{"HEAD /flaky": 3},
		},
		{
			name: "flaky server without retries", path: "/flaky", retries: -1, wantStatus: 500,
			wantWarning: true, wantMessage: "{u} svarade 500; kontrollera länken senare",
			wantReqs: map[string]int{"HEAD /flaky": 1},
		},
		{
			name: "5xx after retries is a warning", path: "/always500", wantStatus: 500,
			wantWarning: true, wantMessage: "{u} svarade 500 flera gånger; kontrollera länken senare",
			wantReqs: map[string]int{"HEAD /always500": 3},
		},
		{
			name: "5xx with more retries", path: "/always500", retries: 4, wantStatus: 500,
			wantWarning: true, wantMessage: "{u} svarade 500 flera gånger; kontrollera länken senare",
			wantReqs: map[string]int{"HEAD /always500": 5},
		},
		{
			name: "301 has moved", path: "/moved", wantStatus: 200, wantMoved: "{base}/ok",
			wantWarning: true, wantMessage: "{u} har flyttat till {base}/ok; byt adress",
			wantReqs: map[string]int{"HEAD /moved": 1, "HEAD /ok": 1},
		},
		{
			name: "308 has moved", path: "/moved308", wantStatus: 200, wantMoved: "{base}/ok",
			wantWarning: true, wantMessage: "{u} har flyttat till {base}/ok; byt adress",
		},
		{
			name: "moved stops at a temporary redirect", path: "/moved-then-temp", wantStatus: 200, wantMoved: "{base}/temp",
			wantWarning: true, wantMessage: "{u} har flyttat till {base}/temp; byt adress",
		},
		{name: "302 is fine", path: "/temp", wantStatus: 200},
		{name: "permanent after temporary is fine", path: "/temp-then-moved", wantStatus: 200},
		{
			name: "broken beats moved", path: "/moved-to-gone", wantStatus: 404, wantMoved: "{base}/gone",
			wantMessage: "länken till {u} är trasig (svarar 404); ta bort den eller byt till en adress som fungerar",
		},
		{
			name: "redirect loop", path: "/loop", wantErr: true,
			wantWarning: true, wantMessage: "{u}: för många omdirigeringar; öppna länken i en webbläsare och kontrollera den",
			wantReqs: map[string]int{"HEAD /loop": 11},
		},
		{name: "401 needs a login and exists", path: "/login", wantStatus: 401, wantReqs: map[string]int{"HEAD /login": 1}},
		{
			name: "429 honours Retry-After and recovers", path: "/ratelimit", wantStatus: 200,
			wantReqs: map[string]int{"HEAD /ratelimit": 2},
		},
		{
			name: "429 after retries is a warning", path: "/always429", wantStatus: 429,
			wantWarning: true, wantMessage: "{u} svarade 429 flera gånger; kontrollera länken senare",
			wantReqs: map[string]int{"HEAD /always429": 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newServer(t)
			u := s.URL + tt.path
			expand := strings.NewReplacer("{u}", u, "{base}", s.URL).Replace
			opts := fast()
			opts.Retries = tt.retries
			problems, results, err := Check(context.Background(), []Ref{{URL: u, Path: file, Line: 3, Col: 7}}, opts)
			if err != nil {
				t.Fatal(err)
			}
			var want []Problem
			if tt.wantMessage != "" {
				want = []Problem{{Path: file, Line: 3, Col: 7, Warning: tt.wantWarning, Message: expand(tt.wantMessage)}}
			}
			if !reflect.DeepEqual(problems, want) {
				t.Errorf("problems:\n got %#v\nwant %#v", problems, want)
			}
			if len(results) != 1 {
				t.Fatalf("results = %#v, want one", results)
			}
			r := results[0]
			if r.URL != u || r.Status != tt.wantStatus || (r.Err != "") != tt.wantErr || r.Redirect != expand(tt.wantMoved) || r.Cached {
				t.Errorf("result = %#v, want status %d, error %v, redirect %q", r, tt.wantStatus, tt.wantErr, expand(tt.wantMoved))
			}
			for k, n := range tt.wantReqs {
				s.mu.Lock()
				got := s.requests[k]
				s.mu.Unlock()
				if got != n {
					t.Errorf("%s requested %d times, want %d", k, got, n)
				}
			}
		})
	}
}

// TestTimeoutIsAWarning: an address that never answers is "svarar inte",
// a warning, after the retries. The server holds the requests until the
// test ends, so the timeout is reached however fast or slow the machine is;
// the tries are counted where they are sent, since a request given up early
// on a busy machine may never reach the server's handler.
func TestTimeoutIsAWarning(t *testing.T) {
	s := newServer(t)
	transport := newCountingTransport(t)
	opts := fast()
	opts.Client = &http.Client{Transport: transport}
	opts.Timeout = time.Second // reached for certain: nothing answers
	opts.Retries = 1
	u := s.URL + "/hang"
	problems, results, err := Check(context.Background(), []Ref{{URL: u, Path: file, Line: 3, Col: 7}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{{Path: file, Line: 3, Col: 7, Warning: true, Message: u + " svarar inte; kontrollera länken senare"}}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n got %#v\nwant %#v", problems, want)
	}
	if len(results) != 1 || results[0].Status != 0 || results[0].Err == "" {
		t.Errorf("results = %#v, want one without status, with an error", results)
	}
	if n := transport.sent.Load(); n != 2 {
		t.Errorf("%d requests sent, want 2 (one retry)", n)
	}
}

func TestDuplicatesAreRequestedOnce(t *testing.T) {
	s := newServer(t)
	gone := s.URL + "/gone"
	refs := []Ref{
		{URL: gone, Path: "content/fallstudier/umea.md", Line: 9, Col: 1},
		{URL: gone + "#del-2", Path: "content/fallstudier/lund.md", Line: 12, Col: 4},
		{URL: gone, Path: "content/fallstudier/lund.md", Line: 3, Col: 15},
		{URL: gone, Path: "content/fallstudier/lund.md", Line: 3, Col: 2},
		{URL: s.URL + "/moved#sektion", Path: "content/sidor/om.md", Line: 1, Col: 1},
		{URL: s.URL + "/moved", Path: "content/sidor/om.md", Line: 2, Col: 1},
	}
	problems, results, err := Check(context.Background(), refs, fast())
	if err != nil {
		t.Fatal(err)
	}
	broken := func(u string) string {
		return "länken till " + u + " är trasig (svarar 404); ta bort den eller byt till en adress som fungerar"
	}
	want := []Problem{
		{Path: "content/fallstudier/lund.md", Line: 3, Col: 2, Message: broken(gone)},
		{Path: "content/fallstudier/lund.md", Line: 3, Col: 15, Message: broken(gone)},
		{Path: "content/fallstudier/lund.md", Line: 12, Col: 4, Message: broken(gone + "#del-2")},
		{Path: "content/fallstudier/umea.md", Line: 9, Col: 1, Message: broken(gone)},
		{Path: "content/sidor/om.md", Line: 1, Col: 1, Warning: true, Message: s.URL + "/moved#sektion har flyttat till " + s.URL + "/ok#sektion; byt adress"},
		{Path: "content/sidor/om.md", Line: 2, Col: 1, Warning: true, Message: s.URL + "/moved har flyttat till " + s.URL + "/ok; byt adress"},
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n got %#v\nwant %#v", problems, want)
	}
	var urls []string
	for _, r := range results {
		urls = append(urls, r.URL)
	}
	wantURLs := []string{gone, gone + "#del-2", s.URL + "/moved", s.URL + "/moved#sektion"}
	if !reflect.DeepEqual(urls, wantURLs) {
		t.Errorf("results for %q, want %q", urls, wantURLs)
	}
	if n := s.reqs("/gone"); n != 1 {
		t.Errorf("/gone requested %d times, want 1", n)
	}
	if n := s.reqs("/moved"); n != 1 {
		t.Errorf("/moved requested %d times, want 1", n)
	}
}

func TestOnlyWebAddressesAreChecked(t *testing.T) {
	s := newServer(t)
	refs := []Ref{
		{URL: "mailto:info@lund.se", Path: file, Line: 1, Col: 1},
		{URL: "tel:+4646000000", Path: file, Line: 1, Col: 2},
		{URL: "ftp://ftp.example.se/fil", Path: file, Line: 1, Col: 3},
		{URL: "../sidor/om.md", Path: file, Line: 1, Col: 4},
		{URL: "#rubrik", Path: file, Line: 1, Col: 5},
		{URL: "HTTP://" + strings.TrimPrefix(s.URL, "http://") + "/ok", Path: file, Line: 2, Col: 1},
		{URL: "https://", Path: file, Line: 3, Col: 1},
		{URL: "http://exa mple.se/", Path: file, Line: 4, Col: 1},
	}
	problems, results, err := Check(context.Background(), refs, fast())
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Path: file, Line: 3, Col: 1, Message: "https:// är ingen giltig webbadress; rätta adressen eller ta bort länken"},
		{Path: file, Line: 4, Col: 1, Message: "http://exa mple.se/ är ingen giltig webbadress; rätta adressen eller ta bort länken"},
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n got %#v\nwant %#v", problems, want)
	}
	if len(results) != 3 || results[0].Status != 200 || results[1].Err == "" || results[2].Err == "" {
		t.Errorf("results = %#v, want the HTTP one with 200 and two invalid ones", results)
	}
	if n := s.reqs("/ok"); n != 1 {
		t.Errorf("/ok requested %d times, want 1", n)
	}
}

func TestCacheSkipsSuccessesAndRechecksFailures(t *testing.T) {
	s := newServer(t)
	cache := filepath.Join(t.TempDir(), "cache", "lankar.json")
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	opts := fast()
	opts.CachePath = cache
	opts.Now = func() time.Time { return now }
	opts.Retries = -1
	paths := []string{"/ok", "/moved", "/login", "/head-not-allowed", "/gone", "/always500"}
	var refs []Ref
	for i, p := range paths {
		refs = append(refs, Ref{URL: s.URL + p, Path: file, Line: i + 1, Col: 1})
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refs = append(refs, Ref{URL: "http://" + l.Addr().String() + "/", Path: file, Line: 10, Col: 1})
	l.Close()

	first, _, err := Check(context.Background(), refs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 4 { // moved, gone, always500, the closed port
		t.Errorf("first run: %d problems, want 4: %#v", len(first), first)
	}
	data, err := os.ReadFile(cache)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`{
  "version": 1,
  "entries": {
    "%[1]s/head-not-allowed": {
      "status": 200,
      "checked": "2025-03-01T10:00:00Z"
    },
    "%[1]s/login": {
      "status": 401,
      "checked": "2025-03-01T10:00:00Z"
    },
    "%[1]s/moved": {
      "status": 200,
      "checked": "2025-03-01T10:00:00Z",
      "final": "%[1]s/ok"
    },
    "%[1]s/ok": {
      "status": 200,
      "checked": "2025-03-01T10:00:00Z"
    }
  }
}
`, s.URL)
	if string(data) != want {
		t.Errorf("cache file:\n%s\nwant:\n%s", data, want)
	}

	before := map[string]int{}
	for _, p := range paths {
		before[p] = s.reqs(p)
	}
	now = now.Add(24 * time.Hour)
	second, results, err := Check(context.Background(), refs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(first, second) {
		t.Errorf("second run's problems differ:\n got %#v\nwant %#v", second, first)
	}
	for _, p := range paths {
		got := s.reqs(p) - before[p]
		want := 0
		if p == "/gone" || p == "/always500" {
			want = 1
		}
		if got != want {
			t.Errorf("second run requested %s %d times, want %d", p, got, want)
		}
	}
	for _, r := range results {
		failing := strings.HasSuffix(r.URL, "/gone") || strings.HasSuffix(r.URL, "/always500") || r.Err != ""
		if r.Cached == failing {
			t.Errorf("%s: Cached = %v", r.URL, r.Cached)
		}
		if strings.HasSuffix(r.URL, "/moved") && r.Redirect != s.URL+"/ok" {
			t.Errorf("cached /moved: Redirect = %q", r.Redirect)
		}
	}
	// Nothing changed, so the file was not rewritten: "checked" is still the first run's.
	if again, _ := os.ReadFile(cache); string(again) != want {
		t.Errorf("cache file changed on the second run:\n%s", again)
	}
	if entries, _ := os.ReadDir(filepath.Dir(cache)); len(entries) != 1 {
		t.Errorf("cache folder holds %d files, want just the cache (no temporary files)", len(entries))
	}
}

func TestExpiredCacheEntryIsRechecked(t *testing.T) {
	s := newServer(t)
	start := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	opts := fast()
	opts.CachePath = filepath.Join(t.TempDir(), "lankar.json")
	refs := []Ref{{URL: s.URL + "/ok", Path: file, Line: 1, Col: 1}}
	for _, step := range []struct {
		after   time.Duration
		wantReq int
	}{
		{0, 1},                   // empty cache
		{6 * 24 * time.Hour, 1},  // within the default 7 days
		{8 * 24 * time.Hour, 2},  // expired: checked again, and stored anew
		{14 * 24 * time.Hour, 2}, // 6 days after that check
	} {
		opts.Now = func() time.Time { return start.Add(step.after) }
		if _, _, err := Check(context.Background(), refs, opts); err != nil {
			t.Fatal(err)
		}
		if n := s.reqs("/ok"); n != step.wantReq {
			t.Errorf("after %v: %d requests in all, want %d", step.after, n, step.wantReq)
		}
	}
	opts.MaxAge = time.Hour
	opts.Now = func() time.Time { return start.Add(14*24*time.Hour + 2*time.Hour) }
	if _, _, err := Check(context.Background(), refs, opts); err != nil {
		t.Fatal(err)
	}
	if n := s.reqs("/ok"); n != 3 {
		t.Errorf("with MaxAge of an hour: %d requests in all, want 3", n)
	}
}

func TestCorruptCacheIsIgnored(t *testing.T) {
	s := newServer(t)
	for name, content := range map[string]string{
		"not JSON":      "{\"version\": 1, \"entries\": {",
		"other version": `{"version": 2, "entries": {"` + s.URL + `/gone": {"status": 200, "checked": "2999-01-01T00:00:00Z"}}}`,
		"failure entry": `{"version": 1, "entries": {"` + s.URL + `/gone": {"status": 404, "checked": "2025-03-01T10:00:00Z"}}}`,
		"bad date":      `{"version": 1, "entries": {"` + s.URL + `/gone": {"status": 200, "checked": "igår"}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lankar.json")
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			opts := fast()
			opts.CachePath = path
			opts.Now = func() time.Time { return time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC) }
			before := s.reqs("/gone")
			problems, _, err := Check(context.Background(), []Ref{{URL: s.URL + "/gone", Path: file, Line: 1, Col: 1}}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 1 || problems[0].Warning {
				t.Errorf("problems = %#v, want the 404 error", problems)
			}
			if s.reqs("/gone") != before+1 {
				t.Error("the cache was trusted")
			}
			var c cacheFile
			data, _ := os.ReadFile(path)
			if err := json.Unmarshal(data, &c); err != nil || c.Version != 1 || len(c.Entries) != 0 {
				t.Errorf("cache rewritten as %s (%v), want version 1 and no entries", data, err)
			}
		})
	}
}

func TestPerHostLimit(t *testing.T) {
	s := newServer(t)
	var refs []Ref
	for i := range 12 {
		refs = append(refs, Ref{URL: fmt.Sprintf("%s/busy/%d", s.URL, i), Path: file, Line: i + 1, Col: 1})
	}
	opts := fast()
	opts.PerHost = 2
	opts.Concurrency = 8
	s.holdUntilCrowd(2) // so that the limit is reached, not just allowed
	problems, _, err := Check(context.Background(), refs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("problems: %#v", problems)
	}
	if m := s.maxSeen.Load(); m != 2 {
		t.Errorf("at most %d requests at once, want exactly PerHost = 2", m)
	}
}

func TestConcurrencyLimit(t *testing.T) {
	s := newServer(t)
	addr := s.Listener.Addr().String()
	// Every host name leads to the test server, so there are many hosts
	// without DNS.
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		},
	}}
	defer client.CloseIdleConnections()
	var refs []Ref
	for h := range 6 {
		for i := range 4 {
			refs = append(refs, Ref{URL: fmt.Sprintf("http://kommun%d.test/busy/%d", h, i), Path: file, Line: h*4 + i + 1, Col: 1})
		}
	}
	opts := fast()
	opts.Client = client
	opts.PerHost = 2
	opts.Concurrency = 5
	s.holdUntilCrowd(5) // so that the limit is reached, not just allowed
	problems, _, err := Check(context.Background(), refs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 0 {
		t.Errorf("problems: %#v", problems)
	}
	if m := s.maxSeen.Load(); m != 5 {
		t.Errorf("at most %d requests at once, want exactly Concurrency = 5", m)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.perHost) != 6 {
		t.Errorf("requests came for %d hosts, want 6", len(s.perHost))
	}
	for h, c := range s.perHost {
		if c[1] > 2 {
			t.Errorf("%s: %d requests at once, want at most 2", h, c[1])
		}
	}
}

func TestUnknownHostIsAWarning(t *testing.T) {
	t.Parallel() // DNS may be slow or absent; let it wait alongside the others
	opts := fast()
	opts.Timeout = 2 * time.Second
	opts.Retries = -1
	u := "http://nonexistent.invalid/sida"
	problems, results, err := Check(context.Background(), []Ref{{URL: u, Path: file, Line: 5, Col: 3}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !problems[0].Warning || !strings.HasPrefix(problems[0].Message, u) {
		t.Fatalf("problems = %#v, want one warning", problems)
	}
	// With a working resolver the reason is known; without one it may not be.
	t.Logf("message: %s (error: %s)", problems[0].Message, results[0].Err)
	if len(results) != 1 || results[0].Status != 0 || results[0].Err == "" {
		t.Errorf("results = %#v", results)
	}
}

func TestReasons(t *testing.T) {
	// A certificate the client does not trust.
	tlsServer := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer tlsServer.Close()
	// A port where nobody listens.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/"
	l.Close()

	opts := fast()
	opts.Retries = 1
	refs := []Ref{
		{URL: tlsServer.URL + "/", Path: file, Line: 1, Col: 1},
		{URL: closed, Path: file, Line: 2, Col: 1},
	}
	problems, _, err := Check(context.Background(), refs, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Path: file, Line: 1, Col: 1, Warning: true, Message: tlsServer.URL + "/: certifikatet godtas inte; öppna länken i en webbläsare och kontrollera den"},
		{Path: file, Line: 2, Col: 1, Warning: true, Message: closed + " svarar inte; kontrollera länken senare"},
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n got %#v\nwant %#v", problems, want)
	}

	dns := func(notFound bool) error {
		return &url.Error{Op: "Head", URL: "http://x.invalid/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: notFound}}}
	}
	for err, want := range map[error]string{
		dns(true):                                reasonNoName,
		dns(false):                               reasonNoDNS,
		context.DeadlineExceeded:                 reasonNoAnswer,
		fmt.Errorf("x: %w", errTooManyRedirects): reasonRedirects,
	} {
		if got := reasonFor(err); got != want {
			t.Errorf("reasonFor(%v) = %q, want %q", err, got, want)
		}
	}
}

// TestCancelEndsRequests: cancelling ctx aborts the requests in flight,
// sends none of those waiting for a slot, and Check returns at once with
// nothing of its own left running. Cancelled when the server holds the two
// requests the host's limit allows (of 20); they never answer, and the
// timeout is an hour, so only the cancel can end them.
func TestCancelEndsRequests(t *testing.T) {
	s := newServer(t)
	var refs []Ref
	for i := range 20 {
		refs = append(refs, Ref{URL: fmt.Sprintf("%s/hang?%d", s.URL, i), Path: file, Line: i + 1, Col: 1})
	}
	opts := fast()
	opts.PerHost = 2
	twoHeld, heldTwo := closer()
	s.onHang = func(held int64) {
		if held == 2 {
			heldTwo()
		}
	}
	cancelWhen(t, s, refs, opts, twoHeld)
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := s.requests["HEAD /hang"]; n != 2 {
		t.Errorf("the server got %d requests, want the 2 in flight when cancelled", n)
	}
}

// TestCancelEndsRetryWait: cancelling ctx cuts the wait before a retry
// short. Cancelled once the first try's 500 has reached the client, which
// would then wait an hour before trying again.
func TestCancelEndsRetryWait(t *testing.T) {
	s := newServer(t)
	transport := newCountingTransport(t)
	opts := fast()
	opts.Client = &http.Client{Transport: transport}
	refs := []Ref{{URL: s.URL + "/always500", Path: file, Line: 1, Col: 1}}
	cancelWhen(t, s, refs, opts, transport.firstAnswer)
	if n := transport.sent.Load(); n != 1 {
		t.Errorf("%d requests sent, want 1: the retry came before its wait was over", n)
	}
}

// cancelWhen runs Check over refs, with an hour's timeout and retries an
// hour apart, and cancels it as soon as ready is closed. It fails unless Check
// then returns promptly (within a minute, where anything but the cancel
// would take an hour) with the context's error, having written its cache,
// and leaving none of its goroutines behind once the server has closed.
func cancelWhen(t *testing.T, s *testServer, refs []Ref, opts Options, ready <-chan struct{}) {
	t.Helper()
	base := runtime.NumGoroutine()
	opts.Timeout = time.Hour
	opts.Retries = 5
	opts.backoff = time.Hour
	opts.CachePath = filepath.Join(t.TempDir(), "lankar.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type checked struct {
		problems []Problem
		results  []Result
		err      error
	}
	done := make(chan checked, 1)
	go func() {
		p, r, err := Check(ctx, refs, opts)
		done <- checked{p, r, err}
	}()
	select {
	case <-ready:
	case <-time.After(time.Minute): // only a bug reaches this
		t.Fatal("the moment to cancel did not come within a minute")
	}
	cancel()
	var c checked
	select {
	case c = <-done:
	case <-time.After(time.Minute):
		t.Fatal("Check did not return within a minute of the cancel")
	}
	if !errors.Is(c.err, context.Canceled) || c.problems != nil || c.results != nil {
		t.Errorf("Check = %v, %v, %v; want nil, nil and context.Canceled", c.problems, c.results, c.err)
	}
	if _, err := os.Stat(opts.CachePath); err != nil {
		t.Errorf("the cache was not written: %v", err)
	}

	// Everything Check started has ended, client side included.
	s.Close()
	if opts.Client != nil {
		opts.Client.CloseIdleConnections() // the test's client, not Check's
	}
	deadline := time.Now().Add(time.Minute)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines, %d before Check:\n%s", n, base, buf[:runtime.Stack(buf, true)])
	}
}

func TestBackoff(t *testing.T) {
	base := 500 * time.Millisecond
	var got []time.Duration
	for n := 1; n <= 7; n++ {
		got = append(got, backoff(base, n))
	}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("backoff = %v, want %v", got, want)
	}
	now := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"0":                             0,
		"5":                             5 * time.Second,
		"120":                           30 * time.Second,
		"Sat, 01 Mar 2025 10:00:12 GMT": 12 * time.Second,
		"Sat, 01 Mar 2025 09:00:00 GMT": 0,
	} {
		if got, ok := parseRetryAfter(v, now); !ok || got != want {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "-1", "snart"} {
		if _, ok := parseRetryAfter(v, now); ok {
			t.Errorf("parseRetryAfter(%q) accepted", v)
		}
	}
}
