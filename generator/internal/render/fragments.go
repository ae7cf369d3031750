package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// fragments holds the HTML that RenderPages renders once and shows on many
// pages (sitePartial, pagePartial, usageRow), minified once. A page carries
// a placeholder for each, an empty block element that the minifier treats
// as it treats the fragment's own block elements (footer, li, tr); after
// the page is minified, splice puts the fragment's minified HTML in its
// place. So the minifier reads each footer, card and row of "Vem använder
// vad" once, not once per page that shows it: the same bytes as minifying
// the whole page (TestFragmentsAsWholePages), at about half the minifier's
// work on a site of 10,000 pages.
//
// No text of a page can pose as a placeholder: html/template escapes every
// < it writes from data, and the Markdown body has no raw HTML, so a
// placeholder can only come from the fragment functions.
type fragments struct {
	min   *minify.M
	whole bool // no placeholders: fragments go into the page before it is minified (the tests' reference)
	mu    sync.RWMutex
	html  [][]byte // by id, minified, placeholders inside already spliced
}

// The placeholder of fragment id is placeholderOpen + id + placeholderClose,
// the same before and after minifying (quotes and end tags are kept).
const (
	placeholderOpen  = `<div data-kb-fragment="`
	placeholderClose = `"></div>`
)

// add minifies raw, a partial's output, and returns the placeholder a
// page shows instead.
func (f *fragments) add(raw string) (template.HTML, error) {
	if f.whole {
		return template.HTML(raw), nil
	}
	var min bytes.Buffer
	min.Grow(len(raw))
	if err := f.min.Minify("text/html", &min, strings.NewReader(raw)); err != nil {
		return "", err
	}
	html := min.Bytes()
	if bytes.Contains(html, []byte(placeholderOpen)) { // a fragment that shows fragments
		var spliced bytes.Buffer
		if err := f.splice(&spliced, html); err != nil {
			return "", err
		}
		html = spliced.Bytes()
	}
	f.mu.Lock()
	id := len(f.html)
	f.html = append(f.html, html)
	f.mu.Unlock()
	return template.HTML(placeholderOpen + strconv.Itoa(id) + placeholderClose), nil
}

// splice appends page to dst with every placeholder replaced by its
// fragment's HTML. It grows dst once, to the spliced size: a "Vem använder
// vad" page, 76 MB at 100,000 pages, would otherwise double its way there,
// holding the last two sizes at once.
func (f *fragments) splice(dst *bytes.Buffer, page []byte) error {
	dst.Grow(f.size(page))
	for {
		i := bytes.Index(page, []byte(placeholderOpen))
		if i < 0 {
			dst.Write(page)
			return nil
		}
		dst.Write(page[:i])
		page = page[i+len(placeholderOpen):]
		j := bytes.Index(page, []byte(placeholderClose))
		if j < 0 {
			return fmt.Errorf("a fragment's placeholder is cut short")
		}
		id, err := strconv.Atoi(string(page[:j]))
		f.mu.RLock()
		ok := err == nil && id >= 0 && id < len(f.html)
		var html []byte
		if ok {
			html = f.html[id]
		}
		f.mu.RUnlock()
		if !ok {
			return fmt.Errorf("no fragment %q", page[:j])
		}
		dst.Write(html)
		page = page[j+len(placeholderClose):]
	}
}

// size returns the length of page with its placeholders replaced, as splice
// writes it (a placeholder it cannot read counts as itself; splice fails on it).
func (f *fragments) size(page []byte) int {
	n := len(page)
	f.mu.RLock()
	defer f.mu.RUnlock()
	for {
		i := bytes.Index(page, []byte(placeholderOpen))
		if i < 0 {
			return n
		}
		page = page[i+len(placeholderOpen):]
		j := bytes.Index(page, []byte(placeholderClose))
		if j < 0 {
			return n
		}
		if id, err := strconv.Atoi(string(page[:j])); err == nil && id >= 0 && id < len(f.html) {
			n += len(f.html[id]) - len(placeholderOpen) - j - len(placeholderClose)
		}
		page = page[j+len(placeholderClose):]
	}
}
