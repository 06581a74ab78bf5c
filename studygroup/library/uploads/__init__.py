"""The import wizard: upload → preview (with fixes) → save, shared by every way in.

The Django admin's import and re-import and a group's own upload (groups/uploads_views.py)
all go through these modules, so there is one wizard:

* `stash`: the upload's bytes wait in the shared cache between preview and save, under a
  token kept in the uploader's session, claimed once;
* `reading`: size limit, parse, checksum, with a clear message for every bad file;
* `fixes`: simple corrections made in the preview, before anything is saved, replayed
  on the parsed text each time (so the preview and the save see the same structure);
* `preview`: what an import would produce (title, author, chapters, sub-headings,
  footnotes, warnings, the proposed weeks), computed without writing;
* `wizard`: the two steps (start, claim) that every way in takes;
* `admin_views`: the admin's import and re-import pages, one wizard for both.
"""
