// Package browsertest drives a real browser, Debian's Chromium through the
// DevTools protocol (chromedp), against a built site, for tests. It is a
// library for _test.go files; nothing in the generator imports it.
//
// # Setting up
//
// The browser and the accessibility rules are not Go modules. Install them
// once per machine with
//
//	bash scripts/install-test-deps.sh
//
// which installs Debian's chromium and, with npm ci, axe-core at the version
// that package-lock.json pins, into node_modules/. Nothing else is
// downloaded; no test downloads a browser.
//
// When Chromium is missing, [Browser] skips the test with that advice, and
// when axe-core is missing, [Page.Axe] does the same. When the environment
// variable CI is set, both fail instead, so that CI cannot pass by skipping.
// Set CHROMIUM to use another Chromium binary.
//
// # Serving a site
//
// [Serve] (or [Handler], for a TestMain that has no *testing.T) serves a
// built site folder on 127.0.0.1 under a base path, as a real host would:
// with the site's content security policy (package csp), nosniff and correct
// Content-Types, /x/ served from /x/index.html, /x redirected to /x/, and
// the site's 404.html with status 404 for anything missing. It refuses paths
// that leave the folder.
//
// # The browser and its pages
//
// [Browser] starts one headless Chromium per test binary, on first use, with
// a fresh temporary profile, and every later test reuses it. Each [B.Open]
// gets a tab of its own until its test ends; the tab is then kept for the
// next Open (a new tab costs about 300 ms). Call [Close] at the end of
// TestMain (or use [Main]) so that the browser stops and its profile is
// removed; without it the browser dies with the test binary but leaves its
// profile in the temporary folder. Tests that open pages in parallel each
// get their own tab.
//
//	func TestMain(m *testing.M) { browsertest.Main(m) }
//
//	func TestHome(t *testing.T) {
//		url := browsertest.Serve(t, "testdata/site", "/kb/")
//		p := browsertest.Browser(t).Open(t, url, browsertest.DarkMode())
//		for _, problem := range p.Problems() {
//			t.Error(problem)
//		}
//		for _, v := range p.Axe(t) {
//			t.Error(v)
//		}
//	}
//
// While a page loads and runs, the Page records console errors and warnings,
// uncaught exceptions, violations of the content security policy (from the
// browser's log and from a securitypolicyviolation listener that the
// harness adds through the DevTools protocol, not through the page), failed
// requests, responses with status 400 or more, and the URL of every request.
// Open returns when the page has loaded and no request has been in flight
// for 300 ms (at most 30 s).
//
// [Page.Problems] lists what a reader would suffer from: console errors,
// exceptions, policy violations, failed requests, statuses of 400 or more,
// and any request to a host other than the page's own (the site must load
// nothing from elsewhere). [Page.Warnings] lists the console
// warnings apart.
//
// # Accessibility
//
// [Page.Axe] runs axe-core on the page with the rules tagged wcag2a,
// wcag2aa, wcag21a, wcag21aa, wcag22aa and best-practice, with target-size
// (WCAG 2.5.8) turned on, and returns the violations
// with the first few elements of each. axe is injected with Runtime.evaluate,
// which the page's content security policy does not govern, so the page is
// tested under the policy it is served with.
//
// # Keyboard
//
// [Page.TabWalk] presses Tab repeatedly and records, for each step, the
// focused element and whether its focus can be seen: an outline, or a change
// of box-shadow, background, colour, border or text decoration (on the
// element or its ::before and ::after) between focused and not focused, on an
// element that is inside the viewport and not wholly hidden under a fixed or
// sticky element (WCAG 2.4.11).
//
// [Page.DragHandlers] lists listeners for drag, pointer, mouse and touch
// movement (read through DOMDebugger.getEventListeners) and draggable
// elements: what could make a reader drag (WCAG 2.5.7). [Page.Press] sends other keys ("\r"
// for Enter), [Page.Focused] describes the focused element, and
// [Page.Paths] names elements the way TabWalk does, so that a test can ask
// whether Tab reaches them.
//
// # Layout
//
// [Page.HorizontalOverflow] tells whether the page scrolls sideways (at
// 375 px, say) and which elements stick out.
//
// [Page.Screenshot] writes a full-page PNG to the folder in KB_TEST_OUT, by
// default <repository>/test-output/screenshots/.
//
// [Page.Eval] runs JavaScript in the tab for anything else, and [Page.Poll]
// waits, across reloads, until an expression is true.
package browsertest
