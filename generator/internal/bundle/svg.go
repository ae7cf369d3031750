package bundle

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"kunskapsbanken/generator/internal/diag"
)

// Namespaces an SVG's checks know.
const (
	nsSVG    = "http://www.w3.org/2000/svg"
	nsXHTML  = "http://www.w3.org/1999/xhtml"
	nsMathML = "http://www.w3.org/1998/Math/MathML"
	nsXML    = "http://www.w3.org/XML/1998/namespace"
)

// refusedElements are the elements an SVG may not hold, by local name in
// lower case, in any namespace, with what they do. The HTML names matter in
// the XHTML namespace, which is refused anyway; they are listed so that no
// disagreement between encoding/xml and a browser about an element's
// namespace can let one through.
var refusedElements = map[string]string{
	"script":        "kan köra program hos den som öppnar bilden",
	"handler":       "kan köra program när något händer i bilden",
	"listener":      "kan köra program när något händer i bilden",
	"foreignobject": "bäddar in HTML i bilden",
	"iframe":        "hämtar en annan webbsida in i bilden",
	"frame":         "hämtar en annan webbsida in i bilden",
	"embed":         "hämtar något utanför bilden och visar det",
	"object":        "hämtar något utanför bilden och visar det",
	"applet":        "kör ett program",
	"meta":          "kan skicka läsaren vidare till en annan adress",
	"base":          "ändrar vart bildens hänvisningar pekar",
	"link":          "hämtar något utanför bilden",
}

// animations are the SVG elements that change an attribute while the image
// is shown, by local name in lower case.
var animations = map[string]bool{"set": true, "animate": true, "animatemotion": true, "animatetransform": true, "animatecolor": true}

// errCharset is what the decoder hears when a file declares an encoding
// other than UTF-8.
var errCharset = errors.New("not UTF-8")

// checkSVG reports everything in the SVG src, read from file, that a
// browser opening it could run or fetch from elsewhere (see the package
// documentation), at the line and column of each element, attribute or
// piece of CSS.
func checkSVG(file string, src []byte) diag.List {
	var diags diag.List
	pos := newLines(src)
	at := func(off int, format string, args ...any) {
		line, col := pos.at(off)
		diags.Errorf(file, line, col, format, args...)
	}
	d := xml.NewDecoder(bytes.NewReader(src)) // Strict; no entities but XML's five
	d.CharsetReader = func(string, io.Reader) (io.Reader, error) { return nil, errCharset }

	depth, roots := 0, 0
	skip := 0          // depth inside an element refused whole
	var style *cssText // the text of the <style> element being read
	styleDepth := 0
	for {
		start := int(d.InputOffset())
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			off := int(d.InputOffset())
			var se *xml.SyntaxError
			switch {
			case errors.Is(err, errCharset):
				at(start, "filen är inte sparad som UTF-8; spara den igen som UTF-8 (Inkscape och de flesta ritprogram gör det)")
			case errors.As(err, &se):
				at(stopped(src, off, se.Msg == "unexpected EOF"), "filen är inte giltig XML (%s), och då går det inte att säga vad en webbläsare gör av den; öppna bilden i ett ritprogram och spara den igen", se.Msg)
			default:
				at(stopped(src, off, false), "filen kan inte läsas som XML (%v); öppna bilden i ett ritprogram och spara den igen", err)
			}
			return diags
		}
		end := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skip > 0 {
				skip++
				continue
			}
			name, attrs := scanTag(src[start:end])
			if len(attrs) != len(t.Attr) { // not the tag the decoder read: point at the tag
				attrs = make([]rawAttr, len(t.Attr))
				for i, a := range t.Attr {
					attrs[i] = rawAttr{qualified(a.Name), 0}
				}
			}
			if name == "" {
				name = t.Name.Local
			}
			if depth == 1 {
				roots++
				switch {
				case roots > 1:
					at(start, "filen är inte giltig XML: <%s> står efter det yttersta elementet, och en webbläsare visar inte bilden; öppna bilden i ett ritprogram och spara den igen", name)
				case t.Name.Local == "svg" && t.Name.Space == "":
					at(start, "<svg> saknar xmlns=\"%s\", och en webbläsare visar inte filen som en bild; lägg till det, eller spara bilden igen från ritprogrammet", nsSVG)
				case t.Name.Local != "svg" || t.Name.Space != nsSVG:
					at(start, "filen är ingen SVG-bild: den börjar med <%s>, inte med <svg>; spara bilden igen som SVG från ritprogrammet", name)
				}
			}
			local := strings.ToLower(t.Name.Local)
			if what, ok := refusedElements[local]; ok {
				at(start, "<%s> %s och publiceras inte; ta bort elementet, eller exportera bilden som PNG", name, what)
				skip = 1
				continue
			}
			if t.Name.Space == nsXHTML || t.Name.Space == nsMathML {
				at(start, "<%s> är ett element i HTML eller MathML, och en SVG-bild får bara innehålla SVG; ta bort elementet, eller exportera bilden som PNG", name)
				skip = 1
				continue
			}
			seen := map[xml.Name]bool{}
			for i, a := range t.Attr {
				off := start + attrs[i].off
				if seen[a.Name] {
					at(off, "attributet %s står två gånger, och en webbläsare visar inte bilden; ta bort det ena", attrs[i].name)
				}
				seen[a.Name] = true
				for _, msg := range attrProblems(local, a, attrs[i].name) {
					at(off, "%s", msg)
				}
			}
			if local == "style" && style == nil {
				style, styleDepth = &cssText{}, depth
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
			} else if style != nil && depth == styleDepth {
				for _, ref := range cssRefs(style.text.String()) {
					at(style.raw(ref.at), "stilmallen %s", ref.problem())
				}
				style = nil
			}
			depth--
		case xml.CharData:
			if skip == 0 && style != nil {
				style.add(string(t), start, src[start:end])
			}
		case xml.ProcInst:
			if t.Target != "xml" {
				at(start, "<?%s …?> ber webbläsaren hämta eller göra något utöver att visa bilden; ta bort den raden", t.Target)
			}
		case xml.Directive:
			dir := strings.TrimSpace(string(t))
			switch {
			case !strings.HasPrefix(strings.ToUpper(dir), "DOCTYPE"):
				at(start, "<!%s> hör inte hemma i en SVG-bild; ta bort den", short(dir))
			case strings.ContainsRune(dir, '['):
				at(start, "DOCTYPE med egna deklarationer inom [ ] (<!ENTITY>, <!ATTLIST>) kan lägga till text och attribut som inte syns i filen; ta bort allt inom [ ], eller hela <!DOCTYPE …>")
			}
		}
	}
	if roots == 0 {
		diags.Errorf(file, 0, 0, "filen innehåller ingen <svg> och är ingen SVG-bild; spara bilden igen som SVG från ritprogrammet")
	}
	return diags
}

// attrProblems says what is wrong with attribute a, written name, of an
// element with the local name el (in lower case).
func attrProblems(el string, a xml.Attr, name string) []string {
	if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
		return nil // a namespace declaration
	}
	local := strings.ToLower(a.Name.Local)
	switch {
	case strings.HasPrefix(local, "on"):
		return []string{fmt.Sprintf("attributet %s kör program när något händer i bilden och publiceras inte; ta bort attributet", name)}
	case local == "href":
		if v := strings.TrimSpace(a.Value); !strings.HasPrefix(v, "#") {
			return []string{fmt.Sprintf("%s=%q pekar utanför filen; en SVG-bild får bara hänvisa till sina egna delar (#id), så bädda in det som behövs i bilden, eller ta bort hänvisningen", name, short(v))}
		}
		return nil
	case local == "ping":
		return []string{fmt.Sprintf("%s skickar ett meddelande till en annan adress när någon klickar i bilden; ta bort attributet", name)}
	case local == "base" && a.Name.Space == nsXML:
		return []string{fmt.Sprintf("%s ändrar vart bildens hänvisningar pekar; ta bort attributet", name)}
	case animations[el] && a.Name.Local == "attributeName" && a.Name.Space == "":
		target := strings.ToLower(strings.TrimSpace(a.Value[strings.LastIndexByte(a.Value, ':')+1:]))
		if target == "href" || strings.HasPrefix(target, "on") {
			return []string{fmt.Sprintf("animationen ändrar %s medan bilden visas, och kan så göra en länk ut ur bilden eller ett program av den; ta bort elementet", strings.TrimSpace(a.Value))}
		}
	}
	if a.Name.Space != "" {
		return nil // not SVG's, so not CSS
	}
	var out []string
	for _, ref := range cssRefs(a.Value) {
		out = append(out, name+" "+ref.problem())
	}
	return out
}

// rawAttr is an attribute as written in a start tag: its name and its
// offset from the tag's <.
type rawAttr struct {
	name string
	off  int
}

// scanTag reads the element name and the attributes of a start tag the
// decoder has accepted, in order.
func scanTag(tag []byte) (string, []rawAttr) {
	if len(tag) == 0 || tag[0] != '<' {
		return "", nil
	}
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '/' && tag[i] != '>' {
		i++
	}
	name := string(tag[1:i])
	var attrs []rawAttr
	for {
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] == '/' || tag[i] == '>' {
			return name, attrs
		}
		start := i
		for i < len(tag) && tag[i] != '=' && !isSpace(tag[i]) {
			i++
		}
		attrs = append(attrs, rawAttr{string(tag[start:i]), start})
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '=') {
			i++
		}
		if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
			q := tag[i]
			i++
			for i < len(tag) && tag[i] != q {
				i++
			}
			i++
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// short shortens a value for a message: a data: URL can be megabytes.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:57]) + "…"
}

// stopped is where to point at a syntax error the decoder found before
// off, where it stopped: at the start of the tag or entity reference it
// could not read when it stopped at a > or ;, else (and at the end of the
// file) at the character before off.
func stopped(src []byte, off int, eof bool) int {
	off = min(off, len(src))
	if off == 0 {
		return 0
	}
	_, n := utf8.DecodeLastRune(src[:off])
	last := off - n
	start := -1
	switch {
	case eof:
	case src[last] == '>':
		start = bytes.LastIndexByte(src[:last], '<')
	case src[last] == ';':
		start = bytes.LastIndexByte(src[:last], '&')
	}
	if start >= 0 && bytes.IndexByte(src[start:last], '\n') < 0 {
		return start
	}
	return last
}

// lines turns byte offsets into lines and columns.
type lines struct {
	src    []byte
	starts []int // offset of each line's first byte
}

func newLines(src []byte) *lines {
	l := &lines{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// at is the 1-based line and column, in characters, of offset off. A
// byte-order mark is not a column.
func (l *lines) at(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	start := l.starts[i]
	if i == 0 && bytes.HasPrefix(l.src, []byte("\uFEFF")) && off >= 3 {
		start = 3
	}
	return i + 1, utf8.RuneCount(l.src[start:off]) + 1
}

// cssText is the text of a <style> element, gathered from the decoder's
// tokens, with where each came from in the file.
type cssText struct {
	text  strings.Builder
	parts []cssPart
}

type cssPart struct {
	at  int    // where the part starts in text
	off int    // where its token starts in the file
	raw []byte // the token as written
}

func (c *cssText) add(text string, off int, raw []byte) {
	c.parts = append(c.parts, cssPart{c.text.Len(), off, raw})
	c.text.WriteString(text)
}

// raw is the offset in the file of byte i of the text.
func (c *cssText) raw(i int) int {
	k := sort.Search(len(c.parts), func(k int) bool { return c.parts[k].at > i }) - 1
	if k < 0 {
		return 0
	}
	p := c.parts[k]
	return p.off + rawIndex(p.raw, i-p.at)
}

// rawIndex maps byte i of the text the decoder made of a token to an
// offset in the token as written: a CDATA section's markers, entities and
// CR LF (read as LF) make them differ.
func rawIndex(raw []byte, i int) int {
	r, cdata := 0, false
	if bytes.HasPrefix(raw, []byte("<![CDATA[")) {
		r, cdata = len("<![CDATA["), true
	}
	for d := 0; d < i && r < len(raw); {
		switch {
		case raw[r] == '\r':
			r++
			if r < len(raw) && raw[r] == '\n' {
				r++
			}
			d++
		case raw[r] == '&' && !cdata:
			k := bytes.IndexByte(raw[r:], ';')
			if k < 0 {
				return r
			}
			d += entityLen(string(raw[r+1 : r+k]))
			r += k + 1
		default:
			r++
			d++
		}
	}
	return r
}

// entityLen is the length in bytes of what an entity reference stands for.
func entityLen(name string) int {
	if !strings.HasPrefix(name, "#") {
		return 1 // lt, gt, amp, apos, quot: the decoder knows no others
	}
	var v uint64
	var err error
	if strings.HasPrefix(name, "#x") {
		v, err = strconv.ParseUint(name[2:], 16, 32)
	} else {
		v, err = strconv.ParseUint(name[1:], 10, 32)
	}
	if err != nil || utf8.RuneLen(rune(v)) < 0 {
		return 1
	}
	return utf8.RuneLen(rune(v))
}

// cssRef is something in CSS that makes a browser fetch from elsewhere.
type cssRef struct {
	at   int    // byte offset in the text
	what string // as a message shows it
	url  bool   // a url() to somewhere outside the file
}

func (r cssRef) problem() string {
	if r.url {
		return "hänvisar med " + r.what + " till något utanför filen; en SVG-bild får bara hänvisa till sina egna delar (url(#id)), så bädda in det som behövs i bilden, eller ta bort hänvisningen"
	}
	return "hämtar något utanför bilden med " + r.what + "; ta bort det"
}

// cssRefs finds, in CSS text, each url() that is not a fragment of the
// same file (#id), each @import, and each image-set() and src(), whose
// strings are addresses. CSS escapes (\75 rl for url) are read as the
// characters they stand for. Text in comments and strings is searched too:
// that can only refuse more.
func cssRefs(s string) []cssRef {
	var out []cssRef
	for i := 0; i < len(s); i++ {
		if j, ok := cssWord(s, i, "url("); ok {
			if arg := cssURL(s, j); !strings.HasPrefix(arg, "#") {
				out = append(out, cssRef{i, "url(" + short(arg) + ")", true})
			}
			i = j - 1
			continue
		}
		if _, ok := cssWord(s, i, "@import"); ok {
			out = append(out, cssRef{at: i, what: "@import"})
			continue
		}
		for _, fn := range []string{"image-set(", "src("} {
			if _, ok := cssWord(s, i, fn); ok {
				out = append(out, cssRef{at: i, what: fn + "…)"})
			}
		}
	}
	return out
}

// cssWord reports whether s at i spells word, letters in any case and
// each perhaps escaped; ( and @ only as themselves, as CSS reads them. It
// returns the offset after the word.
func cssWord(s string, i int, word string) (int, bool) {
	for k := 0; k < len(word); k++ {
		if i >= len(s) {
			return 0, false
		}
		if c := word[k]; c == '(' || c == '@' {
			if s[i] != c {
				return 0, false
			}
			i++
			continue
		}
		r, n := cssChar(s, i)
		if unicode.ToLower(r) != rune(word[k]) {
			return 0, false
		}
		i += n
	}
	return i, true
}

// cssURL is the address in url( at i: quotes and escapes read, spaces
// trimmed.
func cssURL(s string, i int) string {
	var b strings.Builder
	var quote byte
	for i < len(s) {
		c := s[i]
		if quote == 0 && c == ')' {
			break
		}
		if c == '"' || c == '\'' {
			switch quote {
			case 0:
				quote = c
				i++
				continue
			case c:
				quote = 0
				i++
				continue
			}
		}
		r, n := cssChar(s, i)
		b.WriteRune(r)
		i += n
	}
	return strings.TrimFunc(b.String(), func(r rune) bool { return r < utf8.RuneSelf && isSpace(byte(r)) })
}

// cssChar is the character at s[i], a CSS escape read (\75 or \u is u),
// and how many bytes it takes.
func cssChar(s string, i int) (rune, int) {
	if s[i] != '\\' || i+1 >= len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		return r, n
	}
	j := i + 1
	if !isHex(s[j]) {
		r, n := utf8.DecodeRuneInString(s[j:])
		return r, 1 + n
	}
	k := j
	for k < len(s) && k < j+6 && isHex(s[k]) {
		k++
	}
	v, _ := strconv.ParseUint(s[j:k], 16, 32)
	if k < len(s) && isSpace(s[k]) { // one white space ends the escape
		if s[k] == '\r' && k+1 < len(s) && s[k+1] == '\n' {
			k++
		}
		k++
	}
	r := rune(v)
	if v == 0 || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return r, k - i
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
