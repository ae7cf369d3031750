package browsertest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// Focus is the element that had focus after one press of Tab.
type Focus struct {
	Step int    // 1 for the first Tab
	Tag  string // "a", "button", …
	Text string // aria-label, else the visible text (shortened)
	Href string // the href attribute, for a link
	ID   string
	Path string // a CSS path from body, such as "body > header > nav > ul > li:nth-of-type(2) > a"
	Rect Rect   // where it is when focused, in CSS pixels of the viewport
	Mode string // "focus-visible" when :focus-visible matches, else "focus"

	// Visible says whether a reader can see where focus is: the element is
	// in the viewport, at least 2×2 pixels, not transparent, and looks
	// different when focused (a visible outline, or another box-shadow,
	// background, colour, border or text decoration on the element or its
	// ::before or ::after), and not hidden under a fixed or sticky element
	// such as a sticky header (WCAG 2.4.11: at its centre and near each
	// corner, what is on top is a fixed or sticky box). Why says what was
	// found, or what is missing.
	Visible bool
	Why     string
}

// Rect is an element's box.
type Rect struct{ X, Y, Width, Height float64 }

func (f Focus) String() string {
	label := f.Text
	if f.Href != "" {
		label += " → " + f.Href
	}
	vis := "visible focus"
	if !f.Visible {
		vis = "NO VISIBLE FOCUS"
	}
	return fmt.Sprintf("Tab %d: <%s> %q (%s): %s: %s", f.Step, f.Tag, label, f.Path, vis, f.Why)
}

// helpersJS installs, once per document, the functions of TabWalk, Focused,
// Paths and HorizontalOverflow as window.__browsertest.
//
// A TabWalk step describes the element focused now, with its computed style,
// and compares the element focused at the previous step, which is no longer
// focused, with the style it had then: so both states of an element are
// measured without a focus() or blur() of the harness's own, which would
// change what :focus-visible matches.
const helpersJS = `(window.__browsertest || (() => {
	const props = ['outline-style', 'outline-width', 'outline-color', 'outline-offset',
		'box-shadow', 'background-color', 'background-image', 'color',
		'border-top-color', 'border-right-color', 'border-bottom-color', 'border-left-color',
		'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
		'text-decoration-line', 'text-decoration-thickness', 'text-decoration-color',
		'text-decoration-style', 'text-underline-offset', 'filter'];
	const settle = () => {
		// A transition would be measured half-way: finish it.
		for (const a of document.getAnimations ? document.getAnimations() : []) {
			try { a.finish(); } catch (e) {}
		}
	};
	const snap = (el) => {
		const out = {};
		for (const pseudo of ['', '::before', '::after']) {
			const cs = getComputedStyle(el, pseudo || null);
			if (pseudo && (cs.content === 'none' || cs.content === 'normal')) continue;
			for (const p of props) out[pseudo + p] = cs.getPropertyValue(p);
		}
		return out;
	};
	const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c) || /\/\s*0\)$/.test(c);
	const path = (el) => {
		const parts = [];
		for (let e = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
			let s = e.localName;
			if (e.id) { parts.unshift(s + '#' + CSS.escape(e.id)); break; }
			const same = e.parentElement ? [...e.parentElement.children].filter(c => c.localName === e.localName) : [];
			if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
			parts.unshift(s);
		}
		if (parts.length === 0 || !parts[0].includes('#')) parts.unshift('body');
		return parts.join(' > ');
	};
	const text = (el) => {
		const label = el.getAttribute('aria-label');
		if (label) return label;
		const t = (el.innerText || el.value || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
		return t.length > 80 ? t.slice(0, 80) + '…' : t;
	};
	const describe = (el) => {
		const r = el.getBoundingClientRect();
		const cs = getComputedStyle(el);
		return {
			Tag: el.localName, Text: text(el), Href: el.getAttribute('href') || '', ID: el.id,
			Path: path(el), Rect: {X: r.x, Y: r.y, Width: r.width, Height: r.height},
			Mode: el.matches(':focus-visible') ? 'focus-visible' : el.matches(':focus') ? 'focus' : '',
			OnScreen: r.width >= 2 && r.height >= 2 && r.bottom > 0 && r.right > 0 &&
				r.top < innerHeight && r.left < innerWidth &&
				cs.visibility === 'visible' && parseFloat(cs.opacity) > 0,
			Obscured: obscured(el, r),
		};
	};
	// obscured names the fixed or sticky element that covers el entirely
	// (WCAG 2.4.11, Focus Not Obscured): at its centre and at four points
	// just inside its corners (within the viewport), the topmost element
	// is neither el, nor inside it, nor around it, but a fixed or sticky
	// box or part of one. "" when any point shows el.
	const positioned = (top) => {
		for (let n = top; n && n !== document.documentElement; n = n.parentElement) {
			const pos = getComputedStyle(n).position;
			if (pos === 'fixed' || pos === 'sticky') return n;
		}
		return null;
	};
	const obscured = (el, r) => {
		const x0 = Math.max(r.left, 0), x1 = Math.min(r.right, innerWidth), y0 = Math.max(r.top, 0), y1 = Math.min(r.bottom, innerHeight);
		if (x1 - x0 < 1 || y1 - y0 < 1) return '';
		const ix = Math.min(2, (x1 - x0) / 4), iy = Math.min(2, (y1 - y0) / 4);
		const points = [[(x0 + x1) / 2, (y0 + y1) / 2], [x0 + ix, y0 + iy], [x1 - ix, y0 + iy], [x0 + ix, y1 - iy], [x1 - ix, y1 - iy]];
		let cover = null;
		for (const [x, y] of points) {
			const top = document.elementFromPoint(x, y);
			if (!top || top === el || el.contains(top) || top.contains(el)) return '';
			const p = positioned(top);
			if (!p || p.contains(el)) return '';
			cover = p;
		}
		return path(cover);
	};
	// judge compares the style of an element when it was focused with its
	// style now, when it is not.
	const judge = (rec, now) => {
		const f = rec.focused;
		const changed = Object.keys(f).filter(k => f[k] !== now[k]);
		const reasons = [];
		for (const pseudo of ['', '::before', '::after']) {
			const os = f[pseudo + 'outline-style'];
			if (os === undefined) continue;
			const w = parseFloat(f[pseudo + 'outline-width']);
			if (os !== 'none' && w > 0 && !transparent(f[pseudo + 'outline-color']) &&
				changed.some(k => k.startsWith(pseudo + 'outline'))) {
				reasons.push('outline' + (pseudo ? ' on ' + pseudo : '') + ' ' + f[pseudo + 'outline-width'] + ' ' + os + ' ' + f[pseudo + 'outline-color']);
			}
		}
		const other = changed.filter(k => !/outline/.test(k));
		if (other.length) reasons.push('changes ' + other.map(k => k + ': ' + now[k] + ' → ' + f[k]).join('; '));
		return reasons;
	};
	let prev = null, first = null;
	const step = () => {
		settle();
		const el = document.activeElement;
		let previous = null;
		if (prev && prev.el !== el) previous = judge(prev, snap(prev.el));
		if (!el || el === document.body || el === document.documentElement) return {Done: 'body', Previous: previous};
		if (prev && prev.el === el) return {Done: 'stuck', Previous: previous};
		if (first === el) return {Done: 'cycled', Previous: previous};
		if (!first) first = el;
		prev = {el, focused: snap(el)};
		return {Previous: previous, Focus: describe(el)};
	};
	// finish judges the last focused element by taking focus away.
	const finish = () => {
		if (!prev) return null;
		if (document.activeElement === prev.el) prev.el.blur();
		settle();
		return judge(prev, snap(prev.el));
	};
	const focused = () => {
		const el = document.activeElement;
		return !el || el === document.body || el === document.documentElement ? null : describe(el);
	};
	const paths = (selector) => [...document.querySelectorAll(selector)].map(path);
	// overflow lists the outermost elements that reach past the right edge
	// of the viewport, or nothing when the page does not scroll sideways.
	const overflow = () => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= innerWidth) return [];
		const out = [];
		const walk = (el) => {
			for (const c of el.children) {
				const r = c.getBoundingClientRect();
				if (r.right > width + 0.5 && getComputedStyle(c).position !== 'fixed') {
					out.push(path(c) + ' reaches ' + Math.round(r.right) + ' px (viewport ' + width + ' px): ' + c.outerHTML.slice(0, 120));
				} else {
					walk(c);
				}
			}
		};
		walk(document.body);
		if (out.length > 5) out.splice(5, out.length - 5, '… and ' + (out.length - 5) + ' more');
		if (out.length === 0) out.push('scrollWidth ' + document.documentElement.scrollWidth + ' > innerWidth ' + innerWidth);
		return out;
	};
	return window.__browsertest = {step, finish, focused, paths, overflow};
})())`

type focusStep struct {
	Done     string
	Previous []string // nil when no element was judged at this step
	Focus    *describedFocus
}

// describedFocus is the helpers' describe(): a Focus, whether the element
// is on screen, and the fixed or sticky element that covers it wholly.
type describedFocus struct {
	Focus
	OnScreen bool
	Obscured string
}

// TabWalk presses Tab up to max times, from wherever focus is now (the
// start of a freshly opened page), and returns the elements that received
// focus, in order. It stops when focus leaves the page's elements (back to
// the body, or to the browser), comes back to the first element, or stays
// put. See [Focus] for what counts as visible focus.
func (p *Page) TabWalk(t testing.TB, max int) []Focus {
	t.Helper()
	var walk []Focus
	judge := func(reasons []string) {
		if reasons == nil || len(walk) == 0 {
			return
		}
		f := &walk[len(walk)-1]
		switch {
		case f.Why != "": // off screen: no style makes that visible
		case len(reasons) == 0:
			f.Visible, f.Why = false, "looks the same focused and not focused"
		default:
			f.Visible, f.Why = true, strings.Join(reasons, "; ")
		}
	}
	for i := 1; i <= max; i++ {
		p.Press(t, "\t")
		var st focusStep
		p.Eval(t, helpersJS+".step()", &st)
		judge(st.Previous)
		if st.Done != "" || st.Focus == nil {
			break
		}
		f := st.Focus.Focus
		f.Step = i
		switch {
		case !st.Focus.OnScreen:
			f.Why = fmt.Sprintf("outside the viewport, hidden or too small when focused (%.0f×%.0f at %.0f,%.0f)", f.Rect.Width, f.Rect.Height, f.Rect.X, f.Rect.Y)
		case st.Focus.Obscured != "":
			f.Why = "hidden under the fixed or sticky " + st.Focus.Obscured + " (WCAG 2.4.11)"
		}
		walk = append(walk, f)
	}
	if n := len(walk); n > 0 && walk[n-1].Why == "" {
		// max reached, or focus stayed put: judge the last element by
		// taking focus away from it.
		var last []string
		p.Eval(t, helpersJS+".finish()", &last)
		judge(last)
	}
	return walk
}

// Focused describes the element that has focus now (Visible and Why are not
// judged), or returns nil when nothing in the page has focus.
func (p *Page) Focused(t testing.TB) *Focus {
	t.Helper()
	var d *describedFocus
	p.Eval(t, helpersJS+".focused()", &d)
	if d == nil {
		return nil
	}
	return &d.Focus
}

// Paths returns, for each element that matches the CSS selector, the path
// that [Focus] gives it, so that the elements can be found in a TabWalk.
func (p *Page) Paths(t testing.TB, selector string) []string {
	t.Helper()
	sel, err := json.Marshal(selector)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	p.Eval(t, helpersJS+".paths("+string(sel)+")", &paths)
	return paths
}

// HorizontalOverflow returns nothing when the page fits the viewport's
// width (document.documentElement.scrollWidth <= window.innerWidth), and
// otherwise describes the outermost elements that reach past its right edge.
func (p *Page) HorizontalOverflow(t testing.TB) []string {
	t.Helper()
	var out []string
	p.Eval(t, helpersJS+".overflow()", &out)
	return out
}
