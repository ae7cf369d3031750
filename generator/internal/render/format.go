package render

import (
	"fmt"
	"strings"

	"kunskapsbanken/generator/internal/yamldoc"
)

var months = [...]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}

// swedishDate writes a date as Swedish readers do: 1 juni 2020.
func swedishDate(d yamldoc.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d %s %d", d.Day(), months[d.Month()-1], d.Year())
}

// swedishNumber groups thousands with a space, as Swedish does: 10 000.
func swedishNumber(n int) string {
	s := fmt.Sprint(n)
	if n < 10000 && n > -10000 {
		return s // Swedish leaves four-digit numbers ungrouped
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 && r != '-' {
			b.WriteRune('\u00a0')
		}
		b.WriteRune(r)
	}
	return b.String()
}
