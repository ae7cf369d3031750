// Package markdown is the "render Markdown" stage: it turns the body of one
// source file into the HTML of the page, and collects what later stages need
// from the same parse, so that no stage has to parse the Markdown again: the
// headings (for tables of contents and anchors), the internal links and images
// (for link checking and backlinks), the plain text (for the search index) and
// the problems an editor should fix.
//
// # Dialect
//
// CommonMark with the GitHub extensions (tables, task lists, strikethrough,
// bare URLs as links), footnotes and definition lists. Quotes and dashes are
// kept exactly as typed: editors write Swedish, and the typographer's English
// curly quotes would be wrong. Heading ids are not written by editors
// ({#id} is off); every heading gets one derived from its plain text:
// lower case, diacritics dropped (å and ä become a, ö becomes o), every run of
// other characters a single "-", "rubrik" when nothing is left, and "-1",
// "-2"... on repeats. Deriving it from the text rather than from the Markdown
// line keeps link destinations and emphasis markers out of the anchors.
//
// # Safety
//
// Editors are not trusted with HTML. Raw HTML in the Markdown is never
// emitted (goldmark leaves a comment in its place), and link and image
// destinations with the javascript:, vbscript:, file: and data: schemes are
// written as empty attributes; only data:image/png, gif, jpeg and webp
// survive. Both are goldmark's defaults; the tests pin them down so that an
// upgrade or a new option cannot quietly turn them off.
//
// # Positions
//
// Render receives the whole file with the front matter blanked out, so byte
// offsets in the source are offsets in the file on disk and every position
// reported here (1-based line, column counted in characters) is one an editor
// can jump to. CRLF line endings are folded to LF before parsing; that never
// moves a character to another line or column.
//
// # Concurrency
//
// One [Renderer] holds one goldmark instance, which is safe for concurrent
// use. Everything that belongs to a single document (the Resolver, the
// heading ids already used, the collected links and text) lives in that
// document's parser.Context, never in the Renderer.
package markdown
