package serve

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kunskapsbanken/generator/internal/browsertest"
)

var docs = flag.Bool("docs", false, "write the screenshots of CONTRIBUTING.md into docs/bilder/")

// docsDir is where CONTRIBUTING.md's pictures live.
var docsDir = filepath.Join(repoRoot, "docs", "bilder")

// docShots are the pictures CONTRIBUTING.md shows an editor, in its order.
var docShots = []string{"bidrag-1-foresla-fallstudie", "bidrag-2-forhandsvisning", "bidrag-3-felmeddelande"}

// TestContributingScreenshots takes the pictures of CONTRIBUTING.md in a
// real browser, from kb serve: the link on every case study that opens the
// case-study form, a new case study in the preview, and the preview's
// message when the file has a problem. They go to test-output/screenshots/
// (or $KB_TEST_OUT); with -docs, to docs/bilder/, to be committed:
//
//	go test ./generator/internal/serve -run TestContributingScreenshots -docs
//
// Either way, every picture must exist in docs/bilder/, small, and be shown
// in CONTRIBUTING.md.
func TestContributingScreenshots(t *testing.T) {
	b := browsertest.Browser(t)
	dir := project(t)
	site, _ := os.ReadFile(filepath.Join(dir, "site.yaml"))
	site = append(site, "repository: https://github.com/exempel/kunskapsbanken\n"...)
	os.WriteFile(filepath.Join(dir, "site.yaml"), site, 0o644)
	rel := "content/fallstudier/digitala-las-i-lunds-hemtjanst.md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	good := `---
# Från ärende #14. Filen skrivs om när ärendet ändras; ändra hellre här när pull requesten finns.
title: "Digitala lås i Lunds hemtjänst"
summary: "Hemtjänsten i Lund bytte nycklar mot digitala lås. Personalen slipper hämta nycklar, och brukarna vet att bara rätt person kan öppna."
municipality: "Lund"
organisations: ["Vård- och omsorgsförvaltningen"]
areas: [digitala-las]
status: implemented
started: 2019
published: 2020-06-01
---

## Bakgrund

Förut hämtade personalen nycklar på kontoret varje morgon.

## Vad gjordes

Kommunen satte in digitala lås hos alla brukare med hemtjänst.
`
	if err := os.WriteFile(file, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	settle, url := sessionAt(t, dir)
	out := docsDir
	if !*docs {
		var err error
		if out, err = browsertest.ScreenshotDir(); err != nil {
			t.Fatal(err)
		}
	}

	p := b.Open(t, url+"fallstudier/lund-digitala-las/", browsertest.Viewport(800, 450))
	var ok bool
	p.Eval(t, `(() => { const a = [...document.querySelectorAll(".page-actions a")].find(a => a.textContent === "Föreslå en fallstudie");
		if (!a || a.getAttribute("href") !== "https://github.com/exempel/kunskapsbanken/issues/new?template=ny-fallstudie.yml") return false;
		a.scrollIntoView({block: "center"}); return true })()`, &ok)
	if !ok {
		t.Fatal("no link Föreslå en fallstudie to the form on the case study")
	}
	p.ScreenshotView(t, out, docShots[0])

	p = b.Open(t, url+"fallstudier/digitala-las-i-lunds-hemtjanst/", browsertest.Viewport(800, 450))
	p.Poll(t, `document.querySelector("h1")?.textContent === "Digitala lås i Lunds hemtjänst"`, time.Minute)
	p.ScreenshotView(t, out, docShots[1])

	broken := strings.Replace(good, `municipality: "Lund"`, `municipality: "Lnud"`, 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	settle("broken")
	p.Poll(t, `document.getElementById("kb-fel")?.textContent.includes(`+jsString(`okänd kommun "Lnud"; menade du "Lund"?`)+`) === true`, time.Minute)
	p.ScreenshotView(t, out, docShots[2])
	if probs := p.Problems(); len(probs) > 0 {
		t.Errorf("browser problems: %q", probs)
	}

	contributing, err := os.ReadFile(filepath.Join(repoRoot, "CONTRIBUTING.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range docShots {
		data, err := os.ReadFile(filepath.Join(docsDir, name+".png"))
		if err != nil {
			t.Errorf("%v; take the pictures with -docs", err)
			continue
		}
		if !bytes.HasPrefix(data, []byte("\x89PNG")) || len(data) > 150<<10 {
			t.Errorf("docs/bilder/%s.png: %d bytes, want a PNG of at most 150 KiB", name, len(data))
		}
		if !bytes.Contains(contributing, []byte("(docs/bilder/"+name+".png)")) {
			t.Errorf("CONTRIBUTING.md does not show docs/bilder/%s.png", name)
		}
	}
}
