package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	gone  []uint64 // bit n: fragment n was dropped (drop)

	// A page's Markdown body, minified apart (minifyBody) and shown once:
	// its placeholder's id is "b" and a number, and splice drops it once
	// spliced, so that memory holds only the bodies of pages being rendered.
	bodies   sync.Map // id → *[]byte, from bodyBuffers
	bodyNext atomic.Int64
}

// addBody returns the placeholder of a page's Markdown body, minified apart,
// or the body itself, to be minified in its page, when minifyBody does not
// know all of it.
func (f *fragments) addBody(body []byte) template.HTML {
	if f.whole {
		return template.HTML(body)
	}
	buf := bodyBuffers.Get().(*[]byte)
	min, ok := minifyBody((*buf)[:0], body)
	if !ok {
		bodyBuffers.Put(buf)
		return template.HTML(body)
	}
	*buf = min
	id := "b" + strconv.FormatInt(f.bodyNext.Add(1), 10)
	f.bodies.Store(id, buf)
	return template.HTML(placeholderOpen + id + placeholderClose)
}

// bodyBuffers holds minified bodies from addBody until splice has copied
// them into their pages.
var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}

// storedBodies holds the Markdown bodies that kb build keeps on disk, each
// from its reading until addBody has copied it.
var storedBodies = sync.Pool{New: func() any { return new([]byte) }}

// partialBuffers holds the output of a partial rendered once, from its
// execution until add has minified it (getPartialBuffer, putPartialBuffer).
var partialBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getPartialBuffer() *bytes.Buffer {
	b := partialBuffers.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putPartialBuffer(b *bytes.Buffer) {
	if b.Cap() <= maxPooled {
		partialBuffers.Put(b)
	}
}

// fragment returns the HTML of the fragment whose id a placeholder holds.
func (f *fragments) fragment(id []byte) ([]byte, bool) {
	if len(id) > 0 && id[0] == 'b' {
		v, ok := f.bodies.Load(string(id))
		if !ok {
			return nil, false
		}
		return *v.(*[]byte), true
	}
	n, err := strconv.Atoi(string(id))
	f.mu.RLock()
	defer f.mu.RUnlock()
	if err != nil || n < 0 || n >= len(f.html) {
		return nil, false
	}
	if f.dropped(n) {
		return nil, false
	}
	return f.html[n], true
}

// dropped reports whether fragment n was dropped; f.mu is held.
func (f *fragments) dropped(n int) bool {
	return n/64 < len(f.gone) && f.gone[n/64]&(1<<(n%64)) != 0
}

// The placeholder of fragment id is placeholderOpen + id + placeholderClose,
// the same before and after minifying (quotes and end tags are kept).
const (
	placeholderOpen  = `<div data-kb-fragment="`
	placeholderClose = `"></div>`
)

// add minifies raw, a partial's output, and returns the placeholder a
// page shows instead. raw is the caller's to reuse once add returns.
func (f *fragments) add(raw []byte) (template.HTML, error) {
	if f.whole {
		return template.HTML(raw), nil
	}
	var min bytes.Buffer
	min.Grow(len(raw))
	// A reader with Bytes, which the minifier reads raw through, where
	// from a bytes.Reader it copied raw into a slice grown to its size
	// (io.ReadAll): 105 MB of garbage in the render stage at 100,000
	// pages, most of it from the rows of "Vem använder vad".
	if err := f.min.Minify("text/html", &min, bytes.NewBuffer(raw)); err != nil {
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

// drop lets the HTML of the fragment whose placeholder is h go, once no
// page left to render shows it; its id is not used again. A page that
// shows it after that fails in splice.
func (f *fragments) drop(h template.HTML) {
	id, ok := strings.CutPrefix(string(h), placeholderOpen)
	if id, ok = strings.CutSuffix(id, placeholderClose); !ok || f.whole {
		return
	}
	n, err := strconv.Atoi(id)
	f.mu.Lock()
	defer f.mu.Unlock()
	if err == nil && n >= 0 && n < len(f.html) {
		f.html[n] = nil
		for len(f.gone) <= n/64 {
			f.gone = append(f.gone, 0)
		}
		f.gone[n/64] |= 1 << (n % 64)
	}
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
		html, ok := f.fragment(page[:j])
		if !ok {
			return fmt.Errorf("no fragment %q", page[:j])
		}
		dst.Write(html)
		if page[0] == 'b' { // a body, shown once: its buffer serves the next
			buf, _ := f.bodies.LoadAndDelete(string(page[:j]))
			bodyBuffers.Put(buf)
		}
		page = page[j+len(placeholderClose):]
	}
}

// size returns the length of page with its placeholders replaced, as splice
// writes it (a placeholder it cannot read counts as itself; splice fails on it).
func (f *fragments) size(page []byte) int {
	n := len(page)
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
		if html, ok := f.fragment(page[:j]); ok {
			n += len(html) - len(placeholderOpen) - j - len(placeholderClose)
		}
		page = page[j+len(placeholderClose):]
	}
}
