package markdown

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestPlayUnclosed(t *testing.T) {
	for _, n := range []int{5000, 10000, 20000} {
		s := []byte(strings.Repeat("[a](", n) + "\n")
		t0 := time.Now()
		var buf bytes.Buffer
		goldmark.New().Convert(s, &buf)
		t.Logf("plain goldmark %d: %v", n, time.Since(t0))
		t0 = time.Now()
		goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList)).Convert(s, &buf)
		t.Logf("goldmark+ext %d: %v", n, time.Since(t0))
		t0 = time.Now()
		testRenderer.Render(s, nil)
		t.Logf("ours %d: %v", n, time.Since(t0))
	}
}
