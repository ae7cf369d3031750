package issueform

import (
	"fmt"
	"strings"
)

// Comment writes problems as the comment the workflow posts on the issue:
// in Swedish, one item an answer, each saying what to change and how. Text
// that came from the issue is written so that Markdown cannot read it as
// anything but text (no links, mentions, HTML or emphasis).
func Comment(probs []Problem) string {
	var b strings.Builder
	b.WriteString("Tack för fallstudien! Några svar behöver ändras innan den kan bli en pull request:\n\n")
	for _, p := range probs {
		if p.Field != "" {
			fmt.Fprintf(&b, "- **%s**: %s\n", p.Field, escape(p.Message))
		} else {
			fmt.Fprintf(&b, "- %s\n", escape(p.Message))
		}
	}
	b.WriteString("\nÄndra ärendet så här: klicka på de tre punkterna (…) uppe till höger i ärendets första inlägg och välj **Edit**. " +
		"Rätta svaren under rubrikerna ovan och klicka på **Update comment**. Då görs fallstudien om och kontrolleras igen.\n")
	return b.String()
}

// escape writes every character Markdown or HTML could give a meaning to
// as a numeric character reference, which GitHub shows as the character.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+!|~@&:", r) {
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		if r == '\n' || r == '\r' {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
