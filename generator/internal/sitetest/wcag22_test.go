package sitetest

import (
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/browsertest"
)

// TestConsistentHelp (WCAG 3.2.6, Consistent Help): the help the site
// offers, contact and "Så bidrar du" with the accessibility statement, is
// the same list of links, in the same place relative to the rest of the
// page (the first navigation of the footer, after the same sections), on
// every kind of page, at 1280 and at 375 px.
func TestConsistentHelp(t *testing.T) {
	type help struct {
		Links  []string // text → href of each link in the help navigation
		Before []string // the footer's landmarks and headings before it
		Found  bool
	}
	const js = `(() => {
		const nav = document.querySelector('footer nav.help');
		if (!nav) return {Found: false};
		const before = [];
		for (const el of document.querySelectorAll('footer section, footer nav')) {
			if (el === nav) break;
			before.push(el.localName + ':' + (el.querySelector('h2')?.textContent || '').trim());
		}
		return {Found: true, Before: before,
			Links: [...nav.querySelectorAll('a')].map(a => a.textContent.trim() + ' → ' + a.getAttribute('href'))};
	})()`
	var first *help
	var firstName string
	for _, k := range kinds(t) {
		for _, width := range []int{1280, 375} {
			p := open(t, k, browsertest.Viewport(width, 800))
			var h help
			p.Eval(t, js, &h)
			switch {
			case !h.Found:
				t.Errorf("%s%s: no help navigation (footer nav.help)", base, k.Path)
				continue
			case first == nil:
				if !slices.ContainsFunc(h.Links, func(l string) bool { return strings.Contains(l, "tillganglighet/#kontakt") }) ||
					!slices.ContainsFunc(h.Links, func(l string) bool { return strings.HasPrefix(l, "Så bidrar du → ") }) {
					t.Fatalf("%s%s: the help navigation lacks the contact or Så bidrar du: %q", base, k.Path, h.Links)
				}
				first, firstName = &h, k.Path
			case !slices.Equal(h.Links, first.Links) || !slices.Equal(h.Before, first.Before):
				t.Errorf("%s%s at %d px: help differs from %s%s:\n  %q after %q\nwant\n  %q after %q", base, k.Path, width, base, firstName, h.Links, h.Before, first.Links, first.Before)
			}
		}
	}
}

// TestNoDragging (WCAG 2.5.7, Dragging Movements): nothing on the search
// page or on the home page with its map is worked by dragging; no script
// listens for pointer, mouse or touch movement or drag and drop, and no
// element is draggable. Both are used with single clicks and the keyboard,
// as TestHomeMap and the search tests show.
func TestNoDragging(t *testing.T) {
	for _, name := range []string{"home", "search"} {
		k := kindNamed(t, name)
		p := open(t, k)
		if got := p.DragHandlers(t); len(got) != 0 {
			t.Errorf("%s%s: handlers that may need dragging:\n  %s", base, k.Path, strings.Join(got, "\n  "))
		}
	}
}
