package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// source is one folder of the corpus: where its files came from (the rows
// of corpus/SOURCES.md) and how its pages are named.
type source struct {
	folder    string // under corpus/
	prefix    string // of every slug from this source
	repo      string // owner/name on GitHub
	commit    string
	path      string // the folder in the repository the files came from
	publisher string // for the page's sources entry
}

var sources = []source{
	{"designsystem", "ds", "Forsakringskassan/designsystem", "aff63365fa97", "docs/", "Försäkringskassan"},
	{"opensource-docs", "digg", "diggsweden/opensource-docs", "a03e38194562", "content/sv/", "Digg"},
	{"jobtechdev.se", "jobtech", "MagnumOpuses/jobtechdev.se", "cca6644cda46", "content/sv/", "Arbetsförmedlingen, JobTech Development"},
	{"sfs", "sfs", "se-lex/sfs", "aaf616446496", "", "Svensk författningssamling (se-lex)"},
}

// Page is one adapted file: a free page of the content contract.
type Page struct {
	Slug      string
	Source    string // the file under corpus/, as "sfs/1921__sfs-1921-410.md"
	Title     string
	Summary   string
	Published string // YYYY-MM-DD or ""
	SourceURL string // the file in its repository, at the commit
	SourceRef string // the file's path in its repository
	Publisher string
	Body      string // Markdown that kb builds without errors
}

// File returns the page as content/sidor/<slug>.md.
func (p *Page) File() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", quote(p.Title))
	if p.Summary != "" {
		fmt.Fprintf(&b, "summary: %s\n", quote(p.Summary))
	}
	if p.Published != "" {
		fmt.Fprintf(&b, "published: %s\n", p.Published)
	}
	b.WriteString("sources:\n")
	fmt.Fprintf(&b, "  - title: %s\n", quote(p.SourceRef))
	fmt.Fprintf(&b, "    publisher: %s\n", quote(p.Publisher))
	fmt.Fprintf(&b, "    url: %s\n", quote(p.SourceURL))
	b.WriteString("---\n\n")
	b.WriteString(p.Body)
	return b.Bytes()
}

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < ' ':
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Adapt reads every source file under corpus and returns the pages, sorted
// by slug.
func Adapt(corpus string) ([]*Page, error) {
	var pages []*Page
	slugs := map[string]string{}
	for _, src := range sources {
		entries, err := os.ReadDir(filepath.Join(corpus, src.folder))
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "SOURCE-") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(corpus, src.folder, name))
			if err != nil {
				return nil, err
			}
			p, err := adaptFile(src, name, data)
			if err != nil {
				return nil, fmt.Errorf("%s/%s: %v", src.folder, name, err)
			}
			if other, ok := slugs[p.Slug]; ok {
				return nil, fmt.Errorf("%s and %s both make the slug %s", other, p.Source, p.Slug)
			}
			slugs[p.Slug] = p.Source
			pages = append(pages, p)
		}
	}
	slices.SortFunc(pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
	return pages, nil
}

// adaptFile maps one file's front matter to a free page's and cleans its
// body.
func adaptFile(src source, name string, data []byte) (*Page, error) {
	fm, body, err := splitFrontMatter(string(data))
	if err != nil {
		return nil, err
	}
	meta := map[string]any{}
	if err := yaml.Unmarshal([]byte(fm), &meta); err != nil {
		// One design system file indents a list with a tab, which its
		// site generator accepts and YAML does not.
		fm = regexp.MustCompile(`(?m)^\t+`).ReplaceAllString(fm, "  ")
		if err := yaml.Unmarshal([]byte(fm), &meta); err != nil {
			return nil, fmt.Errorf("front matter: %v", err)
		}
	}
	str := func(key string) string {
		v, _ := meta[key].(string)
		return cleanLine(v)
	}
	ref := src.path + strings.ReplaceAll(strings.TrimSuffix(name, ".md"), "__", "/") + ".md"
	p := &Page{
		Slug:      pageSlug(src, name),
		Source:    src.folder + "/" + name,
		SourceRef: ref,
		SourceURL: "https://github.com/" + src.repo + "/blob/" + src.commit + "/" + ref,
		Publisher: src.publisher,
		Body:      Clean(body),
	}
	var title, summary string
	switch src.folder {
	case "designsystem":
		title = str("title")
	case "opensource-docs":
		title, summary = str("title"), str("description")
	case "jobtechdev.se":
		title = firstOf(str("title"), str("linkTitle"), str("menuTitle"))
		summary = firstOf(str("description"), str("metadescription"))
		p.Published = date(meta["date"])
	case "sfs":
		title = str("rubrik")
		summary = "SFS " + str("beteckning") + ", " + str("departement") + "."
		if utf8.RuneCountInString(title) > maxTitle {
			summary += " " + title
		}
		p.Published = date(meta["utfardad_datum"])
	}
	if title == "" {
		title = firstHeading(p.Body)
	}
	if title == "" {
		title = strings.TrimPrefix(p.Slug, src.prefix+"-")
	}
	p.Title = cut(title, maxTitle)
	p.Summary = cut(summary, maxSummary)
	return p, nil
}

// The limits of CONTENT.md (page.MaxTitle, page.MaxSummary).
const (
	maxTitle   = 120
	maxSummary = 300
)

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// date returns a front matter date or time as YYYY-MM-DD, or "".
func date(v any) string {
	s := fmt.Sprint(v)
	if t, ok := v.(interface{ Format(string) string }); ok {
		s = t.Format("2006-01-02")
	}
	if regexp.MustCompile(`^\d{4}-\d\d-\d\d`).MatchString(s) {
		return s[:10]
	}
	return ""
}

// cleanLine makes a front matter value one line of plain text: HTML
// entities decoded, soft hyphens and the curly quotes around a whole
// value dropped, white space collapsed.
func cleanLine(s string) string {
	s = strings.ReplaceAll(html.UnescapeString(s), "\u00ad", "")
	s = strings.Join(strings.Fields(s), " ")
	if strings.HasPrefix(s, "”") && strings.HasSuffix(s, "”") && len(s) > len("””") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "”"), "”")
	}
	return s
}

// cut shortens s to at most n characters at a word boundary, with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return strings.TrimRight(string(r)[:i], " ,;:") + "…"
	}
	return string(r) + "…"
}

// firstHeading returns the text of the body's first ATX heading.
func firstHeading(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			return cleanLine(strings.Trim(t, "*_` "))
		}
	}
	return ""
}

// pageSlug makes a slug of CONTENT.md from a file name: the source's
// prefix, the path's folders and name ("__" separates them in the corpus),
// Hugo's index names (_index, and index of a JobTech page bundle) and
// sfs's year folders left out.
func pageSlug(src source, name string) string {
	parts := strings.Split(strings.TrimSuffix(name, ".md"), "__")
	if src.folder == "sfs" && len(parts) == 2 {
		parts = parts[1:] // 1921__sfs-1921-410: the year is in the name
	}
	var keep []string
	for _, p := range parts {
		if p == "_index" || p == "" || p == "index" && src.folder == "jobtechdev.se" {
			continue
		}
		keep = append(keep, p)
	}
	name = slugify(strings.Join(keep, " "))
	if name == src.prefix || strings.HasPrefix(name, src.prefix+"-") {
		return name // sfs-1921-410
	}
	return slugify(src.prefix + " " + name)
}

// slugify is slug.Make of the generator: lower-case ASCII letters and
// digits, å ä → a, ö → o, every other run of characters one hyphen.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'å', 'ä', 'à', 'á', 'â':
			r = 'a'
		case 'ö', 'ø', 'ó', 'ô':
			r = 'o'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'ü':
			r = 'u'
		}
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// splitFrontMatter cuts a file into its YAML front matter and its body.
func splitFrontMatter(s string) (fm, body string, err error) {
	s = strings.TrimPrefix(strings.ReplaceAll(s, "\r\n", "\n"), "\ufeff")
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return "", s, nil
	}
	i := strings.Index(rest, "\n---")
	for i >= 0 {
		end := i + len("\n---")
		after := rest[end:]
		if line, _, _ := strings.Cut(after, "\n"); strings.TrimSpace(line) == "" {
			body := ""
			if j := strings.IndexByte(after, '\n'); j >= 0 {
				body = after[j+1:]
			}
			return rest[:i], body, nil
		}
		j := strings.Index(rest[end:], "\n---")
		if j < 0 {
			break
		}
		i = end + j
	}
	return "", "", fmt.Errorf("front matter without its closing ---")
}

// isSpace reports whether a line holds only white space.
func isSpace(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }
