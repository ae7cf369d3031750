package browsertest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Transfer is one request a page made and what it cost on the wire.
type Transfer struct {
	URL    string
	Type   string // the resource type: Document, Script, Fetch …
	Status int    // the HTTP status, 0 when none came
	Bytes  int64  // bytes received: headers and body as sent (compressed, when the server compresses)
	Cached bool   // served from the browser's cache, not the network
	Failed string // why it failed, "" when it did not
}

func (tr Transfer) String() string {
	s := fmt.Sprintf("%s %s: %d, %d bytes", tr.Type, tr.URL, tr.Status, tr.Bytes)
	if tr.Cached {
		s += " (cache)"
	}
	if tr.Failed != "" {
		s += " (failed: " + tr.Failed + ")"
	}
	return s
}

// Network records the requests of a page from the moment [Page.Network] is
// called, with the bytes each one took (which the page's own records do
// not keep). Its methods are safe for the test's goroutine while the tab
// records.
type Network struct {
	p      *Page
	cancel context.CancelFunc

	mu        sync.Mutex
	pending   map[network.RequestID]*Transfer
	order     []network.RequestID // requests in the order they started
	done      map[network.RequestID]bool
	lastEvent time.Time
}

// Network starts recording the page's requests, until the test ends.
// Take what was recorded so far with [Network.Take].
func (p *Page) Network(t testing.TB) *Network {
	t.Helper()
	ctx, cancel := context.WithCancel(p.ctx)
	n := &Network{p: p, cancel: cancel, pending: map[network.RequestID]*Transfer{}, done: map[network.RequestID]bool{}, lastEvent: time.Now()}
	// Canceling ctx ends the listener: the tab outlives the test.
	if err := chromedp.Listen(ctx, n.record); err != nil {
		cancel()
		t.Fatalf("browsertest: listening to the network of %s: %v", p.URL, err)
	}
	t.Cleanup(cancel)
	return n
}

// record runs in the tab's event loop: it must return fast.
func (n *Network) record(ev any) {
	n.mu.Lock()
	defer n.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		n.lastEvent = time.Now()
		if tr := n.pending[ev.RequestID]; tr != nil {
			tr.URL = ev.Request.URL // a redirect goes on under the same id
			return
		}
		n.pending[ev.RequestID] = &Transfer{URL: ev.Request.URL, Type: string(ev.Type)}
		n.order = append(n.order, ev.RequestID)
	case *network.EventRequestServedFromCache:
		if tr := n.pending[ev.RequestID]; tr != nil {
			tr.Cached = true
		}
	case *network.EventResponseReceived:
		n.lastEvent = time.Now()
		if tr := n.pending[ev.RequestID]; tr != nil {
			tr.Status = int(ev.Response.Status)
			if ev.Response.FromDiskCache || ev.Response.FromPrefetchCache {
				tr.Cached = true
			}
		}
	case *network.EventLoadingFinished:
		n.lastEvent = time.Now()
		if tr := n.pending[ev.RequestID]; tr != nil {
			tr.Bytes = int64(ev.EncodedDataLength)
			n.done[ev.RequestID] = true
		}
	case *network.EventLoadingFailed:
		n.lastEvent = time.Now()
		if tr := n.pending[ev.RequestID]; tr != nil {
			tr.Failed = ev.ErrorText
			n.done[ev.RequestID] = true
		}
	}
}

// Take waits until no recorded request is in flight and no network event
// has come for quiet (at most limit), and returns the finished requests
// since the last Take, in the order they started. Requests still in flight
// at the limit are left for the next Take.
func (n *Network) Take(t testing.TB, quiet, limit time.Duration) []Transfer {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		n.mu.Lock()
		busy := len(n.done) < len(n.order)
		since := time.Since(n.lastEvent)
		n.mu.Unlock()
		if (!busy && since >= quiet) || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []Transfer
	var left []network.RequestID
	for _, id := range n.order {
		if n.done[id] {
			out = append(out, *n.pending[id])
			delete(n.pending, id)
			delete(n.done, id)
		} else {
			left = append(left, id)
		}
	}
	n.order = left
	return out
}

// Total adds up the bytes of transfers.
func Total(trs []Transfer) int64 {
	var sum int64
	for _, tr := range trs {
		sum += tr.Bytes
	}
	return sum
}

// ClearCache empties the browser's cache (shared by every tab), so that
// what a page loads next comes over the network, as on a first visit.
func (p *Page) ClearCache(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatalf("browsertest: clearing the cache: %v", err)
	}
}
