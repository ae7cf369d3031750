package main

import (
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Clean turns a source file's Markdown body into Markdown that kb builds
// without errors, keeping its prose:
//
//   - Hugo shortcodes ({{< … >}}, {{% … %}}) are removed; the values of
//     their title, subtitle, text and bottomtext attributes stay as text.
//   - The design system's {@link target text} becomes its text (or its
//     target without the fragment), other {@…} tags are removed; its
//     containers lose their ::: lines (a title such as "::: warning Tänk
//     på att" stays as a line), ":::api" blocks and fenced "import" blocks
//     (names of example files) are removed.
//   - Raw HTML tags and comments are removed, their text kept.
//   - Images are removed; a link whose destination is not an absolute URL
//     (http, https, mailto) becomes its text, inline or by reference, since
//     the files it points to are not in the corpus.
//   - Heading attributes ({#id}) are removed; kb derives heading ids.
//
// Fenced code blocks and code spans are kept as they are.
func Clean(body string) string {
	body = shortcodeRE.ReplaceAllStringFunc(body, shortcodeText)
	lines := strings.Split(body, "\n")
	bad := badReferences(lines)
	var out []string
	fence := ""      // the open fence, or ""
	drop := false    // inside a block that is removed
	api := false     // inside a :::api block
	comment := false // inside an HTML comment
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " \t")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && isSpace(strings.TrimLeft(trimmed, fence[:1])) {
				fence = ""
				if drop {
					drop = false
					continue
				}
			}
			if !drop {
				out = append(out, line)
			}
			continue
		}
		if m := fenceRE.FindStringSubmatch(trimmed); m != nil && !comment && !api {
			fence = m[1]
			drop = strings.HasPrefix(m[2], "import")
			if !drop {
				out = append(out, line)
			}
			continue
		}
		if m := containerRE.FindStringSubmatch(trimmed); m != nil && !comment {
			kind, title := m[1], strings.TrimSpace(m[2])
			switch {
			case api:
				api = kind != ""
			case kind == "api":
				api = true
			case kind != "" && kind != "alt" && title != "":
				out = append(out, "", title, "")
				continue
			}
			out = append(out, "")
			continue
		}
		if api {
			continue
		}
		if comment {
			end := strings.Index(line, "-->")
			if end < 0 {
				continue
			}
			comment = false
			line = line[end+len("-->"):]
		}
		if i := strings.Index(line, "<!--"); i >= 0 && !strings.Contains(line[i:], "-->") {
			comment = true
			line = line[:i]
		}
		if refDefRE.MatchString(line) {
			if m := refDefRE.FindStringSubmatch(line); bad[strings.ToLower(m[1])] {
				continue
			}
		}
		out = append(out, cleanInline(line, bad))
	}
	return strings.Join(out, "\n")
}

var (
	shortcodeRE = regexp.MustCompile(`(?s)\{\{[<%].*?[%>]\}\}`)
	attrRE      = regexp.MustCompile(`(\w+)="([^"]*)"`)
	fenceRE     = regexp.MustCompile("^(```+|~~~+)\\s*(.*)$")
	containerRE = regexp.MustCompile(`^:::+\s*([A-Za-z][\w-]*)?\s*(.*)$`)
	refDefRE    = regexp.MustCompile(`^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(\s.*)?$`)
	codeSpanRE  = regexp.MustCompile("(`+)[^`].*?(`+)")
	linkTagRE   = regexp.MustCompile(`\{@link\s+([^\s}]+)(?:\s+([^}]*))?\}`)
	atTagRE     = regexp.MustCompile(`\{@\w+\}`)
	commentRE   = regexp.MustCompile(`<!--.*?-->`)
	htmlTagRE   = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	imageRE     = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	linkRE      = regexp.MustCompile(`\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)
	headingIDRE = regexp.MustCompile(`\s*\{#[\w-]+\}\s*$`)
	absoluteRE  = regexp.MustCompile(`^(?i)(https?:|mailto:)`)
)

// shortcodeText is what stays of a Hugo shortcode: its text attributes.
func shortcodeText(sc string) string {
	var keep []string
	for _, m := range attrRE.FindAllStringSubmatch(sc, -1) {
		switch m[1] {
		case "title", "subtitle", "text", "bottomtext":
			if v := strings.TrimSpace(m[2]); v != "" {
				keep = append(keep, v)
			}
		}
	}
	if len(keep) == 0 {
		return ""
	}
	return "\n\n" + strings.Join(keep, "\n\n") + "\n\n"
}

// badReferences returns the labels (lower case) of link reference
// definitions whose destination is not an absolute URL.
func badReferences(lines []string) map[string]bool {
	bad := map[string]bool{}
	for _, line := range lines {
		if m := refDefRE.FindStringSubmatch(line); m != nil && !absoluteRE.MatchString(m[2]) && !strings.HasPrefix(m[1], "^") {
			bad[strings.ToLower(m[1])] = true
		}
	}
	return bad
}

// cleanInline cleans one line outside code blocks; its code spans are kept.
func cleanInline(line string, bad map[string]bool) string {
	line = linkTagRE.ReplaceAllStringFunc(line, func(s string) string {
		m := linkTagRE.FindStringSubmatch(s)
		if t := strings.TrimSpace(m[2]); t != "" {
			return t
		}
		target, _, _ := strings.Cut(m[1], "#")
		return target
	})
	// Code spans are set aside, so nothing in them is touched.
	var spans []string
	line = codeSpanRE.ReplaceAllStringFunc(line, func(s string) string {
		m := codeSpanRE.FindStringSubmatch(s)
		if m[1] != m[2] {
			return s
		}
		spans = append(spans, s)
		return "\x00" + strconv.Itoa(len(spans)-1) + "\x00"
	})
	line = atTagRE.ReplaceAllString(line, "")
	line = commentRE.ReplaceAllString(line, "")
	line = htmlTagRE.ReplaceAllString(line, "")
	line = imageRE.ReplaceAllString(line, "")
	line = linkRE.ReplaceAllStringFunc(line, func(s string) string {
		m := linkRE.FindStringSubmatch(s)
		if absoluteRE.MatchString(m[2]) {
			return s
		}
		return m[1]
	})
	for _, label := range slices.Sorted(maps.Keys(bad)) {
		q := regexp.QuoteMeta(label)
		re := regexp.MustCompile(`(?i)\[([^\]]*)\]\[` + q + `\]|\[(` + q + `)\](?:\[\])?`)
		line = re.ReplaceAllString(line, "$1$2")
	}
	line = headingIDRE.ReplaceAllString(line, "")
	for i, s := range spans {
		line = strings.Replace(line, "\x00"+strconv.Itoa(i)+"\x00", s, 1)
	}
	return line
}
