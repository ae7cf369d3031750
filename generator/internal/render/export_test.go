package render

// MinifyWholePages makes t minify every page whole, with the fragments
// rendered once already inside, as render did before fragments were
// minified apart: the reference TestFragmentsAsWholePages compares with.
func MinifyWholePages(t *Theme) { t.wholePages = true }

// UsageTableHeld reports whether the table of "Vem använder vad" that
// jobs list holds its orders or a list of rows.
func UsageTableHeld(jobs []*Data) bool {
	for _, d := range jobs {
		if d.List != nil && d.List.usage != nil {
			t := d.List.usage
			t.mu.Lock()
			held := t.perm != nil || t.ranks != nil || t.rows != nil
			t.mu.Unlock()
			if held {
				return true
			}
		}
	}
	return false
}
