package markdown

import (
	"strings"
	"testing"
)

func TestSafety(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // exact HTML, or "" to check only that it is safe
	}{
		{"script block", "<script>alert(1)</script>\n", "<!-- raw HTML omitted -->\n"},
		{"script inline", "Hej <script>alert(1)</script> då\n", "<p>Hej <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> då</p>\n"},
		{"SCRIPT upper case", "<SCRIPT SRC=//x.se/a.js></SCRIPT>\n", "<!-- raw HTML omitted -->\n"},
		{"img onerror block", "<img src=x onerror=alert(1)>\n", "<!-- raw HTML omitted -->\n"},
		{"img onerror inline", "Bild <img src=x onerror=\"alert(1)\"> här\n", "<p>Bild <!-- raw HTML omitted --> här</p>\n"},
		{"iframe", "<iframe src=\"https://evil.example\"></iframe>\n", "<!-- raw HTML omitted -->\n"},
		{"svg onload", "<svg onload=alert(1)>\n", "<!-- raw HTML omitted -->\n"},
		{"raw anchor with javascript", "<a href=\"javascript:alert(1)\">x</a>\n", "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n"},
		{"html comment", "<!-- --><script>alert(1)</script> -->\n", "<!-- raw HTML omitted -->\n"},
		{"javascript link", "[x](javascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"mixed case", "[x](JaVaScRiPt:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"decimal entity", "[x](&#106;avascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"hex entity", "[x](&#x6A;&#x61;vascript:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"named entity colon", "[x](javascript&colon;alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"backslash-escaped colon", "[x](javascript\\:alert(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"angle brackets and spaces", "[x](< javascript:alert(1)>)\n", ""},
		{"tab entity inside scheme", "[x](java&#x09;script:alert(1))\n", "<p><a href=\"java%09script:alert(1)\">x</a></p>\n"},
		{"newline entity inside scheme", "[x](java&#10;script:alert(1))\n", "<p><a href=\"java%0Ascript:alert(1)\">x</a></p>\n"},
		{"raw tab inside scheme", "[x](<java\tscript:alert(1)>)\n", ""},
		{"leading control entity", "[x](&#1;javascript:alert(1))\n", ""},
		{"title cannot break out", "[x](a.md \"t\\\" onmouseover=\\\"alert(1)\")\n", "<p><a href=\"a.md\" title=\"t&quot; onmouseover=&quot;alert(1)\">x</a></p>\n"},
		{"alt cannot break out", "![a\" onerror=\"alert(1)](b.png)\n", "<p><img src=\"b.png\" alt=\"a&quot; onerror=&quot;alert(1)\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"destination cannot break out", "[x](a.md\"onclick=\"alert(1))\n", "<p><a href=\"a.md%22onclick=%22alert(1)\">x</a></p>\n"},
		{"vbscript", "[x](vbscript:msgbox(1))\n", "<p><a href=\"\">x</a></p>\n"},
		{"file", "[x](file:///etc/passwd)\n", "<p><a href=\"\">x</a></p>\n"},
		{"data html link", "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n", "<p><a href=\"\">x</a></p>\n"},
		{"data svg image", "![x](data:image/svg+xml;base64,PHN2Zz4=)\n", "<p><img src=\"\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"data png image allowed", "![x](data:image/png;base64,iVBORw0KGgo=)\n", "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"javascript image", "![x](javascript:alert(1))\n", "<p><img src=\"\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"reference link", "[x][r]\n\n[r]: javascript:alert(1)\n", "<p><a href=\"\">x</a></p>\n"},
		{"reference image", "![x][r]\n\n[r]: JAVASCRIPT:alert(1)\n", "<p><img src=\"\" alt=\"x\" loading=\"lazy\" decoding=\"async\"></p>\n"},
		{"autolink", "<javascript:alert(1)>\n", "<p><a href=\"\">javascript:alert(1)</a></p>\n"},
		{"autolink mixed case", "<JaVaScRiPt:alert(1)>\n", "<p><a href=\"\">JaVaScRiPt:alert(1)</a></p>\n"},
		{"autolink vbscript", "<vbscript:msgbox(1)>\n", "<p><a href=\"\">vbscript:msgbox(1)</a></p>\n"},
		{"bare javascript is text", "javascript:alert(1)\n", "<p>javascript:alert(1)</p>\n"},
		{"www linkify", "www.example.se/javascript:alert(1)\n", "<p><a href=\"http://www.example.se/javascript:alert(1)\">www.example.se/javascript:alert(1)</a></p>\n"},
		{"code is escaped", "`<script>` och\n\n```html\n<script>alert(1)</script>\n```\n", "<p><code>&lt;script&gt;</code> och</p>\n<pre><code class=\"language-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n"},
		{"info string is escaped", "```\"><script>\nx\n```\n", ""},
		{"table cell", "| a |\n|---|\n| <script>alert(1)</script> [x](javascript:alert(1)) |\n", ""},
		{"footnote", "x[^1]\n\n[^1]: <script>alert(1)</script> [y](javascript:alert(1))\n", ""},
		{"definition list", "T\n: <iframe src=x></iframe> [y](javascript:alert(1))\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, res := range []Resolver{nil, echoSite{}, newFakeSite()} {
				got := string(testRenderer.Render([]byte(tt.in), res).HTML)
				if why := unsafeMarkup(got); why != "" {
					t.Fatalf("unsafe (%s):\n%s", why, got)
				}
				if strings.Contains(strings.ToLower(got), "<script") {
					t.Fatalf("contains <script:\n%s", got)
				}
				if tt.want != "" && got != tt.want {
					t.Errorf("HTML with resolver %T\n got %q\nwant %q", res, got, tt.want)
				}
			}
		})
	}
}

// The checker used by the safety tests and the fuzz target must itself
// catch what it is meant to catch.
func TestUnsafeMarkupDetects(t *testing.T) {
	for _, bad := range []string{
		`<script>`, `<IFRAME src=x>`, `<img src="x" onerror="a()">`, `<a href="javascript:a()">`,
		`<a href="JaVaScRiPt:a()">`, `<a href="&#106;avascript:a()">`, `<a href="java&#9;script:a()">`,
		`<a href=" &#1;javascript:a()">`, `<img src="data:image/svg+xml,x">`, `<a href="vbscript:x">`,
		`<a href='javascript:x'>`, `<a title="x" href=javascript:x>`, `<p><svg/onload=x>`,
	} {
		if unsafeMarkup(bad) == "" {
			t.Errorf("unsafeMarkup(%q) found nothing", bad)
		}
	}
	for _, ok := range []string{
		`<p>javascript:alert(1) onerror=x</p>`, `<a href="/javascript:x">`, `<a href="java%09script:x">`,
		`<img src="data:image/png;base64,AA">`, `<p>&lt;script&gt;</p>`,
		`<a title="x&quot; onerror=&quot;y" href="/a">`, `<!-- raw HTML omitted -->`,
	} {
		if why := unsafeMarkup(ok); why != "" {
			t.Errorf("unsafeMarkup(%q) = %q, want nothing", ok, why)
		}
	}
}
