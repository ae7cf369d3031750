package browsertest

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/domdebugger"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DragEvents are the events through which a page can make a reader drag:
// HTML drag and drop, and pointer, mouse or touch movement.
var DragEvents = []string{"drag", "dragstart", "dragend", "dragover", "dragenter", "dragleave", "drop",
	"pointermove", "mousemove", "touchmove"}

// DragHandlers lists what on the page could need dragging (WCAG 2.5.7,
// Dragging Movements): every listener for one of [DragEvents] on the
// window, the document or any element, and every element marked
// draggable="true", as "path: event". The listeners are read through the
// DevTools protocol (DOMDebugger.getEventListeners), which sees those a
// script added, not only attributes. None means nothing on the page is
// worked by dragging.
func (p *Page) DragHandlers(t testing.TB) []string {
	t.Helper()
	var n int
	p.Eval(t, "document.querySelectorAll('*').length", &n)
	var out []string
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	var at []int // the element index of each listener found; -2 window, -1 document
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		defer cdp.Call(ctx, tg, runtime.ReleaseObjectGroup, runtime.ReleaseObjectGroupParams{ObjectGroup: "browsertest-drag"})
		for i := -2; i < n; i++ {
			expr := fmt.Sprintf("(i => i === -2 ? window : i === -1 ? document : document.querySelectorAll('*')[i])(%d)", i)
			res, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ObjectGroup: "browsertest-drag"})
			if err != nil {
				return err
			}
			if res.ExceptionDetails != nil || res.Result == nil || res.Result.ObjectID == "" {
				continue
			}
			ls, err := cdp.Call(ctx, tg, domdebugger.GetEventListeners, domdebugger.GetEventListenersParams{ObjectID: res.Result.ObjectID})
			if err != nil {
				return err
			}
			for _, l := range ls.Listeners {
				if slices.Contains(DragEvents, l.Type) {
					at = append(at, i)
					out = append(out, l.Type)
				}
			}
		}
		return nil
	}))
	if err == nil && len(at) > 0 {
		var paths []string
		p.Eval(t, helpersJS+".paths('*')", &paths)
		for k, i := range at {
			what := "window"
			switch {
			case i == -1:
				what = "document"
			case i >= 0 && i < len(paths):
				what = paths[i]
			}
			out[k] = what + ": " + out[k]
		}
	}
	if err != nil {
		t.Fatalf("browsertest: reading event listeners in %s: %v", p.URL, err)
	}
	var draggable []string
	p.Eval(t, helpersJS+".paths('[draggable=true]')", &draggable)
	for _, d := range draggable {
		out = append(out, d+": draggable")
	}
	return out
}
