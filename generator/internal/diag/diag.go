// Package diag holds the one message type every stage of the pipeline
// reports problems with, and the ways of printing a run's messages.
//
// A build never stops at the first problem: each stage appends what it finds
// to a List, and the command prints the whole list, sorted, at the end. The
// text form is the one compilers use (path:line:col: message) so editors and
// terminals make it clickable; the GitHub form turns the same messages into
// pull-request annotations.
package diag

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Severity says whether a message stops the build.
type Severity int

const (
	Error   Severity = iota // the site is not published
	Warning                 // printed, but the site is published
)

// Diagnostic is one problem at one place in one file.
type Diagnostic struct {
	Path     string // slash-separated, relative to the project root
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, in characters; 0 when unknown
	Severity Severity
	Message  string // what is wrong and how to fix it
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("varning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List collects the messages of a run. The zero value is ready to use. A
// List is not safe for concurrent use: parallel stages give each worker its
// own List and merge them with Append in input order.
type List []Diagnostic

// Errorf adds an error at path:line:col.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at path:line:col.
func (l *List) Warnf(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Append adds every message of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any message is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders the messages by file, line and column, so output is the same
// whatever order parallel workers finished in. Identical messages are kept
// once.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Message < b.Message
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// WriteText prints one message a line, as path:line:col: message.
func (l List) WriteText(w io.Writer) error {
	for _, d := range l {
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	return nil
}

// WriteGitHub prints the messages as GitHub Actions workflow commands, which
// GitHub shows as annotations on the lines of a pull request.
func (l List) WriteGitHub(w io.Writer) error {
	for _, d := range l {
		kind := "error"
		if d.Severity == Warning {
			kind = "warning"
		}
		props := "file=" + escapeProperty(d.Path)
		if d.Line > 0 {
			props += fmt.Sprintf(",line=%d", d.Line)
			if d.Col > 0 {
				props += fmt.Sprintf(",col=%d", d.Col)
			}
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", kind, props, escapeData(d.Message)); err != nil {
			return err
		}
	}
	return nil
}

// The escaping rules of GitHub's workflow commands (actions/toolkit,
// packages/core/src/command.ts): data escapes %, CR and LF; property values
// also escape : and ,.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteSummary writes every message as Markdown for a GitHub job summary
// ($GITHUB_STEP_SUMMARY): the counts, then a table per file. GitHub shows
// at most 10 annotations of a kind per step, so the summary is where an
// editor finds problem 11 and beyond. Messages are written as text:
// characters Markdown or HTML would read are character references.
func (l List) WriteSummary(w io.Writer, title string) error {
	errs, warns := l.Count()
	var b strings.Builder
	fmt.Fprintf(&b, "## %s: %d fel, %d varningar\n\n", title, errs, warns)
	for i, d := range l {
		if i == 0 || d.Path != l[i-1].Path {
			fmt.Fprintf(&b, "### %s\n\n| rad | kolumn | problem |\n| ---: | ---: | --- |\n", summaryText(d.Path))
		}
		pos := func(n int) string {
			if n == 0 {
				return ""
			}
			return fmt.Sprint(n)
		}
		msg := summaryText(d.Message)
		if d.Severity == Warning {
			msg = "varning: " + msg
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", pos(d.Line), pos(d.Col), msg)
		if i == len(l)-1 || l[i+1].Path != d.Path {
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func summaryText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune("\\`*_{}[]<>()#+!|~@&", r):
			fmt.Fprintf(&b, "&#%d;", r)
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
