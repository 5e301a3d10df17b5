"""Data portability: `incheck export` and `incheck import`.

An organisation's data leaves as one versioned JSON document and comes back whole:

- **What is in it**: users (with their profile inline), teams, memberships, periods,
  objectives, key results (with the summaries the services keep: current value, confidence,
  open Next Up, outcome), check-ins (with Next Up closures, blocker resolutions and the insight
  a resolution became) and feedback; every column, with its id, so every link survives.
- **What is not**: API tokens (secrets; people make new ones), sessions, Django's groups and
  permissions (unused), and password hashes unless `--with-password-hashes` is given. Without
  hashes, imported users get an unusable password: an admin sets one (`incheck changepassword`).
- **Deterministic**: records sorted by id, keys in a fixed order, one record per line, so
  export → import → export gives the same bytes, except the `exported_at` line (line 4).
- **Streaming** both ways: memory stays flat at a million check-ins (see `export` and
  `reader`); an import only adds 8 bytes per id (and the few unique values) to check
  references.
- **Import** goes into an empty database only, in one transaction, after checking every record;
  a bad file gets a message naming what and where (line, section, record, field), and nothing
  is written. A file re-indented by another JSON tool imports the same, as long as the keys keep
  their order (header first, then the sections in the order of `format.SECTIONS`).
- `--format csv` writes the check-ins for spreadsheets (see `spreadsheet`).
"""
