package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Page is one tab of the browser, opened on one URL by [B.Open], until the
// test that opened it ends. Its methods are for the goroutine of that test.
type Page struct {
	URL  string // the URL it was opened on
	opts options
	ctx  context.Context // the tab; ended when the test ends
	host string          // scheme://host:port of URL: every request must go there

	mu        sync.Mutex // guards what the tab's event loop records
	problems  []string
	warnings  []string
	requests  []string
	inflight  map[network.RequestID]*request
	aborted   map[network.RequestID]*request // ended with no status yet
	early     map[network.RequestID]int64    // statuses of requests not seen yet
	lastEvent time.Time
	document  network.RequestID // the request of the page itself
	status    int64             // its HTTP status
}

// Option changes how [B.Open] opens a page.
type Option func(*options)

type options struct {
	width, height int64
	dark          bool
	reducedMotion bool
	print         bool
	status        int64
	textPercent   int64
}

// Viewport sets the size of the window in CSS pixels (default 1280×800).
func Viewport(width, height int) Option {
	return func(o *options) { o.width, o.height = int64(width), int64(height) }
}

// DarkMode makes the page see prefers-color-scheme: dark.
func DarkMode() Option { return func(o *options) { o.dark = true } }

// ReducedMotion makes the page see prefers-reduced-motion: reduce.
func ReducedMotion() Option { return func(o *options) { o.reducedMotion = true } }

// PrintMedia makes the page see the media type print, as when it is
// printed: its print style sheet applies, to the screen and screenshots.
func PrintMedia() Option { return func(o *options) { o.print = true } }

// TextSize sets the browser's text size to percent of its default (16
// pixels; 13 for fixed-width text), as a reader does in the browser's
// settings: text sized in rem and em grows, and so do media queries in em
// (a layout for 60em wide asks for a window 60 of the larger ems wide).
// The default is 100.
func TextSize(percent int) Option { return func(o *options) { o.textPercent = int64(percent) } }

// Status is the HTTP status the page itself is expected to have (default
// 200); another one is a problem. The 404 page is opened with Status(404).
func Status(code int) Option { return func(o *options) { o.status = int64(code) } }

// bindingName is the function through which the harness's own listener in
// the page reports what the page cannot report to the console by itself.
const bindingName = "__browsertestReport"

// pageScript runs in every document before the page's own scripts. It is
// added through the DevTools protocol, so the page's content security policy
// does not apply to it. A violation of the policy is also in the browser's
// log; the event adds what was blocked and where.
const pageScript = `(() => {
	const report = window.` + bindingName + `;
	document.addEventListener('securitypolicyviolation', (e) => {
		report(JSON.stringify({
			kind: 'csp',
			text: 'Content-Security-Policy violation: ' + e.effectiveDirective +
				' blocked ' + (e.blockedURI || '(inline)') +
				(e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : '') +
				(e.sample ? ' (' + e.sample + ')' : ''),
		}));
	}, true);
})();`

// Open opens url in a tab of its own, waits until it has loaded and no
// request has been in flight for 300 ms (at most 30 s), and returns the
// page. It fails the test when the page cannot be loaded at all.
//
// When the test ends, the tab is kept for a later Open, which navigates it
// to its own URL: a new tab costs about 300 ms. Cookies and storage belong
// to the browser and are shared by all tabs, as for a reader.
func (b *B) Open(t testing.TB, rawURL string, opts ...Option) *Page {
	t.Helper()
	p := &Page{
		URL:      rawURL,
		opts:     options{width: 1280, height: 800, status: 200, textPercent: 100},
		inflight: map[network.RequestID]*request{},
		aborted:  map[network.RequestID]*request{},
		early:    map[network.RequestID]int64{},
	}
	for _, o := range opts {
		o(&p.opts)
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		t.Fatalf("browsertest: Open needs an absolute URL, not %q", rawURL)
	}
	p.host = u.Scheme + "://" + u.Host

	tb, err := b.take()
	if err != nil {
		t.Fatalf("browsertest: opening a tab: %v", err)
	}
	p.ctx = tb.ctx
	tb.page.Store(p)
	t.Cleanup(func() { b.put(tb) })

	scheme, motion := "light", "no-preference"
	if p.opts.dark {
		scheme = "dark"
	}
	if p.opts.reducedMotion {
		motion = "reduce"
	}
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
		{Name: "prefers-color-scheme", Value: scheme},
		{Name: "prefers-reduced-motion", Value: motion},
	}}
	if p.opts.print {
		media.Media = "print"
	}
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if strings.Contains(rawURL, "#") {
		// From the same page without the fragment, the navigation would
		// only scroll, and no load would come.
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
			t.Fatalf("browsertest: emptying a tab: %v", err)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(p.opts.width, p.opts.height),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, media)
			return err
		}),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			// Set on every Open, since a tab is reused.
			sizes := page.FontSizes{Standard: 16 * p.opts.textPercent / 100, Fixed: 13 * p.opts.textPercent / 100}
			_, err := cdp.Call(ctx, tg, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &sizes})
			return err
		}),
		chromedp.Navigate(rawURL),
	); err != nil {
		t.Fatalf("browsertest: loading %s: %v", rawURL, err)
	}
	p.waitIdle(t, 300*time.Millisecond, 30*time.Second)
	return p
}

// waitIdle waits until no request has been in flight, and no network event
// has come, for quiet; or until limit.
func (p *Page) waitIdle(t testing.TB, quiet, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		p.mu.Lock()
		n, since := len(p.inflight), time.Since(p.lastEvent)
		var pending []string
		for _, r := range p.inflight {
			pending = append(pending, r.url)
		}
		p.mu.Unlock()
		if n == 0 && since >= quiet {
			return
		}
		if time.Now().After(deadline) {
			t.Logf("browsertest: %s: still loading after %v: %s", p.URL, limit, strings.Join(pending, ", "))
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// record is called by the tab's event loop for every event, in order. It
// must return fast and send no command.
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		u := ev.Request.URL
		p.lastEvent = time.Now()
		if strings.HasPrefix(u, "data:") {
			break // no request to any host
		}
		if ev.Type == network.ResourceTypeEventSource {
			// A stream of server-sent events stays open for the page's
			// life (the preview's reload events): never wait for it.
			p.requests = append(p.requests, u)
			break
		}
		if r := p.inflight[ev.RequestID]; r != nil && ev.RedirectResponse != nil {
			r.url = u // a redirect goes on under the same id
		} else {
			p.inflight[ev.RequestID] = &request{url: u, typ: ev.Type, extraStatus: p.early[ev.RequestID]}
			delete(p.early, ev.RequestID)
		}
		p.requests = append(p.requests, u)
		if ev.Type == network.ResourceTypeDocument && p.document == "" {
			p.document = ev.RequestID
		}
		if foreign := p.foreign(u); foreign != "" {
			p.problems = append(p.problems, fmt.Sprintf("request to another host: %s %s (the site must load nothing from elsewhere)", ev.Type, foreign))
		}
	case *network.EventResponseReceivedExtraInfo:
		// Sent also for a response that the browser then refuses (a style
		// sheet served as text/html), which has no EventResponseReceived.
		// It comes in no fixed order with the other events of the request:
		// before the request, while it runs, or after it ended.
		p.lastEvent = time.Now()
		if r := p.inflight[ev.RequestID]; r != nil {
			if r.status == 0 {
				r.extraStatus = ev.StatusCode
			}
		} else if r := p.aborted[ev.RequestID]; r != nil {
			delete(p.aborted, ev.RequestID)
			if ev.StatusCode >= 400 {
				p.problems = append(p.problems, fmt.Sprintf("HTTP %d for %s %s", ev.StatusCode, r.typ, r.url))
			}
		} else {
			p.early[ev.RequestID] = ev.StatusCode
		}
	case *network.EventResponseReceived:
		p.lastEvent = time.Now()
		if r := p.inflight[ev.RequestID]; r != nil {
			r.status = ev.Response.Status
		}
		if ev.RequestID == p.document {
			p.status = ev.Response.Status
			if p.status != p.opts.status {
				p.problems = append(p.problems, fmt.Sprintf("the page itself: HTTP %d (want %d): %s", p.status, p.opts.status, ev.Response.URL))
			}
		}
	case *network.EventLoadingFinished:
		p.lastEvent = time.Now()
		p.done(ev.RequestID, nil)
	case *network.EventLoadingFailed:
		p.lastEvent = time.Now()
		p.done(ev.RequestID, ev)
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			p.problems = append(p.problems, "console."+string(ev.Type)+": "+argsText(ev.Args)+where(ev.StackTrace))
		case runtime.ConsoleAPICalledTypeWarning:
			p.warnings = append(p.warnings, "console.warn: "+argsText(ev.Args)+where(ev.StackTrace))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		p.problems = append(p.problems, fmt.Sprintf("uncaught exception: %s (%s:%d:%d)", text, d.URL, d.LineNumber+1, d.ColumnNumber+1))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Source == log.EntrySourceNetwork {
			break // "Failed to load resource": the network events above say it, with the URL and status
		}
		msg := fmt.Sprintf("browser log (%s): %s", e.Source, e.Text)
		if e.URL != "" {
			msg += " [" + e.URL + "]"
		}
		switch e.Level {
		case log.EntryLevelError:
			p.problems = append(p.problems, msg)
		case log.EntryLevelWarning:
			p.warnings = append(p.warnings, msg)
		}
	case *runtime.EventBindingCalled:
		if ev.Name != bindingName {
			break
		}
		var r struct{ Kind, Text string }
		if err := json.Unmarshal([]byte(ev.Payload), &r); err != nil {
			r.Text = ev.Payload
		}
		p.problems = append(p.problems, r.Text)
	}
}

// request is a request in flight.
type request struct {
	url         string
	typ         network.ResourceType
	status      int64 // of the response, 0 before it
	extraStatus int64 // from the raw headers, for a response that never arrives as one
}

// done records the end of a request: a failure, or a status of 400 or more.
func (p *Page) done(id network.RequestID, failed *network.EventLoadingFailed) {
	r := p.inflight[id]
	delete(p.inflight, id)
	if r == nil {
		return
	}
	status := r.status
	if status == 0 {
		status = r.extraStatus
	}
	switch {
	case id == p.document:
		// its status is checked against Status when it arrives
	case status >= 400 && r.typ == network.ResourceTypeOther && strings.HasSuffix(r.url, "/favicon.ico"):
		// The browser's own request for an icon the page did not declare.
		p.warnings = append(p.warnings, fmt.Sprintf("HTTP %d for %s (the browser asks for it when a page declares no icon)", status, r.url))
	case status >= 400:
		p.problems = append(p.problems, fmt.Sprintf("HTTP %d for %s %s", status, r.typ, r.url))
	case failed == nil:
	case failed.Canceled && failed.BlockedReason == "" && status == 0:
		// Stopped by a navigation or by the page, or refused by the
		// browser, whose log says so. Its status may still come.
		p.aborted[id] = r
	default:
		msg := fmt.Sprintf("request failed: %s %s: %s", r.typ, r.url, failed.ErrorText)
		if failed.BlockedReason != "" {
			msg += " (blocked: " + string(failed.BlockedReason) + ")"
		}
		p.problems = append(p.problems, msg)
	}
}

// foreign returns u when it is a request to a host other than the page's.
// data: and blob: URLs are no requests to a host.
func (p *Page) foreign(u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		return u
	}
	switch pu.Scheme {
	case "data", "blob", "about":
		return ""
	}
	if pu.Scheme+"://"+pu.Host != p.host {
		return u
	}
	return ""
}

func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		switch {
		case a.Type == runtime.RemoteObjectTypeString:
			var s string
			if json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
				continue
			}
			parts = append(parts, string(a.Value))
		case len(a.Value) > 0:
			parts = append(parts, string(a.Value))
		case a.Description != "":
			parts = append(parts, a.Description)
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

func where(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

// Problems lists what went wrong while the page loaded and ran until now:
// console errors, uncaught exceptions, content security policy violations,
// failed requests, responses with status 400 or more (and the page's own
// status when it is not the expected one, see [Status]), and requests to
// any host other than the page's own. An empty list is a clean page.
func (p *Page) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return dedupe(p.problems)
}

// Warnings lists the console warnings and the browser log's warnings.
func (p *Page) Warnings() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return dedupe(p.warnings)
}

// Requests lists the URL of every request the page made, in order.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// StatusCode is the HTTP status of the page itself.
func (p *Page) StatusCode() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return int(p.status)
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Eval evaluates a JavaScript expression in the page and decodes its
// value, as JSON, into out (which may be nil). A promise is awaited.
func (p *Page) Eval(t testing.TB, expr string, out any) {
	t.Helper()
	raw, err := p.eval(expr, 30*time.Second)
	if err != nil {
		t.Fatalf("browsertest: evaluating in %s: %v\n%s", p.URL, err, short(expr))
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("browsertest: decoding %s: %v", raw, err)
		}
	}
}

func (p *Page) eval(expr string, limit time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(p.ctx, limit)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
}

func short(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// Press sends keys to the page as key presses, such as "\t" for Tab or
// "\r" for Enter, and waits for what they start (a navigation, a scroll)
// to settle.
func (p *Page) Press(t testing.TB, keys string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(keys)); err != nil {
		t.Fatalf("browsertest: pressing %q in %s: %v", keys, p.URL, err)
	}
	p.waitIdle(t, 50*time.Millisecond, 10*time.Second)
}
