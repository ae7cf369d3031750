package sitetest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/browsertest"
)

// TestAxe: one page of every kind, in light and in dark mode, has no
// violation of the axe-core rules for WCAG 2.1 A and AA and of its best
// practices.
func TestAxe(t *testing.T) {
	for _, k := range kinds(t) {
		for _, mode := range []string{"light", "dark"} {
			t.Run(k.Name+"/"+mode, func(t *testing.T) {
				var opts []browsertest.Option
				if mode == "dark" {
					opts = append(opts, browsertest.DarkMode())
				}
				vs := open(t, k, opts...).Axe(t)
				if len(vs) == 0 {
					t.Logf("%s%s (%s mode): no axe violations", base, k.Path, mode)
					return
				}
				var b strings.Builder
				fmt.Fprintf(&b, "%s%s (%s, %s mode): %d axe violation(s):", base, k.Path, k.Name, mode, len(vs))
				for _, v := range vs {
					b.WriteString("\n" + indent(v.String()))
				}
				t.Error(b.String())
			})
		}
	}
}

// TestNoConsoleErrorsOrForeignRequests: every kind of page loads with no
// console error, uncaught exception, content security policy violation,
// failed request, or request to another host.
func TestNoConsoleErrorsOrForeignRequests(t *testing.T) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			p := open(t, k)
			for _, problem := range p.Problems() {
				t.Errorf("%s%s: %s", base, k.Path, problem)
			}
			for _, w := range p.Warnings() {
				t.Logf("%s%s: warning: %s", base, k.Path, w)
			}
		})
	}
}

// TestKeyboard: on the home page and a case study, the first Tab reaches
// the skip link and Enter on it moves focus to main; every link and control
// of the header can be reached with Tab; and every element that gets focus
// shows it.
func TestKeyboard(t *testing.T) {
	for _, name := range []string{"home", "case study", "search", "accessibility statement"} {
		k := kindNamed(t, name)
		t.Run(name, func(t *testing.T) {
			p := open(t, k)
			p.Press(t, "\t")
			skip := p.Focused(t)
			switch {
			case skip == nil:
				t.Fatalf("%s%s: the first Tab focuses nothing in the page", base, k.Path)
			case skip.Text != "Hoppa till innehållet" || !strings.HasPrefix(skip.Href, "#"):
				t.Fatalf("%s%s: the first Tab reaches <%s> %q (href %q, %s), not the skip link \"Hoppa till innehållet\"",
					base, k.Path, skip.Tag, skip.Text, skip.Href, skip.Path)
			}
			p.Press(t, "\r")
			target := p.Focused(t)
			if target == nil || target.Tag != "main" || "#"+target.ID != skip.Href {
				t.Errorf("%s%s: after Enter on the skip link (%s), focus is on %+v; want <main id=%q>", base, k.Path, skip.Href, target, strings.TrimPrefix(skip.Href, "#"))
			}

			p = open(t, k)
			const max = 400
			walk := p.TabWalk(t, max)
			if len(walk) == max {
				t.Errorf("%s%s: Tab went on for %d steps without leaving the page: a keyboard trap?", base, k.Path, max)
			}
			reached := map[string]bool{}
			for _, f := range walk {
				reached[f.Path] = true
				if !f.Visible {
					t.Errorf("%s%s: focus not visible: %s", base, k.Path, f)
				}
			}
			controls := p.Paths(t, `header a[href], header button, header input, header select, header textarea, header summary, header [tabindex]:not([tabindex="-1"])`)
			if len(controls) == 0 {
				t.Errorf("%s%s: the header has no link or control", base, k.Path)
			}
			for _, c := range controls {
				if !reached[c] {
					t.Errorf("%s%s: Tab never reaches %s", base, k.Path, c)
				}
			}
			if t.Failed() || testing.Verbose() {
				var b strings.Builder
				for _, f := range walk {
					b.WriteString("\n" + f.String())
				}
				t.Logf("%s%s: Tab order:%s", base, k.Path, b.String())
			}
		})
	}
}

// TestScreenshots writes PNGs of the home page, a case study and the
// case-study list at 375 and 1280 px in light mode, and of the home page
// and the case study in dark mode, for people to look at; and checks that
// nothing scrolls sideways at 375 px.
func TestScreenshots(t *testing.T) {
	type shot struct {
		kind  string
		name  string
		width int
		dark  bool
	}
	var shots []shot
	for _, k := range []struct{ kind, name string }{{"home", "home"}, {"case study", "case-study"}, {"case-study list", "case-study-list"}} {
		for _, w := range []int{375, 1280} {
			shots = append(shots, shot{k.kind, k.name, w, false})
		}
	}
	shots = append(shots, shot{"case study", "case-study", 375, true}, shot{"case study", "case-study", 1280, true},
		shot{"home", "home", 375, true}, shot{"home", "home", 1280, true})

	for _, s := range shots {
		mode := "light"
		if s.dark {
			mode = "dark"
		}
		name := fmt.Sprintf("%s-%d-%s", s.name, s.width, mode)
		t.Run(name, func(t *testing.T) {
			k := kindNamed(t, s.kind)
			opts := []browsertest.Option{browsertest.Viewport(s.width, 800)}
			if s.dark {
				opts = append(opts, browsertest.DarkMode())
			}
			p := open(t, k, opts...)
			path := p.Screenshot(t, name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) < 100 || !bytes.HasPrefix(data, []byte("\x89PNG")) {
				t.Errorf("%s: not a PNG, or empty (%d bytes)", path, len(data))
			}
			t.Logf("%s%s → %s", base, k.Path, path)
			if s.width <= 375 {
				if over := p.HorizontalOverflow(t); len(over) > 0 {
					t.Errorf("%s%s at %d px (%s mode) scrolls sideways:\n%s", base, k.Path, s.width, mode, indent(strings.Join(over, "\n")))
				}
			}
		})
	}
}

// TestReflow (WCAG 1.4.10, Reflow): every kind of page, 320 CSS pixels
// wide (a 1280-pixel window zoomed to 400 %), reads without scrolling
// sideways. A wide table may scroll inside its own region
// (HorizontalOverflow does not count what a scrolling box holds).
func TestReflow(t *testing.T) {
	for _, k := range kinds(t) {
		t.Run(k.Name, func(t *testing.T) {
			p := open(t, k, browsertest.Viewport(320, 640))
			if over := p.HorizontalOverflow(t); len(over) > 0 {
				t.Errorf("%s%s at 320 px scrolls sideways:\n%s", base, k.Path, indent(strings.Join(over, "\n")))
			}
		})
	}
}
