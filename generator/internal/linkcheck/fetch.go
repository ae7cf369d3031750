package linkcheck

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	maxRedirects  = 10
	maxBody       = 64 << 10
	maxBackoff    = 8 * time.Second
	maxRetryAfter = 30 * time.Second
)

// The short reasons a request got no answer, as shown in messages.
const (
	reasonNoAnswer  = "svarar inte"
	reasonNoName    = "namnet finns inte"
	reasonNoDNS     = "namnet kunde inte slås upp"
	reasonBadCert   = "certifikatet godtas inte"
	reasonRedirects = "för många omdirigeringar"
)

var errTooManyRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

func stopAfter(n int) func(*http.Request, []*http.Request) error {
	return func(_ *http.Request, via []*http.Request) error {
		// via holds the requests made so far: the first and n redirects.
		if len(via) > n {
			return errTooManyRedirects
		}
		return nil
	}
}

// outcome is what is known about one address after its last try.
type outcome struct {
	status     int
	err        error  // no response at all
	reason     string // err in a few Swedish words
	moved      string // where leading permanent redirects lead, if not back here
	retryAfter time.Duration
	hasRetry   bool // retryAfter was given by the server
	tries      int  // requests made, not counting the GET after a refused HEAD
	cached     bool
	done       bool // false when ctx was cancelled before there was an answer
}

func (o outcome) success() bool {
	return o.done && o.err == nil &&
		(o.status < 400 || o.status == http.StatusUnauthorized || o.status == http.StatusForbidden)
}

func (o outcome) retryable() bool {
	if o.err != nil {
		return o.reason == reasonNoAnswer || o.reason == reasonNoDNS
	}
	return o.status == http.StatusTooManyRequests || o.status >= 500
}

// headRefused are the answers to HEAD after which GET is tried: servers
// that do not implement HEAD say so in many ways.
var headRefused = map[int]bool{
	http.StatusBadRequest:       true,
	http.StatusForbidden:        true,
	http.StatusMethodNotAllowed: true,
	http.StatusNotImplemented:   true,
}

// checker holds what the goroutines of one Check share. hosts is filled
// before the goroutines start and only read after.
type checker struct {
	client  *http.Client
	global  chan struct{}
	hosts   map[string]chan struct{}
	timeout time.Duration
	retries int
	backoff time.Duration
	agent   string
	now     func() time.Time
}

func newChecker(o Options, hosts []string) *checker {
	c := &checker{
		client:  o.Client,
		global:  make(chan struct{}, o.Concurrency),
		hosts:   make(map[string]chan struct{}, len(hosts)),
		timeout: o.Timeout,
		retries: o.Retries,
		backoff: o.backoff,
		agent:   o.UserAgent,
		now:     o.Now,
	}
	if c.client == nil {
		c.client = defaultClient(o)
	}
	for _, h := range hosts {
		if c.hosts[h] == nil {
			c.hosts[h] = make(chan struct{}, o.PerHost)
		}
	}
	return c
}

// check asks for key until it has an answer worth keeping or runs out of
// retries.
func (c *checker) check(ctx context.Context, key string) outcome {
	host := hostKey(key)
	method := http.MethodHead
	for tries := 1; ; tries++ {
		out := c.request(ctx, host, method, key)
		if ctx.Err() != nil {
			return outcome{}
		}
		if method == http.MethodHead && out.err == nil && headRefused[out.status] {
			method = http.MethodGet
			out = c.request(ctx, host, method, key)
			if ctx.Err() != nil {
				return outcome{}
			}
		}
		out.tries = tries
		out.done = true
		if !out.retryable() || tries > c.retries {
			return out
		}
		wait := backoff(c.backoff, tries)
		if out.hasRetry {
			wait = min(out.retryAfter, maxRetryAfter)
		}
		if !sleep(ctx, wait) {
			return outcome{}
		}
	}
}

// backoff is the wait before retry n (1-based): base, 2×base, 4×base …, at
// most maxBackoff (or base, when a test makes it longer).
func backoff(base time.Duration, n int) time.Duration {
	limit := max(base, maxBackoff)
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// acquire waits for a slot for host and then a slot in total, in that order,
// so that a request waiting for a busy host does not hold a total slot.
func (c *checker) acquire(ctx context.Context, host string) (release func(), ok bool) {
	h := c.hosts[host]
	select {
	case h <- struct{}{}:
	case <-ctx.Done():
		return nil, false
	}
	select {
	case c.global <- struct{}{}:
	case <-ctx.Done():
		<-h
		return nil, false
	}
	return func() { <-c.global; <-h }, true
}

// request makes one request, redirects included, within the timeout.
func (c *checker) request(ctx context.Context, host, method, key string) outcome {
	release, ok := c.acquire(ctx, host)
	if !ok {
		return outcome{err: ctx.Err()}
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, key, nil)
	if err != nil {
		return outcome{err: err, reason: reasonNoAnswer}
	}
	req.Header.Set("User-Agent", c.agent)
	req.Header.Set("Accept", "*/*")
	resp, err := c.client.Do(req)
	if err != nil {
		return outcome{err: err, reason: reasonFor(err)}
	}
	defer resp.Body.Close()
	if method == http.MethodGet {
		// Enough for the server to see a normal reader; the rest is not needed.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBody))
	}
	out := outcome{status: resp.StatusCode, moved: movedTo(key, resp)}
	if out.retryable() {
		out.retryAfter, out.hasRetry = parseRetryAfter(resp.Header.Get("Retry-After"), c.now())
	}
	return out
}

// movedTo returns where the permanent redirects at the start of resp's
// redirect chain lead, or "" when there are none or they lead back to key.
// A temporary redirect ends the search: it says the address before it is
// still the one to use.
func movedTo(key string, resp *http.Response) string {
	// The chain, first response first: each request after the first keeps
	// the redirect response that caused it.
	var chain []*http.Response
	for r := resp; r != nil; {
		chain = append(chain, r)
		if r.Request == nil {
			break
		}
		r = r.Request.Response
	}
	var target *url.URL
	for i := len(chain) - 1; i > 0; i-- {
		if st := chain[i].StatusCode; st != http.StatusMovedPermanently && st != http.StatusPermanentRedirect {
			break
		}
		target = chain[i-1].Request.URL
	}
	if target == nil {
		return ""
	}
	t := *target
	t.Fragment, t.RawFragment = "", ""
	if orig, err := url.Parse(key); err == nil && orig.String() == t.String() {
		return ""
	}
	return t.String()
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0, false
		}
		return min(time.Duration(n)*time.Second, maxRetryAfter), true
	}
	if t, err := http.ParseTime(v); err == nil {
		return min(max(t.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// reasonFor puts a failed request's error in a few words for an editor.
func reasonFor(err error) string {
	var (
		dns       *net.DNSError
		unknownCA x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		verify    *tls.CertificateVerificationError
	)
	switch {
	case errors.Is(err, errTooManyRedirects):
		return reasonRedirects
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return reasonNoName
		}
		return reasonNoDNS
	case errors.As(err, &verify), errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid):
		return reasonBadCert
	default:
		// Timeouts, refused and reset connections, and whatever else keeps
		// an answer from arriving.
		return reasonNoAnswer
	}
}
