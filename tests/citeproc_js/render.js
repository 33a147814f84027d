// Test helper: renders CSL-JSON items with citeproc-js (the engine Zotero uses), for the fixtures
// the citation tests compare against. Not part of the app; see make_fixtures.py.
//   node render.js REQUEST.json  ->  {"<style>": {"<item id>": {"reference": "…", "citation": "…"}}}
// REQUEST: {"styles": {"<style>": {"csl": "<path>", "locale": "en-US"}}, "locales_dir": "<dir>",
//           "items": [<CSL-JSON item>, ...]}
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const items = Object.fromEntries(request.items.map((item) => [item.id, item]));
const out = {};
for (const [name, style] of Object.entries(request.styles)) {
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(request.locales_dir, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => items[id],
  };
  const engine = new CSL.Engine(sys, fs.readFileSync(style.csl, "utf8"), style.locale, true);
  engine.setOutputFormat("text");
  out[name] = {};
  for (const id of Object.keys(items)) {
    engine.updateItems([id]);
    const [, entries] = engine.makeBibliography();
    const citation = engine.makeCitationCluster([{ id }]);
    out[name][id] = { reference: entries.join("").trim(), citation: citation.trim() };
  }
}
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
