package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/page"
)

// BenchmarkReadContent reads a content folder of 2,000 case studies of
// about 6 KB through os.DirFS and through Dir, and through Dir as kb build
// does, taking each page's bytes over.
//
//	go test -run '^$' -bench BenchmarkReadContent -count 8 ./generator/internal/load/
func BenchmarkReadContent(b *testing.B) {
	root := b.TempDir()
	write := func(name, text string) {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write(AreasPath, "- namn: Trygghetslarm\n")
	for i := range 2000 {
		write(fmt.Sprintf("content/fallstudier/sida-%d.md", i),
			"---\ntitle: Nattkameror i hemtjänsten\n---\n"+strings.Repeat("Digitala lås i hemtjänsten i Lund. ", 170))
	}
	for _, c := range []struct {
		name string
		fsys fs.FS
		each func(f *page.File)
	}{
		{"os.DirFS", os.DirFS(root), nil},
		{"Dir", Dir(root), nil},
		// As kb build reads, taking each page's bytes over (it parses them
		// and drops them).
		{"Dir,taken", Dir(root), func(f *page.File) { f.Data = nil }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				content, diags := ReadContent(c.fsys, nil, c.each)
				if len(diags) > 0 || len(content.Files) != 2000 {
					b.Fatalf("%d pages, %v", len(content.Files), diags)
				}
			}
		})
	}
}
