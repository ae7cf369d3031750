// Package linkcheck checks the external links of the content: the http and
// https addresses editors put in case studies. It runs only when asked for,
// with kb check --external, and never as part of a build: a build must work
// without a network, and must not fail because someone else's server has a
// bad day.
//
//	problems, results, err := linkcheck.Check(ctx, refs, linkcheck.Options{
//		CachePath: ".cache/externa-lankar.json",
//	})
//
// The caller collects the refs (each use of a URL, with its file and
// position) and turns the problems into diagnostics. Check does the network
// requests and, when Options.CachePath is set, reads and writes its cache
// file; nothing else.
//
// # What is checked
//
// Only addresses starting with http: or https: are checked; mailto:, tel:,
// relative links and the like are ignored and do not appear in the results.
// An http(s) address that cannot be parsed, or has no host, is an error.
//
// Each distinct address is requested once, however often the content uses
// it; the fragment (#avsnitt) is not sent, so addresses that differ only in
// their fragment share one request. Every use of a broken address gets its
// own problem, at its own position.
//
// Each address is first asked for with HEAD. Many servers refuse HEAD, so
// when the answer is 400, 403, 405 or 501 the address is asked for once more
// with GET (at most 64 KiB of the body is read). Redirects are followed, at
// most 10.
//
// # What is reported
//
// Errors (the link is broken, the editor should fix it):
//
//	404 or 410       länken till <url> är trasig (svarar 404); ta bort den eller byt till en adress som fungerar
//	other 4xx        the same message with the real code (but 401, 403 and 429 are not errors)
//	not a URL        <url> är ingen giltig webbadress; rätta adressen eller ta bort länken
//
// Warnings (perhaps broken, perhaps a bad day; look again later):
//
//	5xx or 429       <url> svarade 503 flera gånger; kontrollera länken senare
//	no answer        <url> svarar inte; kontrollera länken senare
//	unknown name     <url>: namnet finns inte; kontrollera adressen eller ta bort länken
//	DNS unavailable  <url>: namnet kunde inte slås upp; kontrollera nätverket och försök igen
//	bad certificate  <url>: certifikatet godtas inte; öppna länken i en webbläsare och kontrollera den
//	redirect loop    <url>: för många omdirigeringar; öppna länken i en webbläsare och kontrollera den
//	moved            <url> har flyttat till <ny url>; byt adress
//
// 401 and 403 are fine: the page exists but needs a login. "Moved" means the
// address answers with a permanent redirect (301 or 308) to a different
// address. Only the permanent redirects at the start of the chain count: a
// temporary redirect (302, 303, 307) says the original address is still the
// right one, whatever comes after it. The new address keeps the link's
// fragment. A URL gets at most one problem: broken wins over "try later",
// which wins over "moved".
//
// # Being polite
//
// At most Options.Concurrency requests are in flight at once in total, and
// at most Options.PerHost to one host name (default 2: the servers are often
// small municipal ones). A request that times out, cannot connect, or gets
// 429 or 5xx is tried again, Options.Retries times (default 2), after 0.5 s,
// 1 s, 2 s … (at most 8 s), or after the server's Retry-After (seconds or a
// date; at most 30 s is waited). A name that does not exist, a certificate
// that is not accepted and a redirect loop are not tried again.
//
// # Cache
//
// With Options.CachePath set, successes are remembered in a JSON file so
// that repeated runs are cheap:
//
//	{
//	  "version": 1,
//	  "entries": {
//	    "https://example.se/sida": {
//	      "status": 200,
//	      "checked": "2025-03-01T10:00:00Z",
//	      "final": "https://example.se/ny-sida"
//	    }
//	  }
//	}
//
// Keys are the addresses as requested (without fragment), sorted. "final"
// is where a permanent redirect leads, when it does, so a cached moved link
// is still reported. Only successes are stored (a final status below 400,
// or 401 or 403); failures are always checked again. An entry older than
// Options.MaxAge (default 7 days) is checked again. Addresses no longer in
// the content are dropped from the file. The file is replaced atomically
// (a temporary file renamed over it), and only when its bytes change. A
// missing, unreadable or corrupt cache file, or one of another version, is
// ignored and the run starts empty.
//
// # Cancellation
//
// Check stops soon after ctx is cancelled: waiting requests are not sent,
// requests in flight are aborted, retries stop waiting. It then returns the
// context's error (wrapped) and no problems; what it had already learned is
// still written to the cache.
package linkcheck

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Ref is one use of an external URL in the content, for messages.
type Ref struct {
	URL       string
	Path      string // project-relative file, "content/fallstudier/lund.md"
	Line, Col int
}

// Options tune a Check. The zero value uses the defaults.
type Options struct {
	Client      *http.Client     // nil: a client with Timeout, following up to 10 redirects
	Concurrency int              // requests in flight at once in total; 0 = 8
	PerHost     int              // at once to one host name; 0 = 2
	Timeout     time.Duration    // per request (redirects and body included); 0 = 15 s
	Retries     int              // extra tries after a timeout, a connection error, 429 or 5xx; 0 = 2, negative = none
	CachePath   string           // JSON file; "" = no cache
	MaxAge      time.Duration    // a cached success is trusted this long; 0 = 7 days
	Now         func() time.Time // nil = time.Now
	UserAgent   string           // "" = "kunskapsbanken-linkcheck/1"

	backoff time.Duration // the first wait before a retry; 0 = 0.5 s (tests shorten it, or make it longer than the 8 s retries wait at most)
}

const (
	defaultConcurrency = 8
	defaultPerHost     = 2
	defaultTimeout     = 15 * time.Second
	defaultRetries     = 2
	defaultMaxAge      = 7 * 24 * time.Hour
	defaultUserAgent   = "kunskapsbanken-linkcheck/1"
	defaultBackoff     = 500 * time.Millisecond
)

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = defaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = defaultPerHost
	}
	if o.Timeout <= 0 {
		o.Timeout = defaultTimeout
	}
	switch {
	case o.Retries == 0:
		o.Retries = defaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.MaxAge <= 0 {
		o.MaxAge = defaultMaxAge
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.UserAgent == "" {
		o.UserAgent = defaultUserAgent
	}
	if o.backoff <= 0 {
		o.backoff = defaultBackoff
	}
	return o
}

// Result of one URL.
type Result struct {
	URL      string
	Status   int    // final HTTP status, 0 when no response
	Err      string // network error text, if any
	Cached   bool
	Redirect string // final URL when redirected permanently (301/308) somewhere else
}

// Problem is one broken or suspicious use of a URL, at the position of its Ref.
type Problem struct {
	Path      string
	Line, Col int
	Warning   bool   // true for things that are not clearly broken
	Message   string // Swedish, says what is wrong and what to do
}

// Check checks every distinct URL of refs once and returns one problem per
// ref whose URL is broken or suspicious, sorted by path, line and column,
// and one result per distinct http(s) URL, sorted by URL.
//
// The error is non-nil when ctx was cancelled (then problems and results
// are nil) or when the cache file could not be written (then problems and
// results are complete).
func Check(ctx context.Context, refs []Ref, opts Options) ([]Problem, []Result, error) {
	o := opts.withDefaults()
	start := o.Now()

	// The distinct addresses to request, without fragments, in sorted order.
	var (
		problems []Problem
		invalid  = map[string]string{} // written URL → parse error
		index    = map[string]int{}    // key → position in keys
		keys     []string
	)
	for _, r := range refs {
		if !isWeb(r.URL) {
			continue
		}
		key, _, _ := strings.Cut(r.URL, "#")
		if _, err := parse(key); err != nil {
			invalid[r.URL] = err.Error()
			problems = append(problems, Problem{
				Path: r.Path, Line: r.Line, Col: r.Col,
				Message: fmt.Sprintf("%s är ingen giltig webbadress; rätta adressen eller ta bort länken", r.URL),
			})
			continue
		}
		if _, ok := index[key]; !ok {
			index[key] = -1
			keys = append(keys, key)
		}
	}
	slices.Sort(keys)
	for i, k := range keys {
		index[k] = i
	}

	// What the cache already knows, and the rest to ask the network about.
	var cache cacheFile
	if o.CachePath != "" {
		cache = readCache(o.CachePath)
	}
	outcomes := make([]outcome, len(keys))
	var todo []int
	for i, k := range keys {
		if e, ok := cache.Entries[k]; ok && e.fresh(start, o.MaxAge) {
			outcomes[i] = outcome{status: e.Status, moved: e.Final, cached: true, done: true}
			continue
		}
		todo = append(todo, i)
	}

	if len(todo) > 0 {
		hosts := make([]string, len(todo))
		for j, i := range todo {
			hosts[j] = hostKey(keys[i])
		}
		c := newChecker(o, hosts)
		if o.Client == nil {
			// The transport is ours: leave no idle connections (and their
			// goroutines) behind.
			defer c.client.CloseIdleConnections()
		}
		var wg sync.WaitGroup
		for _, i := range todo {
			wg.Go(func() { outcomes[i] = c.check(ctx, keys[i]) })
		}
		wg.Wait()
	}

	var cacheErr error
	if o.CachePath != "" {
		cacheErr = writeCache(o.CachePath, cache.next(keys, outcomes, start))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("linkcheck: %w", err)
	}
	if cacheErr != nil {
		cacheErr = fmt.Errorf("linkcheck: writing cache: %w", cacheErr)
	}

	var results []Result
	seen := map[string]bool{}
	for _, r := range refs {
		if !isWeb(r.URL) {
			continue
		}
		if msg, bad := invalid[r.URL]; bad {
			if !seen[r.URL] {
				seen[r.URL] = true
				results = append(results, Result{URL: r.URL, Err: msg})
			}
			continue
		}
		key, frag, hasFrag := strings.Cut(r.URL, "#")
		out := outcomes[index[key]]
		moved := out.moved
		if moved != "" && hasFrag {
			moved += "#" + frag
		}
		if !seen[r.URL] {
			seen[r.URL] = true
			res := Result{URL: r.URL, Status: out.status, Cached: out.cached, Redirect: moved}
			if out.err != nil {
				res.Err = out.err.Error()
			}
			results = append(results, res)
		}
		if warning, msg := judge(r.URL, out, moved); msg != "" {
			problems = append(problems, Problem{Path: r.Path, Line: r.Line, Col: r.Col, Warning: warning, Message: msg})
		}
	}
	slices.SortFunc(problems, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
	slices.SortFunc(results, func(a, b Result) int { return cmp.Compare(a.URL, b.URL) })
	return problems, results, cacheErr
}

// judge says what, if anything, is wrong with a use of url, and how bad it is.
func judge(url string, out outcome, moved string) (warning bool, msg string) {
	switch st := out.status; {
	case out.err != nil:
		return true, networkMessage(url, out.reason)
	case st == http.StatusUnauthorized || st == http.StatusForbidden:
		// The page exists but needs a login; it may still have moved.
	case st == http.StatusTooManyRequests || st >= 500:
		if out.tries > 1 {
			return true, fmt.Sprintf("%s svarade %d flera gånger; kontrollera länken senare", url, st)
		}
		return true, fmt.Sprintf("%s svarade %d; kontrollera länken senare", url, st)
	case st >= 400:
		return false, fmt.Sprintf("länken till %s är trasig (svarar %d); ta bort den eller byt till en adress som fungerar", url, st)
	}
	if moved != "" {
		return true, fmt.Sprintf("%s har flyttat till %s; byt adress", url, moved)
	}
	return false, ""
}

func networkMessage(url, reason string) string {
	switch reason {
	case reasonNoAnswer:
		return fmt.Sprintf("%s svarar inte; kontrollera länken senare", url)
	case reasonNoName:
		return fmt.Sprintf("%s: namnet finns inte; kontrollera adressen eller ta bort länken", url)
	case reasonNoDNS:
		return fmt.Sprintf("%s: namnet kunde inte slås upp; kontrollera nätverket och försök igen", url)
	default:
		return fmt.Sprintf("%s: %s; öppna länken i en webbläsare och kontrollera den", url, reason)
	}
}

// isWeb reports whether raw claims to be an http or https address; whether
// it is a usable one is parse's business.
func isWeb(raw string) bool {
	scheme, _, ok := strings.Cut(raw, ":")
	return ok && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https"))
}

func parse(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("no host in %q", raw)
	}
	return u, nil
}

// hostKey is what PerHost counts by: the host name, without port, so two
// ports of one server share its limit.
func hostKey(key string) string {
	u, _ := url.Parse(key) // parsed once already
	return strings.ToLower(u.Hostname())
}

func defaultClient(o Options) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = o.PerHost
	jar, _ := cookiejar.New(nil) // never fails without options
	return &http.Client{
		Transport: t,
		Timeout:   o.Timeout,
		// Some sites set a cookie and redirect to themselves; without a jar
		// that is an endless loop.
		Jar:           jar,
		CheckRedirect: stopAfter(maxRedirects),
	}
}
