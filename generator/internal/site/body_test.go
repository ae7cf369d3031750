package site

import (
	"bytes"
	"strings"
	"testing"
)

// TestPackHTML: a packed body reads back byte for byte, and takes less
// room than the HTML.
func TestPackHTML(t *testing.T) {
	html := []byte(strings.Repeat("<p>Nattkameror i hemtjänsten: <a href=\"/fallstudier/lund/\">Lund</a>.</p>\n", 100))
	p := &Page{Path: "content/fallstudier/lund.md"}
	p.Doc.HTML = html
	if got, err := p.BodyHTML(); err != nil || !bytes.Equal(got, html) {
		t.Fatalf("unpacked: %v", err)
	}
	p.PackHTML(bytes.Clone(html))
	if p.Doc.HTML != nil || len(p.packedHTML) >= len(html)/2 {
		t.Errorf("packed: Doc.HTML %d bytes, packed %d of %d", len(p.Doc.HTML), len(p.packedHTML), len(html))
	}
	got, err := p.BodyHTML()
	if err != nil || !bytes.Equal(got, html) {
		t.Errorf("packed body reads back as %d bytes (%v), want the %d written", len(got), err, len(html))
	}
	p.packedHTML = p.packedHTML[:len(p.packedHTML)/2]
	if _, err := p.BodyHTML(); err == nil || !strings.Contains(err.Error(), p.Path) {
		t.Errorf("a damaged body: %v", err)
	}
}
