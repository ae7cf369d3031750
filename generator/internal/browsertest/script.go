package browsertest

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// ReloadWithoutScript turns JavaScript off in the page's tab, as a reader
// who has switched it off, and loads the page's URL again. Script stays off
// until the test ends. [Page.Eval] still works: the DevTools protocol's
// evaluation is not the page's script.
func (p *Page) ReloadWithoutScript(t testing.TB) {
	t.Helper()
	p.setScript(t, false)
	t.Cleanup(func() { p.setScript(t, true) }) // before the tab is handed on
	p.reload(t)
}

// EnableScript turns JavaScript back on after [Page.ReloadWithoutScript],
// without loading the page again: the page's own scripts, which did not
// run, stay unrun, but what the harness runs in the page with timers and
// promises, such as [Page.Axe], works again.
func (p *Page) EnableScript(t testing.TB) {
	t.Helper()
	p.setScript(t, true)
}

func (p *Page) setScript(t testing.TB, on bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
	if err != nil {
		t.Fatalf("browsertest: switching script on=%v in %s: %v", on, p.URL, err)
	}
}

// reload loads the page's URL again and waits as [B.Open] does.
func (p *Page) reload(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(p.URL)); err != nil {
		t.Fatalf("browsertest: loading %s again: %v", p.URL, err)
	}
	p.waitIdle(t, 300*time.Millisecond, 30*time.Second)
}
