package site

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestStoreHTML: a stored body is read from where it was stored, Doc.HTML
// no longer holds it, and a failure to read it back names the page.
func TestStoreHTML(t *testing.T) {
	html := []byte("<p>Nattkameror i hemtjänsten: <a href=\"/fallstudier/lund/\">Lund</a>.</p>\n")
	p := &Page{Path: "content/fallstudier/lund.md"}
	p.Doc.HTML = html
	if got, err := p.BodyHTML(); err != nil || !bytes.Equal(got, html) {
		t.Fatalf("in memory: %q, %v", got, err)
	}
	if got, err := p.BodyHTMLInto(make([]byte, 0, 1024)); err != nil || &got[0] != &html[0] {
		t.Fatalf("in memory, into a buffer: %q, %v; want Doc.HTML itself", got, err)
	}
	kept := bytes.Clone(html)
	p.StoreHTML(func(dst []byte) ([]byte, error) { return append(dst, kept...), nil })
	if p.Doc.HTML != nil {
		t.Errorf("Doc.HTML still holds %d bytes after StoreHTML", len(p.Doc.HTML))
	}
	if got, err := p.BodyHTML(); err != nil || !bytes.Equal(got, html) {
		t.Errorf("stored body reads back as %q (%v), want %q", got, err, html)
	}
	// Into a buffer: in its memory, from its start, whatever it held.
	buf := append(make([]byte, 0, 1024), "gammalt"...)
	if got, err := p.BodyHTMLInto(buf); err != nil || !bytes.Equal(got, html) || &got[0] != &buf[0] {
		t.Errorf("stored body read into a buffer: %q (%v), want %q in the buffer's memory", got, err, html)
	}
	p.StoreHTML(func([]byte) ([]byte, error) { return nil, errors.New("disk gone") })
	if _, err := p.BodyHTML(); err == nil || !strings.Contains(err.Error(), p.Path) || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("a body that cannot be read back: %v", err)
	}
}
