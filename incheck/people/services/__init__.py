"""Every write about people and teams: one keyword-only function, one transaction, audited.

- `people`: invite-free creation rules, deactivate, reactivate, admin rights, hand-over of KRs;
- `invitations`: the one-time link to set a password or sign in with SSO;
- `teams`: create, rename, nest, archive; `members`: add, remove, choose leads;
- `roster`: the CSV import of people and teams (dry run, then apply).
"""
