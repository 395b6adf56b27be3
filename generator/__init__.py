"""Generator for the Lingchuan plan site: data/ (YAML) -> Markdown pages, open data and feeds -> MkDocs.

Pipeline, one module a step: load (YAML with line numbers) -> validate (typed models, cross-references)
-> index (ids, URLs, back-links, deadline grouping) -> render (Jinja2 templates) -> write (generated folders only).
"""
