package pipeline

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"kunskapsbanken/generator/internal/diag"
)

// The steps of Preview.Update, each on its own, over a small project
// brought up to date once before every test.

func stepProject(t *testing.T) (fstest.MapFS, *Preview) {
	t.Helper()
	fsys := baseProject(t)
	fsys["content/fallstudier/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nsummary: S.\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-01\n---\n\nSe [B](b.md).\n")}
	fsys["content/fallstudier/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\nsummary: S.\nmunicipality: Lund\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-02\n---\n\nText.\n")}
	fsys["content/fallstudier/c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: C\nsummary: S.\nmunicipality: Umeå\nareas: [digitala-las]\nstatus: pilot\npublished: 2024-01-03\n---\n\nText.\n")}
	p := NewPreview(Options{Root: fsys})
	if u, err := p.Update(nil); err != nil || !u.Published {
		t.Fatalf("first update: %v %v", err, u.Diags)
	}
	return fsys, p
}

func TestStepReadSettings(t *testing.T) {
	fsys, p := stepProject(t)
	ch := p.newChange([]string{"content/fallstudier/a.md"})
	if _, err := p.readSettings(ch, &diag.List{}); err != nil || ch.all {
		t.Fatalf("unchanged settings and theme: all = %v, err = %v", ch.all, err)
	}
	edit(fsys, "site.yaml", "title: Test", "title: Prov")
	ch = p.newChange([]string{"site.yaml"})
	if p.readSettings(ch, &diag.List{}); !ch.all {
		t.Error("site.yaml changed: want everything rendered")
	}
	edit(fsys, "themes/default/layouts/404.html", "<h1>", "<h1 class=x>")
	ch = p.newChange([]string{"themes/default/layouts/404.html"})
	if p.readSettings(ch, &diag.List{}); !ch.all {
		t.Error("the theme changed: want everything rendered")
	}
}

func TestStepParseChanged(t *testing.T) {
	fsys, p := stepProject(t)
	a, c := p.entries["content/fallstudier/a.md"], p.entries["content/fallstudier/c.md"]
	edit(fsys, "content/fallstudier/a.md", "Se [", "Mer. Se [")     // the body only
	edit(fsys, "content/fallstudier/c.md", "title: C", "title: C2") // the front matter
	delete(fsys, "content/fallstudier/b.md")                        // gone
	named := []string{"content/fallstudier/a.md", "content/fallstudier/c.md", "content/fallstudier/b.md"}
	ch := p.newChange(named)
	content, _ := p.readContent(ch, &diag.List{})
	pages := p.parseChanged(content.Files, ch, &diag.List{})
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2", len(pages))
	}
	if p.entries["content/fallstudier/a.md"] == a || p.entries["content/fallstudier/c.md"] == c {
		t.Error("a changed file kept its last parse")
	}
	if !ch.moved["content/fallstudier/b.md"] || ch.moved["content/fallstudier/a.md"] {
		t.Errorf("moved = %v, want the deleted page only", ch.moved)
	}
	if ch.meta["content/fallstudier/a.md"] || !ch.meta["content/fallstudier/c.md"] {
		t.Errorf("front matter changed = %v, want c.md only", ch.meta)
	}

	// A file not named is not read again: its last parse is kept.
	fsys2, p2 := stepProject(t)
	a2 := p2.entries["content/fallstudier/a.md"]
	edit(fsys2, "content/fallstudier/a.md", "title: A", "title: Not read")
	ch = p2.newChange([]string{"content/fallstudier/c.md"})
	content, _ = p2.readContent(ch, &diag.List{})
	p2.parseChanged(content.Files, ch, &diag.List{})
	if p2.entries["content/fallstudier/a.md"] != a2 {
		t.Error("a file the watcher did not name was parsed again")
	}
}

func TestStepRenderMarkdown(t *testing.T) {
	fsys, p := stepProject(t)
	docs := map[string]any{}
	for path, e := range p.entries {
		docs[path] = e.doc
	}
	delete(fsys, "content/fallstudier/b.md") // a.md links to it
	edit(fsys, "content/fallstudier/c.md", "Text.", "Annan text.")
	u, _ := p.Update([]string{"content/fallstudier/b.md", "content/fallstudier/c.md"})
	if u.Published {
		t.Fatal("a link to a deleted page: want an error")
	}
	if p.entries["content/fallstudier/a.md"].doc == docs["content/fallstudier/a.md"] {
		t.Error("a.md links to a deleted page; its Markdown was not rendered again")
	}
	if p.entries["content/fallstudier/c.md"].doc == docs["content/fallstudier/c.md"] {
		t.Error("c.md changed; its Markdown was not rendered again")
	}
}

func TestStepRenderInView(t *testing.T) {
	fsys, p := stepProject(t)
	edit(fsys, "content/fallstudier/c.md", "Text.", "Annan text.")
	ch := p.newChange([]string{"content/fallstudier/c.md"})
	cfg, _ := p.readSettings(ch, &diag.List{})
	content, areas := p.readContent(ch, &diag.List{})
	s := p.assemble(p.parseChanged(content.Files, ch, &diag.List{}), cfg, areas, content, ch, &diag.List{})
	p.renderMarkdown(s, p.measureImages(s, ch, &diag.List{}), ch, &diag.List{})
	pub := p.nextPublished(s, ch)
	if len(pub.jobs) != len(pub.list) || pub.page("fallstudier/c/index.html") == nil {
		t.Fatalf("%d pages by path for %d pages, c's missing: %v", len(pub.jobs), len(pub.list), pub.page("fallstudier/c/index.html") == nil)
	}
	// In view: c, whose body changed, and b, which shows the same as before.
	b, err := p.renderInView(pub, []string{"fallstudier/c/index.html", "fallstudier/b/index.html", "fallstudier/c/index.html", "no/such/index.html"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.files) != 1 || b.files["fallstudier/c/index.html"] == nil {
		t.Errorf("rendered %v, want only fallstudier/c/index.html (its body changed)", slices.Sorted(maps.Keys(b.files)))
	}
	if len(b.sums) != 2 {
		t.Errorf("fingerprints of %v, want those of the two pages in view", slices.Sorted(maps.Keys(b.sums)))
	}
}
