// Package sitetest tests the repository's own site in a real browser. It has
// no code of its own; its tests are the manual:
//
//   - TestMain builds the site from the repository's content and theme with
//     base URL /kb/ into a temporary folder (content errors fail the run,
//     with their messages) and serves it as a host would (see
//     browsertest.Handler).
//   - TestAxe: one page of every kind, in light and dark mode, has no axe-core
//     violation of WCAG 2.1 A and AA or of axe's best practices.
//   - TestNoConsoleErrorsOrForeignRequests: every kind of page loads with no
//     console error, exception, policy violation, failed request, or request
//     to another host.
//   - TestKeyboard: the first Tab reaches the skip link, Enter on it moves
//     focus to main, every control of the header can be reached, and focus
//     is always visible.
//   - TestPolicyInEveryPage (no browser): every page carries the content
//     security policy (package csp) in one <meta>, in <head> before any
//     script, style sheet or link.
//   - TestPolicyWithoutHeaders: from a plain file server that sends no
//     headers (as GitHub Pages), a case study with an inline script slipped
//     into its text does not run it, and the violation is reported.
//   - TestLinks (no browser): every href, src and srcset in the output
//     resolves to a file under the base path, and every #fragment to an id.
//   - TestScreenshots: PNGs of the main pages at 375 and 1280 px, in
//     test-output/screenshots/ (or $KB_TEST_OUT), and no sideways scrolling
//     at 375 px.
//   - TestPageWeight (no browser): the heaviest case study, HTML and CSS
//     gzip-compressed, transfers at most 50 KB.
//   - TestStructuredData: a case study has Open Graph tags and schema.org
//     JSON-LD (Article, BreadcrumbList) that parses, and the JSON-LD script
//     causes no content security policy violation.
//   - TestHomeMap: the home page's map links every municipality with case
//     studies under a name like "Lund: 7 fallstudier", agrees with its
//     table, credits its source, is reachable with Tab, and passes axe
//     with the table open.
//   - TestReducedMotion: with prefers-reduced-motion nothing transitions,
//     animates or scrolls smoothly.
//   - TestSearch… (search_test.go): the search page /sok/ over the real
//     engine and index: typing shows results and writes ?q=, facets filter
//     and count, Back and Forward restore states, a shared URL opens its
//     state, the status line and suggestions, every control by keyboard,
//     axe in light and dark at 375 and 1280 px, screenshots, the bytes each
//     query transfers, no script on other pages, the message without
//     JavaScript, and that nothing from the index is ever inserted as HTML
//     (a hostile stand-in engine).
//
// Install Chromium and axe-core first with scripts/install-test-deps.sh;
// without them the browser tests are skipped (failed when CI is set).
//
//	go test ./generator/internal/sitetest/ -v
package sitetest
