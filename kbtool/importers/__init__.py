"""Bringing a collection from another Markdown system (DocFX, MkDocs, plain front matter) into the knowledge base.

`run.import_collection` reads the source folder (`sources`, `frontmatter`),
lets the profile (`docfx`, `mkdocs`, `generic`) say what each file is and
where its facts are, plans ids and file names (`plan`), converts each body
(`convert`, `kinds`) and front matter (`metadata`, `owners`, `tags`),
then writes everything at once (`writer`) and reports what was done with
every file (`report`). The source folder is only ever read.
"""
