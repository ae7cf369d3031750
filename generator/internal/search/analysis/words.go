package analysis

import (
	"strings"

	"github.com/blevesearch/segment"
)

// words calls fn with the byte offsets of every token bleve's unicode
// tokenizer makes of text (cut): github.com/blevesearch/segment's word segments
// (UAX #29) of letters, numbers or underscores.
//
// Segmenting is most of the time the analysis takes, and almost all text
// of the site is lines of ASCII and Latin-1 letters, for which the rules
// of UAX #29 come down to a few: letters, digits and underscores join;
// a letter, then ':', '.' or ”', then a letter join (e.g, o'boy); a
// digit, then ',', ';', '.' or ”', then a digit join (3,5); everything
// else separates. Such lines are cut here, in one pass over the bytes; a
// line with any other character goes to segment. Lines can be cut apart
// because UAX #29 always breaks around a line feed. text must be UTF-8,
// as the content stage makes sure (segment joins invalid bytes across a
// line feed). words_test.go checks
// this against segment over the site, a corpus, every pair and triple of
// the characters it treats specially, and a fuzz target.
func words(text string, fn func(start, end int)) {
	for _, t := range cut(nil, text) {
		fn(t.Start, t.End)
	}
}

// cut appends the tokens of text to dst, their offsets only (no Word),
// and returns it.
func cut(dst []Token, text string) []Token {
	for at := 0; at <= len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		line := text[at:end]
		var ok bool
		if dst, ok = simpleWords(dst, line, at); !ok {
			dst = segmentWords(dst, line, at)
		}
		at = end + 1
	}
	return dst
}

// segmentWords is cut by segment itself, for one line.
func segmentWords(dst []Token, text string, offset int) []Token {
	seg := segment.NewWordSegmenterDirect([]byte(text))
	start := 0
	for seg.Segment() {
		end := start + len(seg.Bytes())
		if seg.Type() != segment.None {
			dst = append(dst, Token{Start: offset + start, End: offset + end})
		}
		start = end
	}
	return dst
}

// Word_Break classes of the characters simpleWords knows.
const (
	wbOther     = iota
	wbLetter    // ALetter: A-Z, a-z, and U+00C0 to U+00FF but × and ÷
	wbNumeric   // 0-9
	wbMidLetter // :
	wbMidNum    // , ;
	wbMidNumLet // . and ' (MidNumLet, Single_Quote)
	wbExtendNum // _
	wbUnknown   // anything else: the line goes to segment
)

var asciiClass = func() (c [128]uint8) {
	for b := 0; b < 128; b++ {
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z':
			c[b] = wbLetter
		case b >= '0' && b <= '9':
			c[b] = wbNumeric
		case b == ':':
			c[b] = wbMidLetter
		case b == ',', b == ';':
			c[b] = wbMidNum
		case b == '.', b == '\'':
			c[b] = wbMidNumLet
		case b == '_':
			c[b] = wbExtendNum
		case b == '\r', b == 0x0b, b == 0x0c, b == 0x85:
			c[b] = wbUnknown // line breaks of their own: leave them to segment
		default:
			c[b] = wbOther
		}
	}
	return c
}()

// class returns the class of the character at s[i] and its length in bytes.
func class(s string, i int) (uint8, int) {
	b := s[i]
	if b < 0x80 {
		return asciiClass[b], 1
	}
	// U+00C0 to U+00FF are 0xC3 0x80 to 0xC3 0xBF; all are letters but
	// U+00D7 × and U+00F7 ÷.
	if b == 0xC3 && i+1 < len(s) {
		if c := s[i+1]; c >= 0x80 && c <= 0xBF && c != 0x97 && c != 0xB7 {
			return wbLetter, 2
		}
	}
	// Punctuation Swedish text uses that separates like a space: U+00A0
	// no-break space; U+2013 en dash, U+2014 em dash, U+201C and U+201D
	// quotation marks, U+2026 ellipsis (0xE2 0x80 0x93, 94, 9C, 9D, A6).
	if b == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
		return wbOther, 2
	}
	if b == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 {
		switch s[i+2] {
		case 0x93, 0x94, 0x9C, 0x9D, 0xA6:
			return wbOther, 3
		}
	}
	return wbUnknown, 1
}

// simpleWords cuts a line made only of the characters class knows,
// appending its tokens to dst, in one pass: every character's class is
// looked at once, by the outer loop or the inner one. For any other line
// it reports false, and dst as it was.
func simpleWords(dst []Token, line string, offset int) ([]Token, bool) {
	n := len(dst)
	for i := 0; i < len(line); {
		// class, with its ASCII case in line: class is too large for the
		// compiler to inline, and calling it for every byte cost more
		// than the cutting.
		c, w := uint8(0), 1
		if b := line[i]; b < 0x80 {
			c = asciiClass[b]
		} else {
			c, w = class(line, i)
		}
		if c == wbUnknown {
			return dst[:n], false
		}
		if c != wbLetter && c != wbNumeric && c != wbExtendNum {
			i += w
			continue
		}
		start, last := i, c
		i += w
		for i < len(line) {
			c2, w2 := uint8(0), 1
			if b := line[i]; b < 0x80 {
				c2 = asciiClass[b]
			} else {
				c2, w2 = class(line, i)
			}
			if c2 == wbUnknown {
				return dst[:n], false
			}
			if c2 == wbLetter || c2 == wbNumeric || c2 == wbExtendNum {
				last = c2
				i += w2
				continue
			}
			if i+w2 < len(line) {
				c3, w3 := class(line, i+w2)
				letters := last == wbLetter && (c2 == wbMidLetter || c2 == wbMidNumLet) && c3 == wbLetter
				numbers := last == wbNumeric && (c2 == wbMidNum || c2 == wbMidNumLet) && c3 == wbNumeric
				if letters || numbers {
					last = c3
					i += w2 + w3
					continue
				}
			}
			break
		}
		dst = append(dst, Token{Start: offset + start, End: offset + i}) // an underscore alone is a word to segment too
	}
	return dst, true
}
