// Package csp is the site's content security policy, defined once. The
// render stage writes it into every page, as a <meta> element (GitHub Pages
// sends no headers of a site's choosing), and into _headers for the hosts
// that read it; kb serve and the browser tests send it as a header.
//
// The policy lets a page use what comes from the site's own origin and
// nothing from anywhere else: no inline script or style, no eval, no
// plugins, no <base> or form pointing elsewhere, images also as data: URLs,
// and, in the header, no framing by any page.
//
// A policy in a <meta> element governs only what follows it in the
// document, so a layout writes it first in <head>, before any script, style
// sheet or link. Browsers ignore frame-ancestors, report-uri and sandbox
// there (and Chromium logs an error for each); [Meta] leaves them out.
package csp

import "strings"

// directive is one directive of the policy. headerOnly marks those a
// browser ignores in a <meta> policy.
type directive struct {
	name, value string
	headerOnly  bool
}

// policy is the site's policy, in the order it is written.
var policy = [...]directive{
	{"default-src", "'self'", false},
	{"img-src", "'self' data:", false},
	{"object-src", "'none'", false},
	{"base-uri", "'self'", false},
	{"form-action", "'self'", false},
	{"frame-ancestors", "'none'", true},
}

// Header is the policy as the value of a Content-Security-Policy header.
func Header() string { return join(false) }

// Meta is the policy as the content of
// <meta http-equiv="Content-Security-Policy">: Header without the
// directives that only a header can carry.
func Meta() string { return join(true) }

func join(meta bool) string {
	var parts []string
	for _, d := range policy {
		if meta && d.headerOnly {
			continue
		}
		parts = append(parts, d.name+" "+d.value)
	}
	return strings.Join(parts, "; ")
}
