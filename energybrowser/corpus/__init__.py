"""Articles: the model, Markdown files with front matter, the importer and corpus folders."""
