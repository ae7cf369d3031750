package render

import (
	"bytes"
	"encoding/xml"

	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/yamldoc"
)

// DCATPath is the open data's metadata in DCAT-AP-SE 3.0.1, RDF/XML, the
// form Sveriges dataportal (dataportal.se) harvests.
const DCATPath = "data/dcat.rdf"

// CC0 is the licence of the open data and of its metadata, as DCAT-AP-SE
// writes its IRI (DIGG requires CC0 on the catalogue).
const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

// DCATPublisherIRI is the IRI dataportal.se expects for a Swedish public
// body, from its organisation number, so that its datasets from several
// catalogues are merged under one publisher.
func DCATPublisherIRI(orgNumber string) string {
	return "http://dataportal.se/organisation/SE" + orgNumber
}

// WritesDCAT reports whether the build writes data/dcat.rdf: only with a
// base URL that has a host (every IRI in it is absolute) and a publisher
// in site.yaml (DCAT-AP-SE requires one).
func WritesDCAT(s *site.Site) bool { return s.Config.Origin() != "" && s.Config.Publisher != nil }

// dcat is the metadata of the open data: one catalogue with one dataset,
// the case studies, in two distributions, the JSON and the CSV of
// RenderData. Catalogue, dataset, distributions and contact point are
// named by fragments of the file's own URL, the publisher by the IRI
// dataportal.se gives Swedish organisations: no blank nodes, which the
// portal does not accept for these. The dates are the newest case
// study's (published or updated), so the same content gives the same
// bytes.
func dcat(s *site.Site) []byte {
	cfg := s.Config
	pub := cfg.Publisher
	self := absURL(s, DCATPath)
	var newest yamldoc.Date
	for _, p := range s.CaseStudies {
		for _, d := range []yamldoc.Date{p.Meta.Published, p.Meta.Updated} {
			if d.After(newest.Time) {
				newest = d
			}
		}
	}
	desc := cfg.Description
	if desc == "" {
		desc = cfg.Title
	}
	lang := "sv"
	if cfg.Language != "" {
		lang = cfg.Language
	}
	const langIRI = "http://publications.europa.eu/resource/authority/language/SWE"

	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">` + "\n")
	open := func(class, iri string) { b.WriteString("<" + class + ` rdf:about="` + esc(iri) + "\">\n") }
	text := func(prop, value string) {
		b.WriteString(" <" + prop + ` xml:lang="` + esc(lang) + `">` + esc(value) + "</" + prop + ">\n")
	}
	plain := func(prop, value string) { b.WriteString(" <" + prop + ">" + esc(value) + "</" + prop + ">\n") }
	ref := func(prop, iri string) { b.WriteString(" <" + prop + ` rdf:resource="` + esc(iri) + "\"/>\n") }
	date := func(prop string) {
		if !newest.IsZero() {
			b.WriteString(" <" + prop + ` rdf:datatype="http://www.w3.org/2001/XMLSchema#date">` + newest.String() + "</" + prop + ">\n")
		}
	}

	open("dcat:Catalog", self+"#katalog")
	text("dcterms:title", cfg.Title)
	text("dcterms:description", desc)
	ref("dcterms:publisher", DCATPublisherIRI(pub.OrganisationNumber))
	ref("dcterms:license", CC0)
	ref("dcterms:language", langIRI)
	ref("foaf:homepage", absURL(s, ""))
	date("dcterms:modified")
	ref("dcat:dataset", self+"#fallstudier")
	b.WriteString("</dcat:Catalog>\n")

	open("dcat:Dataset", self+"#fallstudier")
	text("dcterms:title", "Fallstudier: "+cfg.Title)
	text("dcterms:description", "Kommuners och regioners erfarenheter av välfärdsteknik i äldreomsorgen, en rad per fallstudie: kommun och län med SCB:s koder, teknikområden, status, datum, lärdomar, effekter, upphandling och källor.")
	ref("dcterms:publisher", DCATPublisherIRI(pub.OrganisationNumber))
	ref("dcat:contactPoint", self+"#kontakt")
	ref("dcat:landingPage", absURL(s, "fallstudier/"))
	ref("dcterms:language", langIRI)
	ref("dcat:theme", "http://publications.europa.eu/resource/authority/data-theme/SOCI")
	ref("dcat:theme", "http://publications.europa.eu/resource/authority/data-theme/HEAL")
	ref("dcterms:spatial", "http://publications.europa.eu/resource/authority/country/SWE")
	ref("dcterms:accessRights", "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
	for _, k := range []string{"välfärdsteknik", "äldreomsorg", "kommuner", "digitalisering"} {
		text("dcat:keyword", k)
	}
	date("dcterms:modified")
	ref("dcat:distribution", self+"#json")
	ref("dcat:distribution", self+"#csv")
	b.WriteString("</dcat:Dataset>\n")

	for _, d := range []struct{ id, path, title, media string }{
		{"json", OpenDataJSON, "Fallstudier som JSON", "application/json"},
		{"csv", OpenDataCSV, "Fallstudier som CSV", "text/csv"},
	} {
		open("dcat:Distribution", self+"#"+d.id)
		text("dcterms:title", d.title)
		ref("dcat:accessURL", absURL(s, d.path))
		ref("dcat:downloadURL", absURL(s, d.path))
		plain("dcterms:format", d.media) // DCAT-AP-SE: the media type as a literal
		ref("dcat:mediaType", "https://www.iana.org/assignments/media-types/"+d.media)
		ref("dcterms:license", CC0)
		date("dcterms:modified")
		b.WriteString("</dcat:Distribution>\n")
	}

	open("foaf:Agent", DCATPublisherIRI(pub.OrganisationNumber))
	text("foaf:name", pub.Name)
	ref("dcterms:type", "http://purl.org/adms/publishertype/"+pub.Type)
	b.WriteString("</foaf:Agent>\n")

	open("vcard:Organization", self+"#kontakt")
	plain("vcard:fn", pub.ContactName)
	ref("vcard:hasEmail", "mailto:"+pub.ContactEmail)
	b.WriteString("</vcard:Organization>\n")
	b.WriteString("</rdf:RDF>\n")
	return b.Bytes()
}

// esc escapes text for XML content and attribute values.
func esc(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
