package markdown

import (
	"html"
	"regexp"
	"strings"
)

// testRenderer is shared by all tests, as the site builder shares one.
var testRenderer = New()

// fakeSite resolves the pages and images it knows and reports the rest,
// remembering what it was asked.
type fakeSite struct {
	urls  map[string]string
	calls []string
}

func newFakeSite() *fakeSite {
	return &fakeSite{urls: map[string]string{
		"rutin.md":           "/rutiner/rutin/",
		"rutin.md#dosering":  "/rutiner/rutin/#dosering",
		"../om/kontakt.md":   "/om/kontakt/",
		"bild.png":           "/rutiner/bild.png",
		"café.md":            "/cafe/",
		"sok.md":             "/sok/?a=1&b=2",
		"min sida.md":        "/min-sida/",
		"/absolut/sida.md":   "/absolut/sida/",
		"?fraga=1":           "/rutiner/?fraga=1",
		"dum.md":             "javascript:alert(1)",
		"bakstreck.md":       `/a\b/`,
		"bilder/schema.webp": "/rutiner/bilder/schema.webp",
	}}
}

func (s *fakeSite) Resolve(dest string, isImage bool) (string, string) {
	kind := "länken"
	if isImage {
		kind = "bilden"
	}
	s.calls = append(s.calls, dest)
	if url, ok := s.urls[dest]; ok {
		return url, ""
	}
	return dest, kind + ` "` + dest + `" pekar inte på något i webbplatsen`
}

// altMessage is the expected problem for an image without alt text, spelled
// out here rather than shared with the code so that a change to it shows.
func altMessage(dest string) string {
	return `bilden "` + dest + `" saknar alternativtext; beskriv bilden mellan hakparenteserna, till exempel ![Två undersköterskor vid en läkemedelsautomat](` + dest + `)`
}

// echoSite resolves everything to itself, so whatever an editor writes
// reaches the HTML through the internal path too.
type echoSite struct{}

func (echoSite) Resolve(dest string, _ bool) (string, string) { return dest, "" }

var (
	urlAttr     = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	eventAttr   = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	dangerousEl = regexp.MustCompile(`(?i)<(?:script|iframe|object|embed|style|form|svg|math)\b`)
)

// unsafeMarkup returns why html could run script in a browser, or "". It
// reads URLs the way a browser does: entities decoded, tabs and newlines
// dropped, leading controls and spaces trimmed, scheme case-insensitive.
func unsafeMarkup(out string) string {
	if m := dangerousEl.FindString(out); m != "" {
		return "element " + m
	}
	if m := eventAttr.FindString(out); m != "" {
		return "event handler " + m
	}
	for _, m := range urlAttr.FindAllStringSubmatch(out, -1) {
		u := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(html.UnescapeString(m[1]))
		u = strings.ToLower(strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
		switch {
		case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"), strings.HasPrefix(u, "file:"):
			return "url " + m[0]
		case strings.HasPrefix(u, "data:"):
			ok := false
			for _, t := range []string{"png;", "gif;", "jpeg;", "webp;"} {
				ok = ok || strings.HasPrefix(u, "data:image/"+t)
			}
			if !ok {
				return "url " + m[0]
			}
		}
	}
	return ""
}
