package render

// MinifyWholePages makes t minify every page whole, with the fragments
// rendered once already inside, as render did before fragments were
// minified apart: the reference TestFragmentsAsWholePages compares with.
func MinifyWholePages(t *Theme) { t.wholePages = true }
