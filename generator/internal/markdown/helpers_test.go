package markdown

import (
	"html"
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

// dangerousElements run script or embed other documents.
var dangerousElements = map[string]bool{
	"script": true, "iframe": true, "frame": true, "object": true, "embed": true,
	"style": true, "form": true, "svg": true, "math": true, "base": true, "meta": true, "link": true,
}

// unsafeMarkup returns why out could run script in a browser, or "". It
// tokenises the tags (text never holds a raw '<': the renderer escapes it)
// and reads URLs the way a browser does: entities decoded, tabs and
// newlines dropped, leading controls and spaces trimmed, scheme in any case.
func unsafeMarkup(out string) string {
	for i := 0; i < len(out); i++ {
		if out[i] != '<' || i+1 == len(out) {
			continue
		}
		if strings.HasPrefix(out[i:], "<!--") {
			end := strings.Index(out[i+4:], "-->")
			if end < 0 {
				return "unterminated comment"
			}
			i += 4 + end + 2
			continue
		}
		j := i + 1
		if out[j] == '/' {
			j++
		}
		start := j
		for j < len(out) && isTagNameByte(out[j]) {
			j++
		}
		if j == start {
			continue
		}
		name := strings.ToLower(out[start:j])
		if dangerousElements[name] {
			return "element <" + name
		}
		// Attributes until '>'.
		for j < len(out) && out[j] != '>' {
			for j < len(out) && strings.IndexByte(" \t\n\r\f/", out[j]) >= 0 {
				j++
			}
			a := j
			for j < len(out) && strings.IndexByte(" \t\n\r\f/>=", out[j]) < 0 {
				j++
			}
			attr := strings.ToLower(out[a:j])
			value := ""
			if j < len(out) && out[j] == '=' {
				j++
				if j < len(out) && (out[j] == '"' || out[j] == '\'') {
					q := out[j]
					end := strings.IndexByte(out[j+1:], q)
					if end < 0 {
						return "unterminated attribute " + attr
					}
					value = out[j+1 : j+1+end]
					j += end + 2
				} else {
					v := j
					for j < len(out) && strings.IndexByte(" \t\n\r\f>", out[j]) < 0 {
						j++
					}
					value = out[v:j]
				}
			}
			if strings.HasPrefix(attr, "on") {
				return "event handler " + attr + " on <" + name
			}
			if (attr == "href" || attr == "src" || attr == "action" || attr == "formaction") && dangerousURL(value) {
				return attr + `="` + value + `" on <` + name
			}
		}
		i = j
	}
	return ""
}

func isTagNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
}

func dangerousURL(value string) bool {
	u := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(html.UnescapeString(value))
	u = strings.ToLower(strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' }))
	switch {
	case strings.HasPrefix(u, "javascript:"), strings.HasPrefix(u, "vbscript:"), strings.HasPrefix(u, "file:"):
		return true
	case strings.HasPrefix(u, "data:"):
		for _, t := range []string{"png;", "gif;", "jpeg;", "webp;"} {
			if strings.HasPrefix(u, "data:image/"+t) {
				return false
			}
		}
		return true
	}
	return false
}
