// Package themes holds kb's own copy of the themes in this folder, so that
// kb works where a project has none: a downloaded kb run in a folder with
// only site.yaml and content/ previews and builds with the default theme,
// nothing else installed.
//
// load.ReadTheme reads a project's themes/<name>/ when it exists, and this
// copy only when it does not: a project's own theme always wins, whole, as
// it is on disk. The copy is the one kb was built from, so a project that
// keeps its own themes/default/ sees changes to kb's theme only when it
// updates that folder.
package themes

import "embed"

// FS holds each embedded theme as a folder named as in themes/ (today only
// default/), with every file of it: layouts/, i18n/ and static/. All files
// are embedded, those beginning with "_" too, so the copy reads as the
// folder does (load.ReadTheme leaves out names beginning with "." in both).
//
//go:embed all:default
var FS embed.FS
