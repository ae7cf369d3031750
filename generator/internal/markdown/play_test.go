package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func BenchmarkPlain(b *testing.B) {
	src := generate(1 << 20)
	md := goldmark.New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var buf bytes.Buffer
		md.Convert(src, &buf)
	}
}
func BenchmarkExt(b *testing.B) {
	src := generate(1 << 20)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var buf bytes.Buffer
		md.Convert(src, &buf)
	}
}
func BenchmarkExtNoFootnote(b *testing.B) {
	src := generate(1 << 20)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		var buf bytes.Buffer
		md.Convert(src, &buf)
	}
}
