package sitetest

import (
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/browsertest"
)

// textSpacing is WCAG 1.4.12's test: line height 1.5 times the font size,
// 2 times after paragraphs, letter spacing 0.12 and word spacing 0.16
// times the font size.
const textSpacing = `* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }`

// lostContentJS adds the style sheet it is given (through the CSS object
// model, which the site's content security policy leaves open to a
// reader's own styles, as a browser extension's; "" adds none) and lists
// what loses content: a box whose content no longer fits it by more than
// half a line, cut off (overflow hidden or clip) or spilling over what
// follows (overflow visible, its height fixed), and the page scrolling
// sideways. A box that scrolls (overflow auto or scroll) keeps its
// content reachable; the visually hidden texts are cut on purpose.
const lostContentJS = `((css) => {
	if (css) {
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(css);
		document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
	}
	const out = [];
	const name = (el) => el.localName + (el.id ? '#' + el.id : '') + (el.classList.length ? '.' + [...el.classList].join('.') : '');
	for (const el of document.body.querySelectorAll('*')) {
		if (el.closest('.visually-hidden, svg, [hidden], template') || !el.textContent.trim()) continue;
		const s = getComputedStyle(el);
		if (s.display === 'inline' || s.display === 'none' || s.display === 'contents') continue;
		const scrolls = (v) => v === 'auto' || v === 'scroll';
		const slack = parseFloat(s.fontSize) / 2;
		const over = [];
		if (el.scrollWidth > el.clientWidth + slack && !scrolls(s.overflowX)) over.push('wide ' + el.scrollWidth + ' > ' + el.clientWidth + ' px');
		if (el.scrollHeight > el.clientHeight + slack && !scrolls(s.overflowY)) over.push('tall ' + el.scrollHeight + ' > ' + el.clientHeight + ' px');
		if (over.length) out.push(name(el) + ' (overflow ' + s.overflowX + '/' + s.overflowY + '): ' + over.join(', ') + ': ' + el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60));
	}
	if (document.documentElement.scrollWidth > innerWidth) out.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + innerWidth + ' px');
	return out;
})`

// TestTextSpacing (WCAG 1.4.12, Text Spacing): every kind of page, 1280
// and 375 px wide, with the criterion's spacing, loses no content: no box
// cuts off or spills its text, and nothing needs sideways scrolling.
func TestTextSpacing(t *testing.T) {
	for _, k := range kinds(t) {
		for _, width := range []int{1280, 375} {
			p := open(t, k, browsertest.Viewport(width, 800))
			if lost := lostContent(t, p, textSpacing); len(lost) > 0 {
				t.Errorf("%s%s at %d px, with WCAG's text spacing: content lost:\n%s", base, k.Path, width, indent(strings.Join(lost, "\n")))
			}
		}
	}
}

// TestTextResize (WCAG 1.4.4, Resize Text): every kind of page, in a
// window 1280 px wide with the browser's text size at 200 %, loses no
// content in the same sense.
func TestTextResize(t *testing.T) {
	for _, k := range kinds(t) {
		p := open(t, k, browsertest.TextSize(200))
		if lost := lostContent(t, p, ""); len(lost) > 0 {
			t.Errorf("%s%s with the text at 200 %%: content lost:\n%s", base, k.Path, indent(strings.Join(lost, "\n")))
		}
	}
}

// lostContent is lostContentJS's list for p with css added.
func lostContent(t *testing.T, p *browsertest.Page, css string) []string {
	t.Helper()
	var lost []string
	p.Eval(t, lostContentJS+"("+jsString(css)+")", &lost)
	return lost
}
