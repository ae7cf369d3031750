package browsertest

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A tab is kept open when its test ends and handed to the next Open:
// making a tab and attaching to it costs about 300 ms. The tab's listener
// passes its events to the Page that has the tab at the time.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc
	page   atomic.Pointer[Page]
}

// take returns an idle tab, or opens a new one.
func (b *B) take() (*tab, error) {
	b.mu.Lock()
	if n := len(b.idle); n > 0 {
		tb := b.idle[n-1]
		b.idle = b.idle[:n-1]
		b.mu.Unlock()
		return tb, nil
	}
	b.mu.Unlock()

	tb := &tab{}
	tb.ctx, tb.cancel = chromedp.NewContext(b.ctx, chromedp.WithListener(func(ev any) {
		if p := tb.page.Load(); p != nil {
			p.record(ev)
		}
	}))
	// Opening the tab takes the tab's own context, which must not carry a
	// deadline (the tab would close with it); a watchdog bounds the wait
	// instead, so a wedged browser fails the test rather than hanging it.
	opened := make(chan error, 1)
	go func() { opened <- chromedp.Do(tb.ctx) }()
	select {
	case err := <-opened:
		if err != nil {
			tb.cancel()
			return nil, err
		}
	case <-time.After(30 * time.Second):
		tb.cancel()
		return nil, fmt.Errorf("the browser did not open a tab within 30 s")
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		// A background tab of a headless browser has no focus, and then
		// neither :focus-visible nor focus events behave as for a reader.
		if _, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, runtime.AddBinding, runtime.AddBindingParams{Name: bindingName}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pageScript})
		return err
	}))
	if err != nil {
		tb.cancel()
		return nil, err
	}
	return tb, nil
}

// put takes the tab from its page and keeps it for the next Open, which
// navigates it away. Events of the old page from then on go nowhere; a
// request of the old page that ends later is unknown to the next page, which
// ignores it.
func (b *B) put(tb *tab) {
	tb.page.Store(nil)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		tb.cancel()
		return
	}
	b.idle = append(b.idle, tb)
}
