package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// excerptAt returns the section holding byte offset off of a page's body
// (its sections joined by newlines), and about ExcerptWords words of the
// block (line) there: a few before the offset and the rest after, with "…"
// where the block was cut. The excerpt is a copy, not a slice of the text.
func excerptAt(secs []Section, off int) (Section, string) {
	var sec Section
	for _, s := range secs {
		if off <= len(s.Text) {
			sec = s
			break
		}
		off -= len(s.Text) + 1
	}
	text := sec.Text
	if off < 0 || off > len(text) {
		return sec, ""
	}
	// The block: the line around off.
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	lineEnd := len(text)
	if i := strings.IndexByte(text[off:], '\n'); i >= 0 {
		lineEnd = off + i
	}
	line, at := text[lineStart:lineEnd], off-lineStart

	const before = 8
	start := at
	for n := 0; n < before && start > 0; {
		start = wordStartBefore(line, start)
		n++
	}
	// Prefer to begin at a sentence start close by.
	if i := strings.LastIndex(line[start:at], ". "); i >= 0 {
		start += i + 2
	}
	end := start
	for n := 0; n < ExcerptWords && end < len(line); n++ {
		end = wordEndAfter(line, end)
	}
	out := strings.TrimSpace(line[start:end])
	if start > 0 {
		out = "… " + out
	}
	if end < len(line) {
		out += " …"
	}
	return sec, strings.Clone(out)
}

// wordStartBefore returns the start of the word before byte i.
func wordStartBefore(s string, i int) int {
	for i > 0 { // spaces
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	for i > 0 { // the word
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if unicode.IsSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// wordEndAfter returns the end of the word at or after byte i.
func wordEndAfter(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}
