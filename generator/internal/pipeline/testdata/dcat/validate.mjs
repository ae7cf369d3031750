// Validates an RDF/XML file against SHACL shapes in Turtle.
//
//   node validate.mjs data.rdf shapes1.ttl [shapes2.ttl …]
//
// Prints one JSON object: {conforms, triples, blankSubjects, results:
// [{focus, path, message, shape}]}. The RDF/XML parser
// (rdfxml-streaming-parser) and the Turtle parser (n3) are real parsers: a
// file that is not well-formed RDF fails here, before any shape is tried.
import { readFileSync } from "node:fs";
import { RdfXmlParser } from "rdfxml-streaming-parser";
import { Parser } from "n3";
import SHACLValidator from "rdf-validate-shacl";
import factory from "rdf-validate-shacl/src/defaultEnv.js";

const [dataFile, ...shapeFiles] = process.argv.slice(2);

/** @returns {Promise<any[]>} */
function parseRdfXml(file) {
	return new Promise((resolve, reject) => {
		const quads = [];
		const parser = new RdfXmlParser({ baseIRI: "http://invalid.example/" });
		parser.on("data", (q) => quads.push(q));
		parser.on("error", reject);
		parser.on("end", () => resolve(quads));
		parser.write(readFileSync(file, "utf8"));
		parser.end();
	});
}

const data = await parseRdfXml(dataFile);
const shapes = shapeFiles.flatMap((f) => new Parser({ baseIRI: "file:///" + f }).parse(readFileSync(f, "utf8")));
const validator = new SHACLValidator(factory.dataset(shapes), { factory });
const report = await validator.validate(factory.dataset(data));
const blankSubjects = new Set(data.filter((q) => q.subject.termType === "BlankNode").map((q) => q.subject.value)).size;
const relative = data.filter((q) => q.object.termType === "NamedNode" && q.object.value.startsWith("http://invalid.example/")).length;
console.log(JSON.stringify({
	conforms: report.conforms,
	triples: data.length,
	blankSubjects,
	relative,
	results: report.results.map((r) => ({
		focus: r.focusNode?.value,
		path: r.path?.value,
		message: r.message.map((m) => m.value).join("; "),
		shape: r.sourceConstraintComponent?.value,
	})),
}));
