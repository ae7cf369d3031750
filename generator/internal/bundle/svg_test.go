package bundle

import (
	"fmt"
	"strings"
	"testing"
)

// problems runs checkSVG and returns "line:col: message" for each problem.
func problems(src string) []string {
	var out []string
	for _, d := range checkSVG("d.svg", []byte(src)) {
		out = append(out, fmt.Sprintf("%d:%d: %s", d.Line, d.Col, d.Message))
	}
	return out
}

const open = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">`

// TestSVGAccepted: what drawing programs write passes, references to the
// file's own parts included.
func TestSVGAccepted(t *testing.T) {
	for name, src := range map[string]string{
		"minimal": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>`,
		"inkscape": "\uFEFF" + `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:svg="http://www.w3.org/2000/svg" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   width="210mm" height="297mm" version="1.1" inkscape:version="1.2 (dc2aedaf03, 2022-05-15)">
  <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.35"/>
  <metadata><rdf:RDF><dc:title>Karta</dc:title></rdf:RDF></metadata>
  <defs><linearGradient id="g"><stop offset="0" style="stop-color:#000000;stop-opacity:1"/></linearGradient>
    <linearGradient xlink:href="#g" id="g2"/></defs>
  <g inkscape:label="Lager 1" inkscape:groupmode="layer">
    <rect style="fill:url(#g2);stroke:none" width="10" height="10"/>
    <rect fill="url( '#g' )" mask="url(&quot;#m&quot;)" width="5" height="5"/>
    <use href="#g2" x="3"/><text>Länk: url(http://example.org) i texten</text>
  </g>
</svg>
`,
		"doctype without declarations": `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
` + open + `<a xlink:href="#x"><circle id="x" r="1"/></a></svg>`,
		"style element with fragments": open + `<style><![CDATA[ .a { fill: url(#g); } ]]> .b { clip-path: url("#c") }</style></svg>`,
		"escaped fragment":             open + `<rect style="fill:u\72l(\23 g)"/></svg>`,
	} {
		if got := problems(src); len(got) != 0 {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// TestSVGRefused: every way an SVG could run script or fetch from elsewhere
// is reported at the element or attribute that does it.
func TestSVGRefused(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string // "line:col: start of the message"
	}{
		{"script", open + "\n  <script>alert(1)</script></svg>", []string{"2:3: <script> kan köra program"}},
		{"script in capitals", open + `<SCRIPT/></svg>`, []string{"1:84: <SCRIPT> kan köra program"}},
		{"XHTML script by prefix", open + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, []string{"1:84: <h:script> kan köra program"}},
		{"XHTML iframe by default namespace", open + `<g xmlns="http://www.w3.org/1999/xhtml"><p/></g></svg>`, []string{"1:84: <g> är ett element i HTML"}},
		{"HTML element name in the SVG namespace", open + `<iframe src="javascript:alert(1)"/></svg>`, []string{"1:84: <iframe> hämtar en annan webbsida"}},
		{"foreignObject, contents not reported again", open + "<foreignObject>\n<div xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></div></foreignObject></svg>",
			[]string{"1:84: <foreignObject> bäddar in HTML"}},
		{"event handlers", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">` + "\n" + `<rect ONCLICK="x()" x:onmouseover="y()" xmlns:x="urn:x"/></svg>`,
			[]string{"1:41: attributet onload kör program", "2:7: attributet ONCLICK kör program", "2:21: attributet x:onmouseover kör program"}},
		{"external href", open + `<a href="https://example.org/"><text>x</text></a></svg>`, []string{`1:87: href="https://example.org/" pekar utanför filen`}},
		{"javascript href after space", open + `<a href=" javascript:alert(1)"/></svg>`, []string{`1:87: href="javascript:alert(1)" pekar utanför`}},
		{"xlink:href", open + `<image xlink:href="data:image/png;base64,iVBORw0KGgo="/></svg>`, []string{`1:91: xlink:href="data:image/png;base64,iVBORw0KGgo=" pekar utanför`}},
		{"xlink under another prefix", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink"><use l:href="other.svg#a"/></svg>`, []string{`1:85: l:href="other.svg#a" pekar utanför`}},
		{"href in an unbound namespace", open + `<use q:href="http://x/"/></svg>`, []string{`1:89: q:href="http://x/" pekar utanför`}},
		{"url() in style", open + `<rect style="fill: url(https://example.org/a.svg#g)"/></svg>`, []string{"1:90: style hänvisar med url(https://example.org/a.svg#g) till något utanför filen"}},
		{"url() in a presentation attribute", open + `<rect fill="URL('http://x/#g')"/></svg>`, []string{"1:90: fill hänvisar med url(http://x/#g)"}},
		{"url() spelt with CSS escapes", open + `<rect style="fill:\75 rl(http://x/)" filter="u\RL(//x/)"/></svg>`, []string{"1:90: style hänvisar med url(http://x/)", "1:121: filter hänvisar med url(//x/)"}},
		{"url() spelt with XML entities", open + `<rect style="fill:&#117;rl(http://x/)"/></svg>`, []string{"1:90: style hänvisar med url(http://x/)"}},
		{"@import and image-set", open + `<rect style="background:-webkit-image-set('a.png' 1x)"/><style>@IMPORT "http://x/a.css";</style></svg>`,
			[]string{"1:90: style hämtar något utanför bilden med image-set(…)", "1:147: stilmallen hämtar något utanför bilden med @import"}},
		{"url() in a style element, across CDATA and CR LF", open + "<style>\r\n.a{}\r\n.b { fill: ur<![CDATA[l(http://x/)]]>; }\r\n.c { mask: url(&#x2f;/y/) }</style></svg>",
			[]string{"3:12: stilmallen hänvisar med url(http://x/)", "4:12: stilmallen hänvisar med url(//y/)"}},
		{"animated link", open + `<a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName=" xlink:href " values="#a;http://x/"/></a></svg>`,
			[]string{"1:92: animationen ändrar href", "1:148: animationen ändrar xlink:href medan"}},
		{"ping", open + `<a href="#a" ping="http://x/"/></svg>`, []string{"1:97: ping skickar"}},
		{"xml:base", open + `<a xml:base="http://x/" href="#a"/></svg>`, []string{"1:87: xml:base ändrar vart"}},
		{"stylesheet instruction", `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="http://x/a.xsl"?>` + open + `</svg>`, []string{"1:22: <?xml-stylesheet …?>"}},
		{"billion laughs", `<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY a "ha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
` + open + `<text>&b;</text></svg>`, []string{"2:1: DOCTYPE med egna deklarationer", "6:90: filen är inte giltig XML (invalid character entity &b;)"}},
		{"default attribute by ATTLIST", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]>` + open + `</svg>`, []string{"1:1: DOCTYPE med egna deklarationer"}},
		{"external entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + open + `<text>&x;</text></svg>`,
			[]string{"1:1: DOCTYPE med egna deklarationer", "1:146: filen är inte giltig XML (invalid character entity &x;)"}},
		{"unclosed element", open + "\n<g>\n<rect/>\n</svg>", []string{"4:1: filen är inte giltig XML (element <g> closed by </svg>)"}},
		{"problems before a syntax error are kept", open + "<script/>\n<rect onload='x'>", []string{"1:84: <script> kan", "2:7: attributet onload", "2:17: filen är inte giltig XML (unexpected EOF)"}},
		{"not UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + open + "</svg>", []string{"1:1: filen är inte sparad som UTF-8"}},
		{"invalid UTF-8", open + "<text>gr\xe5</text></svg>", []string{"1:92: filen är inte giltig XML (invalid UTF-8)"}},
		{"not an SVG", `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, []string{"1:1: filen är ingen SVG-bild: den börjar med <html>", "1:1: <html> är ett element i HTML"}},
		{"SVG without namespace", `<svg><rect/></svg>`, []string{`1:1: <svg> saknar xmlns="http://www.w3.org/2000/svg"`}},
		{"second root", open + `</svg><svg xmlns="http://www.w3.org/2000/svg"/>`, []string{"1:90: filen är inte giltig XML: <svg> står efter"}},
		{"attribute twice", open + `<a href="#a" href="http://x/"/></svg>`, []string{`1:97: attributet href står två gånger`, `1:97: href="http://x/" pekar utanför`}},
		{"empty", "", []string{"0:0: filen innehåller ingen <svg>"}},
		{"column in characters", open + "<text>åäö</text><a href='//x'/></svg>", []string{`1:103: href="//x" pekar`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(tc.src)
			ok := len(got) == len(tc.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tc.want[i])
			}
			if !ok {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

func TestCSSRefs(t *testing.T) {
	for css, want := range map[string]string{
		"fill:url(#a)":                        "",
		"fill:url( \"#a\" ) ; x:url('#b')":    "",
		"a{b:url(x.png)}":                     "url(x.png)",
		"a{b:url(#a) url(x.png)}":             "url(x.png)",
		`a{b:\55\52\4c(x)}`:                   "url(x)",
		`a{b:url(\68 ttp://x)}`:               "url(http://x)",
		`a{b:url("\23 a")}`:                   "",
		"@import url(#a)":                     "@import",
		"@import'x'":                          "@import",
		"a{src:local(x)}":                     "",
		"a{b:src('x')}":                       "src(…)",
		"a{b:-webkit-IMAGE-SET('x' 1x)}":      "image-set(…)",
		"a{b:url(":                            "url()",
		"a{b:url(" + strings.Repeat("a", 100): "url(" + strings.Repeat("a", 57) + "…)",
	} {
		var got []string
		for _, r := range cssRefs(css) {
			got = append(got, r.what)
		}
		if strings.Join(got, " ") != want {
			t.Errorf("cssRefs(%q) = %q, want %q", css, got, want)
		}
	}
}

// FuzzCheckSVG: any bytes give problems at positions inside the file, and
// never a panic.
func FuzzCheckSVG(f *testing.F) {
	f.Add(open + `<a href="#a" style="fill:url(#g)"><style>.a{fill:url(h)}</style></a></svg>`)
	f.Add(`<!DOCTYPE svg [<!ENTITY a "b">]>` + open + "<style>\r\nur<![CDATA[l(x)]]>&#x75;rl(y)</style><script/></svg>")
	f.Add("\uFEFF<svg xmlns='http://www.w3.org/2000/svg' onload='x'><g>")
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for _, d := range checkSVG("d.svg", []byte(src)) {
			if d.Line < 0 || d.Line > lines || d.Col < 0 || (d.Line > 0) != (d.Col > 0) || d.Message == "" {
				t.Fatalf("%v in a file of %d lines", d, lines)
			}
		}
	})
}
