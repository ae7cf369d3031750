package browsertest

import (
	"encoding/json"
	"testing"
	"time"
)

// Poll evaluates expr in the page until it returns true, for up to limit,
// and fails the test if it never does. Errors while the page reloads (the
// page's JavaScript context is replaced) count as "not yet", so Poll can
// wait across a reload.
func (p *Page) Poll(t testing.TB, expr string, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	var last string
	for time.Now().Before(deadline) {
		raw, err := p.eval(expr, 2*time.Second)
		if err == nil {
			var ok bool
			if json.Unmarshal(raw, &ok) == nil && ok {
				return
			}
			last = string(raw)
		} else {
			last = err.Error()
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("browsertest: %s was not true within %v in %s (last: %s)", short(expr), limit, p.URL, last)
}
