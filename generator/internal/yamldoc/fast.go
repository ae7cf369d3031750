package yamldoc

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// parseFast builds the tree yaml.v3 builds for src when src is written in
// the few forms editors' front matter uses (checked against yaml.v3 by
// TestParseFastAsYAML and FuzzParseFast): one key per line at the margin,
// each with a double-quoted string without escapes, a plain word or
// phrase, a one-line flow list of those, or a block list, indented two
// spaces, of such values or of mappings of them. ok is false for anything
// else (comments, blank lines, tabs, other quoting, continuation lines,
// deeper nesting), which yaml.v3 then reads. yaml.v3's scanner and event
// parser cost about as much as the rest of a page's front matter reading
// on these small documents.
func parseFast(src []byte) (root *yaml.Node, ok bool) {
	if len(src) == 0 || src[len(src)-1] != '\n' || !fastChars(src) {
		return nil, false
	}
	lines := bytes.Split(src[:len(src)-1], []byte("\n"))
	root = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for i := 0; i < len(lines); {
		key, val, ok := fastPair(lines[i], i+1, 1)
		if !ok {
			return nil, false
		}
		i++
		if val == nil {
			if val, i, ok = fastBlockList(lines, i); !ok {
				return nil, false
			}
		}
		root.Content = append(root.Content, key, val)
	}
	return root, true
}

// fastChars reports whether src has only characters yaml.v3 reads as
// printable and not as line breaks, and none of '#' (comments), tab, CR.
func fastChars(src []byte) bool {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if c < ' ' && c != '\n' || c == 0x7f || c == '#' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 || r >= 0xd800 && r < 0xe000 || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// fastPair reads "key: value" or "key:" (a block list follows: val is nil)
// from line, whose key is at column col of line number n.
func fastPair(line []byte, n, col int) (key, val *yaml.Node, ok bool) {
	k := 0
	for k < len(line) && (isASCIILetter(line[k]) || k > 0 && (line[k] == '_' || '0' <= line[k] && line[k] <= '9')) {
		k++
	}
	if k == 0 || k == len(line) || line[k] != ':' {
		return nil, nil, false
	}
	key = fastScalar(string(line[:k]), n, col)
	rest := line[k+1:]
	if len(rest) == 0 {
		return key, nil, true
	}
	if rest[0] != ' ' || len(rest) < 2 {
		return nil, nil, false
	}
	val, ok = fastValue(rest[1:], n, col+k+2)
	return key, val, ok
}

// fastValue reads the rest of a line, a value at column col of line n.
func fastValue(v []byte, n, col int) (*yaml.Node, bool) {
	if v[0] == '[' {
		return fastFlowList(v, n, col)
	}
	return fastWord(v, n, col, false)
}

// fastWord reads a double-quoted string or a plain scalar.
func fastWord(v []byte, n, col int, flow bool) (*yaml.Node, bool) {
	if v[0] == '"' {
		if len(v) < 2 || v[len(v)-1] != '"' {
			return nil, false
		}
		s := v[1 : len(v)-1]
		if bytes.IndexByte(s, '"') >= 0 || bytes.IndexByte(s, '\\') >= 0 {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Value: string(s), Line: n, Column: col}, true
	}
	if !plain(v, flow) {
		return nil, false
	}
	return fastScalar(string(v), n, col), true
}

// fastScalar is a plain scalar, tagged as yaml.v3 resolves it.
func fastScalar(s string, n, col int) *yaml.Node {
	node := &yaml.Node{Kind: yaml.ScalarNode, Value: s, Line: n, Column: col}
	node.Tag = node.ShortTag()
	return node
}

// plain reports whether v is a plain scalar that begins with a letter or a
// digit and holds only those, spaces between words and punctuation that
// YAML reads as written there (not '#', quotes, brackets, braces; ':' and
// ',' only outside flow lists, ':' never before a space).
func plain(v []byte, flow bool) bool {
	r, _ := utf8.DecodeRune(v)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) || v[len(v)-1] == ' ' || v[len(v)-1] == ':' {
		return false
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(v[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
			i += size
			continue
		}
		switch {
		case isASCIILetter(c), '0' <= c && c <= '9', c == ' ', c == '-', c == '.', c == '/', c == '_', c == '(', c == ')', c == '+', c == '=', c == ';',
			c == '?', c == '&', c == '%', c == '~', c == '!', c == '*', c == '@', c == '\'':
		case c == ':' && !flow && v[i+1] != ' ':
		case c == ',' && !flow:
		default:
			return false
		}
		i++
	}
	return true
}

// fastFlowList reads "[a, b]" or "[]".
func fastFlowList(v []byte, n, col int) (*yaml.Node, bool) {
	if v[len(v)-1] != ']' {
		return nil, false
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Tag: "!!seq", Line: n, Column: col}
	inner := v[1 : len(v)-1]
	if len(inner) == 0 {
		return list, true
	}
	at := col + 1
	for _, item := range bytes.Split(inner, []byte(", ")) {
		if len(item) == 0 {
			return nil, false
		}
		node, ok := fastWord(item, n, at, true)
		if !ok {
			return nil, false
		}
		list.Content = append(list.Content, node)
		at += utf8.RuneCount(item) + 2
	}
	return list, true
}

// fastBlockList reads the items of a block list from lines[i], each
// "  - value" or "  - key: value" followed by "    key: value" lines, and
// returns the line after it.
func fastBlockList(lines [][]byte, i int) (*yaml.Node, int, bool) {
	if i >= len(lines) || !bytes.HasPrefix(lines[i], []byte("  - ")) {
		return nil, i, false
	}
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: i + 1, Column: 3}
	for i < len(lines) && bytes.HasPrefix(lines[i], []byte("  - ")) {
		item := lines[i][4:]
		if len(item) == 0 {
			return nil, i, false
		}
		key, val, ok := fastPair(item, i+1, 5)
		if !ok {
			// Not a mapping: a value, alone on its line.
			node, ok := fastValue(item, i+1, 5)
			if !ok || i+1 < len(lines) && bytes.HasPrefix(lines[i+1], []byte("   ")) && !bytes.HasPrefix(lines[i+1], []byte("  - ")) {
				return nil, i, false
			}
			list.Content = append(list.Content, node)
			i++
			continue
		}
		if val == nil {
			return nil, i, false
		}
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: i + 1, Column: 5, Content: []*yaml.Node{key, val}}
		i++
		for i < len(lines) && bytes.HasPrefix(lines[i], []byte("    ")) {
			if len(lines[i]) == 4 || lines[i][4] == ' ' {
				return nil, i, false
			}
			key, val, ok := fastPair(lines[i][4:], i+1, 5)
			if !ok || val == nil {
				return nil, i, false
			}
			m.Content = append(m.Content, key, val)
			i++
		}
		list.Content = append(list.Content, m)
	}
	if i < len(lines) && len(lines[i]) > 0 && lines[i][0] == ' ' {
		return nil, i, false
	}
	return list, i, true
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
