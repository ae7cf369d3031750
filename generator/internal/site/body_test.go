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
	kept := bytes.Clone(html)
	p.StoreHTML(func() ([]byte, error) { return kept, nil })
	if p.Doc.HTML != nil {
		t.Errorf("Doc.HTML still holds %d bytes after StoreHTML", len(p.Doc.HTML))
	}
	if got, err := p.BodyHTML(); err != nil || !bytes.Equal(got, html) {
		t.Errorf("stored body reads back as %q (%v), want %q", got, err, html)
	}
	p.StoreHTML(func() ([]byte, error) { return nil, errors.New("disk gone") })
	if _, err := p.BodyHTML(); err == nil || !strings.Contains(err.Error(), p.Path) || !strings.Contains(err.Error(), "disk gone") {
		t.Errorf("a body that cannot be read back: %v", err)
	}
}
