package page

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// SplitError says why a file has no usable front matter.
type SplitError struct {
	Line, Col int
	Message   string
}

func (e *SplitError) Error() string { return e.Message }

var bom = []byte("\xEF\xBB\xBF")

// Normalize returns src without a byte-order mark and with CRLF line
// endings turned into LF, the form every later stage expects. It reports
// the position of the first byte that is not UTF-8.
func Normalize(src []byte) ([]byte, *SplitError) {
	src = bytes.TrimPrefix(src, bom)
	if !utf8.Valid(src) {
		line, col := 1, 1
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += n
		}
		return nil, &SplitError{line, col, "filen är inte sparad som UTF-8 (kanske Windows-1252 eller Latin-1); spara om den som UTF-8 i redigeraren"}
	}
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src, nil
}

// Split separates the front matter, between a first line "---" and the next
// line "---", from the body. The returned body is src with the front matter
// lines, delimiters included, emptied, so a line number in the body is a line
// number in the file. src must be normalized.
func Split(src []byte) (frontMatter, body []byte, err *SplitError) {
	return SplitInto(nil, src)
}

// SplitInto is Split with the body appended to dst[:0], in dst's memory
// when it has room, rather than in new memory.
func SplitInto(dst, src []byte) (frontMatter, body []byte, err *SplitError) {
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil, &SplitError{1, 1, "filen är tom; en sida börjar med front matter mellan två rader ---, se CONTENT.md"}
	}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, &SplitError{1, 1, "filen saknar front matter; börja filen med en rad ---, sedan nyckel: värde-rader (title, summary …) och en rad --- till"}
	}
	offset := len(first) + 1
	lines := 1
	for len(rest) > 0 {
		line, next, found := bytes.Cut(rest, []byte("\n"))
		lines++
		if string(bytes.TrimRight(line, " \t")) == "---" {
			fm := src[len(first)+1 : offset]
			end := offset + len(line)
			if found {
				end++
			}
			body = slices.Grow(dst[:0], len(src)-end+lines)
			for range lines {
				body = append(body, '\n')
			}
			body = append(body, src[end:]...)
			return fm, body, nil
		}
		offset += len(line) + 1
		if !found {
			break
		}
		rest = next
	}
	return nil, nil, &SplitError{1, 1, "front matter avslutas aldrig; lägg till en rad med bara --- efter den sista nyckeln"}
}
